import type { PageKindsIndex } from '../../domain/pages/page-kinds-index.js';
import type { ServiceContext } from '../../services/context.js';
import type { SessionCache } from '../../services/sessions/session-cache.js';
import { createSnapshotDirectory } from '../../services/live-state/snapshot-directory.js';
import { type SignInDeps, createSignInDeps } from '../../services/sign-in/sign-in-deps.js';

/** The sign-in services' dependencies as the web layer uses them. */
export interface CustomerSignIn {
  /**
   * The dependencies with a directory answering from exactly the snapshot of `kinds` (the snapshot
   * source's index of it), so a request resolves its page and checks its session against the same
   * data (SES-4). Built once per snapshot.
   */
  at(kinds: PageKindsIndex): SignInDeps;
}

/**
 * One per process, built by the composition root (web/server.ts): every route that signs in, checks
 * or revokes sessions shares `sessionCache`, so a local sign-out or revocation is seen by the very
 * next request.
 *
 * @example const signIn = deps.customerSignIn.at(deps.snapshots.pageKinds(await deps.snapshots.fresh()))
 */
export function createCustomerSignIn(ctx: ServiceContext, options: { secret: string; sessionCache: SessionCache }): CustomerSignIn {
  const base = createSignInDeps(ctx, {
    secret: options.secret,
    directory: createSnapshotDirectory(() => undefined),
    sessionCache: options.sessionCache,
  });
  // Per snapshot, and gone with it.
  const bySnapshot = new WeakMap<PageKindsIndex, SignInDeps>();
  return {
    at(kinds) {
      let bound = bySnapshot.get(kinds);
      if (bound === undefined) {
        bound = { ...base, directory: createSnapshotDirectory(() => kinds) };
        bySnapshot.set(kinds, bound);
      }
      return bound;
    },
  };
}
