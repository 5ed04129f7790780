import type { Snapshot } from '../../domain/snapshot.js';
import type { ServiceContext } from '../../services/context.js';
import type { SessionCache } from '../../services/sessions/session-cache.js';
import { createSnapshotDirectory } from '../../services/live-state/snapshot-directory.js';
import { type SignInDeps, createSignInDeps } from '../../services/sign-in/sign-in-deps.js';

/** The sign-in services' dependencies as the web layer uses them. */
export interface CustomerSignIn {
  /**
   * The dependencies with a directory answering from exactly `snapshot`, so a request resolves its
   * page and checks its session against the same data (SES-4). Built once per snapshot.
   */
  at(snapshot: Snapshot): SignInDeps;
}

/**
 * One per process, built by the composition root (web/server.ts): every route that signs in, checks
 * or revokes sessions shares `sessionCache`, so a local sign-out or revocation is seen by the very
 * next request.
 *
 * @example const signIn = deps.customerSignIn.at(await deps.snapshots.fresh())
 */
export function createCustomerSignIn(ctx: ServiceContext, options: { secret: string; sessionCache: SessionCache }): CustomerSignIn {
  const base = createSignInDeps(ctx, {
    secret: options.secret,
    directory: createSnapshotDirectory(() => undefined),
    sessionCache: options.sessionCache,
  });
  // Per snapshot, and gone with it.
  const bySnapshot = new WeakMap<Snapshot, SignInDeps>();
  return {
    at(snapshot) {
      let bound = bySnapshot.get(snapshot);
      if (bound === undefined) {
        bound = { ...base, directory: createSnapshotDirectory(() => snapshot) };
        bySnapshot.set(snapshot, bound);
      }
      return bound;
    },
  };
}
