import type { Snapshot } from '../../domain/snapshot.js';
import { createSnapshotDirectory } from '../../services/snapshot-directory.js';
import { createSessionCache } from '../../services/session-cache.js';
import { type SignInDeps, createSignInDeps } from '../../services/sign-in-deps.js';
import type { AppDeps } from '../app-deps.js';

/** The sign-in services' dependencies as the web layer uses them. */
export interface CustomerSignIn {
  /**
   * The dependencies with a directory answering from exactly `snapshot`, so a request resolves its
   * page and checks its session against the same data (SES-4). Built once per snapshot.
   */
  at(snapshot: Snapshot): SignInDeps;
}

const byApp = new WeakMap<AppDeps, CustomerSignIn>();

/**
 * One per app: every route that signs in, checks or revokes sessions shares this process's session
 * cache, so a local sign-out or revocation is seen by the very next request.
 *
 * @example const signIn = customerSignInFor(deps).at(await deps.snapshots.fresh())
 */
export function customerSignInFor(deps: AppDeps): CustomerSignIn {
  const known = byApp.get(deps);
  if (known) return known;
  const base = createSignInDeps(deps.ctx, {
    secret: deps.config.secret,
    directory: createSnapshotDirectory(() => undefined),
    sessionCache: createSessionCache(deps.config.caches?.sessionCache),
  });
  const bySnapshot = new WeakMap<Snapshot, SignInDeps>();
  const signIn: CustomerSignIn = {
    at(snapshot) {
      let bound = bySnapshot.get(snapshot);
      if (bound === undefined) {
        bound = { ...base, directory: createSnapshotDirectory(() => snapshot) };
        bySnapshot.set(snapshot, bound);
      }
      return bound;
    },
  };
  byApp.set(deps, signIn);
  return signIn;
}
