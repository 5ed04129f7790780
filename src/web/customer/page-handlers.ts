import type { Context } from 'hono';
import { monthKey } from '../../domain/time-zone.js';
import { isPageHistoryMonth } from '../../domain/history/history-range.js';
import { MonthParam } from '../history-months.js';
import type { Render, Rendered } from '../render-cache.js';
import type { Incident } from '../../domain/status/incident.js';
import { type RenderOptions, renderHistoryPageOf, renderIncidentPage, renderStatusPage } from '../public/render.js';
import { renderSignInPage } from './auth-render.js';
import { cachedPageChrome, noncedPage } from './private-page.js';
import { sendPrivateHtml, sendPrivateParts } from './respond.js';
import type { Located, RouteKit } from './route-kit.js';
import { signedInViewer } from './viewer.js';
import { timeZones } from '../time-zones.js';

const HTML = 'text/html; charset=utf-8';
// What a render answers when the thing asked for is not on this page; sent as the shared 404.
const NOT_ON_PAGE: Rendered = { status: 404, contentType: HTML, body: '' };

type View = { kind: 'status' } | { kind: 'incident'; id: string } | { kind: 'history'; month: string | undefined };

/**
 * `GET /c/:token`, `/c/:token/incidents/:id` and `/c/:token/history[?month=]` (HEAD alike):
 * - unknown token → the shared public 404;
 * - no valid session (checked in memory against the current allowlist, SES-4) → the sign-in form
 *   only, with the requested path kept as `next`;
 * - signed in → the page, rendered once per (customer page, revision, clock epoch) and sent with a
 *   fresh nonce, `no-store` and `Vary: Cookie`.
 */
export function createPageHandlers(kit: RouteKit) {
  const cache = kit.deps.renderCaches.customer;

  const renderFor = (located: Located, view: View, incident: Incident | null): Render => {
    const { snapshot, page } = located.page;
    const options: RenderOptions = { publicUrl: kit.publicUrl, customer: cachedPageChrome(located.path) };
    const rendered = (html: string | null): Rendered => (html === null ? NOT_ON_PAGE : { contentType: HTML, body: html });
    return async (now) => {
      if (view.kind === 'status') return rendered(renderStatusPage(snapshot, page, now, options));
      if (view.kind === 'incident') return rendered(renderIncidentPage(snapshot, page, incident, now, options));
      return rendered(
        await renderHistoryPageOf(kit.deps.archive, located.page, view.month ?? monthKey(now, page.timeZone, timeZones), now, options),
      );
    };
  };

  async function serve(c: Context, view: View): Promise<Response> {
    const located = await kit.locate(c);
    if (!located) return kit.notFound(c);
    const customerPageId = located.page.customerPage.id;
    if (!(await signedInViewer(kit, c, located))) return sendPrivateHtml(c, 200, renderSignInPage(located.auth, requestedPath(c)), null);
    if (view.kind === 'history' && view.month !== undefined) {
      // Made-up months, or months before this page's history, would each be a cache entry of their own.
      const { snapshot, page } = located.page;
      if (
        !MonthParam.safeParse(view.month).success ||
        !isPageHistoryMonth(snapshot, page, view.month, kit.deps.ctx.clock(), timeZones, kit.deps.archive.historyStarts(snapshot))
      )
        return kit.notFound(c);
    }

    const key = `${customerPageId}\0${view.kind}\0${view.kind === 'incident' ? view.id : view.kind === 'history' ? (view.month ?? '') : ''}`;
    let entry = cache.lookup(located.snapshot, key);
    if (entry === undefined) {
      // Looked up on a miss only; an unknown id gets the 404 without an entry of its own.
      const incident = view.kind === 'incident' ? await kit.deps.archive.findIncident(located.snapshot, view.id) : null;
      if (view.kind === 'incident' && incident === null) return kit.notFound(c);
      entry = await cache.fill(located.snapshot, key, renderFor(located, view, incident));
    }
    if (entry.status === 404) return kit.notFound(c);
    if (c.req.method === 'GET' && cache.lookup(located.snapshot, key) === entry) {
      kit.deps.hotCustomerPages.offer(c, {
        response: entry,
        logPath: c.req.path,
        snapshot: located.snapshot,
        epochEndsAtMs: cache.epochEndsAtMs,
        customerPageId,
        sessionCookie: kit.cookies.sessionName(customerPageId),
        signIn: located.signIn,
      });
    }
    const nonce = c.get('cspNonce');
    return sendPrivateParts(c, noncedPage(entry, nonce), nonce);
  }

  return {
    status: (c: Context) => serve(c, { kind: 'status' }),
    incident: (c: Context) => serve(c, { kind: 'incident', id: c.req.param('id') ?? '' }),
    history: (c: Context) => serve(c, { kind: 'history', month: c.req.query('month') }),
  };
}

/**
 * The path (and query) asked for, to come back to after signing in; checked again on use (NXT-1/2).
 * A `token` parameter is left out: a read token pasted onto a page's address must not travel into
 * the stored sign-in link and its mail (LOG-2).
 */
function requestedPath(c: Context): string {
  const url = new URL(c.req.url);
  url.searchParams.delete('token');
  return `${url.pathname}${url.search}`;
}
