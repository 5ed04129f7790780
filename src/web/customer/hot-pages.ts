import type { SignInDeps } from '../../services/sign-in/sign-in-deps.js';
import type { Context } from 'hono';
import { HotEntries, type HotEntry, type HotResponsesOptions, requestTarget } from '../hot-responses.js';
import { isCoveredByFastPath } from '../middleware/fast-path-stand-in.js';

/**
 * A signed-in customer page the app has just sent, ready for the fast path to send again to a viewer
 * whose session this process already holds (see web/fast-path.ts). It carries what the app used to
 * check the session, so that the fast path checks it by the very same rules (`checkSessionInMemory`).
 */
export interface HotCustomerPage extends HotEntry {
  customerPageId: string;
  /** The name of the page's session cookie. */
  sessionCookie: string;
  /** The sign-in services bound to `snapshot`: its directory holds the page's current allowlist. */
  signIn: SignInDeps;
}

/**
 * The signed-in pages (`/c/<token>`, `/c/<token>/incidents/<id>`, `/c/<token>/history`) whose bytes
 * the fast path may send, each only to a viewer whose session passes the in-memory check and only
 * while current (see `HotEntries`): a rotated token, a changed allowlist, a revocation or a sign-out
 * is a write, and every write here or announced by another process empties the map at once.
 */
export class HotCustomerPages extends HotEntries<HotCustomerPage> {
  constructor(options: HotResponsesOptions) {
    // One entry per page and view in use; each mostly points at a render cache entry.
    super(options);
  }

  /**
   * Offers the page just sent for request `c`; kept only for a query-less `/c/…` 200 whose every
   * middleware is one the fast path stands in for (`isCoveredByFastPath`).
   */
  offer(c: Context, hot: HotCustomerPage): void {
    const target = requestTarget(c.req.url);
    if (hot.response.status !== 200 || !isCustomerPageTarget(target) || !isCoveredByFastPath(c)) return;
    this.keep(target, hot);
  }
}

/** `/c/<token>…` with no query or fragment: the exact targets a hot customer page can answer. */
function isCustomerPageTarget(target: string): boolean {
  return target.startsWith('/c/') && target.length > 3 && !target.includes('?') && !target.includes('#');
}
