import type { Context, Hono } from 'hono';
import { timeZones } from '../../time-zones.js';
import { isPageHistoryMonth } from '../../../domain/history/history-range.js';
import { resolveCustomerPage } from '../../../domain/pages/customer-pages.js';
import { monthKey } from '../../../domain/time-zone.js';
import { customerPagePath } from '../../../services/pages/customer-page-path.js';
import { recordCustomerPagePreview } from '../../../services/pages/customer-page-admin.js';
import { staffActor } from '../../../services/staff/staff-audit.js';
import type { StaffIdentity } from '../../../services/staff/staff-sessions.js';
import { CUSTOMER_STYLESHEET } from '../../customer/assets.js';
import { sendPrivateHtml } from '../../customer/respond.js';
import { MonthParam } from '../../history-months.js';
import { type RenderOptions, renderHistoryPageOf, renderIncidentPage, renderStatusPage } from '../../public/render.js';
import { type AdminKit, viewerOf } from '../admin-kit.js';
import { renderMessage } from '../render.js';
import { findCustomerPageById } from './customer-page-lookup.js';

type View = { kind: 'status' } | { kind: 'incident'; id: string } | { kind: 'history'; month: string | undefined };

/** STF-3: reading customer pages is enough to preview one (every staff role). */
const READS = { resource: 'customer-pages', writes: false } as const;

/**
 * "Preview as this customer" (STF-8) at `/admin/customer-pages/:id/preview` (and its incidents and
 * history below it): the page rendered by the customer pages' own renderer and chrome, exactly as a
 * signed-in customer gets it, with a banner saying it is a preview and its links kept inside the
 * preview. It is answered for the staff session alone: no viewer session is created or checked, no
 * customer cookie is set, nothing is cached (`no-store`, never offered to the fast path), and each
 * preview is audited as such, never as a sign-in.
 */
export function mountCustomerPagePreview(routes: Hono, kit: AdminKit): void {
  const notFound = (c: Context, who: StaffIdentity, text: string) =>
    kit.html(c, 404, renderMessage(viewerOf(who), 'Nothing to preview', text));

  const preview = (view: (c: Context) => View) =>
    kit.allowed(READS, async (c, who) => {
      const found = await findCustomerPageById(kit, c.req.param('id'));
      if (!found) return notFound(c, who, 'There is no customer page with that id.');
      const { snapshot, state } = found;
      const base = `/admin/customer-pages/${state.customerPage.id}`;
      // The preview's own slug: the renderer builds every link of the page from it, so they stay in the preview.
      const shown = resolveCustomerPage(kit.deps.snapshots.pageKinds(snapshot), state.customerPage.urlToken, `${base.slice(1)}/preview`);
      if (!shown) return notFound(c, who, 'No one can sign in to this page, so its customers see nothing there (a 404).');
      const nonce = c.get('cspNonce');
      const options: RenderOptions = {
        publicUrl: kit.deps.config.publicUrl,
        customer: {
          stylesheet: CUSTOMER_STYLESHEET.path,
          signOutAction: `${customerPagePath(state.customerPage.urlToken)}/sign-out`,
          tokensHref: `${customerPagePath(state.customerPage.urlToken)}/tokens`,
          scriptNonce: nonce,
          preview: { text: `You see ${state.entry.name}’s page as its customers do. You are not signed in to it.`, backHref: base },
        },
      };
      const now = kit.deps.ctx.clock();
      const wanted = view(c);
      let html: string | null;
      if (wanted.kind === 'status') html = renderStatusPage(shown.snapshot, shown.page, now, options);
      else if (wanted.kind === 'incident') {
        const incident = await kit.deps.archive.findIncident(snapshot, wanted.id);
        html = incident ? renderIncidentPage(shown.snapshot, shown.page, incident, now, options) : null;
      } else {
        const month = wanted.month ?? monthKey(now, shown.page.timeZone, timeZones);
        const known =
          MonthParam.safeParse(month).success &&
          isPageHistoryMonth(snapshot, shown.page, month, now, timeZones, kit.deps.archive.historyStarts(snapshot));
        html = known ? await renderHistoryPageOf(kit.deps.archive, shown, month, now, options) : null;
      }
      if (html === null) return notFound(c, who, 'That is not on this customer page.');
      await recordCustomerPagePreview(kit.deps.ctx, state.customerPage.id, staffActor(who.member.email));
      return sendPrivateHtml(c, 200, html, nonce);
    });

  routes.get(
    '/admin/customer-pages/:id/preview',
    preview(() => ({ kind: 'status' })),
  );
  routes.get(
    '/admin/customer-pages/:id/preview/incidents/:incident',
    preview((c) => ({ kind: 'incident', id: c.req.param('incident') ?? '' })),
  );
  routes.get(
    '/admin/customer-pages/:id/preview/history',
    preview((c) => ({ kind: 'history', month: c.req.query('month') })),
  );
}
