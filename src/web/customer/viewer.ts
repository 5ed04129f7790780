import type { Context } from 'hono';
import { type SessionIdentity, checkSession } from '../../services/sessions/sessions.js';
import type { Located, RouteKit } from './route-kit.js';

/**
 * The viewer whose session cookie opens `located`, or null. Checked on every request (SES-4: the
 * session exists, is unexpired, is of this page, and its address is on the page's current
 * allowlist), by every route that shows a customer page's status: the HTML pages and the v2 API.
 * A cookie that no longer opens the page is cleared, so the browser stops sending it.
 */
export async function signedInViewer(kit: RouteKit, c: Context, located: Located): Promise<SessionIdentity | null> {
  const customerPageId = located.page.customerPage.id;
  const sessionToken = kit.cookies.readSession(c, customerPageId);
  const viewer = sessionToken ? await checkSession(located.signIn, { sessionToken, customerPageId }) : null;
  if (!viewer && sessionToken !== undefined) kit.cookies.clearSession(c, customerPageId);
  return viewer;
}
