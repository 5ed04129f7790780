import type { Context } from 'hono';
import { checkReadToken } from '../../services/sessions/read-tokens.js';
import { type SessionIdentity, checkSession } from '../../services/sessions/sessions.js';
import type { Located, RouteKit } from './route-kit.js';

/**
 * What a personal read token opens (docs/read-tokens.md): the page's v2 API and its feeds, never the
 * HTML pages or the forms. Judged by path here, so a new HTML route is closed to tokens unless listed.
 */
const TOKEN_READABLE = /^\/c\/[^/]+\/(?:api\/v2\/.+|feed\.atom|feed\.rss|maintenance\.ics)$/;

/**
 * The viewer whose session cookie opens `located`, or null. Checked on every request (SES-4: the
 * session exists, is unexpired, is of this page, and its address is on the page's current
 * allowlist), by every route that shows a customer page's status: the HTML pages, the v2 API and the
 * feeds. A cookie that no longer opens the page is cleared, so the browser stops sending it. On the v2
 * API and feeds (GET/HEAD), a personal read token (`Authorization: Bearer`, or `?token=` for feed
 * readers) opens the page too, checked as a session is.
 */
export async function signedInViewer(kit: RouteKit, c: Context, located: Located): Promise<SessionIdentity | null> {
  const customerPageId = located.page.customerPage.id;
  const sessionToken = kit.cookies.readSession(c, customerPageId);
  const viewer = sessionToken ? await checkSession(located.signIn, { sessionToken, customerPageId }) : null;
  if (!viewer && sessionToken !== undefined) kit.cookies.clearSession(c, customerPageId);
  if (viewer) return viewer;
  const token = presentedReadToken(c);
  return token === undefined ? null : checkReadToken(located.signIn, { token, customerPageId });
}

/** The read token a GET/HEAD of a token-readable path carries, if any. */
function presentedReadToken(c: Context): string | undefined {
  if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || !TOKEN_READABLE.test(c.req.path)) return undefined;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  return bearer?.[1] ?? c.req.query('token');
}
