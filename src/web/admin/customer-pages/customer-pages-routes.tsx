import type { Context, Hono } from 'hono';
import { roleMay } from '../../../domain/access/staff-role.js';
import { BeaconError } from '../../../domain/errors.js';
import { explainWhoCanAccess, listCustomerPagesForStaff } from '../../../services/pages/customer-page-admin.js';
import { rotateCustomerPageToken } from '../../../services/pages/customer-pages.js';
import { listPageReadTokens, revokePageReadToken } from '../../../services/sessions/read-tokens.js';
import { type RevokeBy, listSessions, revokeSessions } from '../../../services/sessions/sessions.js';
import { staffActor } from '../../../services/staff/staff-audit.js';
import type { StaffIdentity } from '../../../services/staff/staff-sessions.js';
import { readForm } from '../../customer/form-body.js';
import { sendPrivateHtml, sendSeeOther } from '../../customer/respond.js';
import { routeHashedAssets } from '../../hashed-assets.js';
import { type AdminKit, viewerOf } from '../admin-kit.js';
import { ADMIN_ASSETS, renderMessage, toAdminHtml } from '../render.js';
import { mountAuditScreen } from './audit-routes.js';
import { CustomerPageDetail, type CustomerPageDetailProps } from './customer-page-detail.js';
import { dashboardWriteContext, findCustomerPageById } from './customer-page-lookup.js';
import { mountCustomerPagePreview } from './customer-page-preview-routes.js';
import { COPY_URL_SCRIPT } from './customer-pages-assets.js';
import { CustomerPagesList } from './customer-pages-list.js';
import { ListQuery, RevokeForm } from './customer-pages-schema.js';
import { RotateConfirm } from './rotate-confirm.js';
import { WhoCanAccessPage } from './who-can-access-page.js';

/** STF-3: every staff role reads customer pages; rotating and revoking are customer-pages writes, admins only (domain/access/staff-role.ts). */
const READS = { resource: 'customer-pages', writes: false } as const;
const WRITES = { resource: 'customer-pages', writes: true } as const;

const PAGE_SIZE = 50;

const NOTICES: Readonly<Record<string, string>> = {
  rotated: 'The URL was rotated: the old one no longer works. Send the new one to the customer.',
  revoked: 'Revoked: those viewers are signed out and must sign in again.',
  'revoked-none': 'No one was signed out: no session matched.',
  'token-revoked': 'The read token was revoked: it no longer opens the page.',
};

/**
 * `/admin/customer-pages…`: the list, one page's screen with its viewers, the
 * rotation with its confirmation, revocation by address, domain or all, "who can access", the
 * preview as the customer sees it (STF-8) and the audit log. Reads for every role, writes for admins
 * (STF-3), every write audited with the staff actor (STF-7), every POST behind the CSRF guard (STF-5).
 */
export function mountCustomerPageScreens(routes: Hono, kit: AdminKit): void {
  routeHashedAssets(routes, [COPY_URL_SCRIPT]);
  const viewerScript = (c: Context) => ({ src: COPY_URL_SCRIPT.path, nonce: c.get('cspNonce') });
  const message = (c: Context, who: StaffIdentity, status: 400 | 404, title: string, text: string) =>
    kit.html(c, status, renderMessage(viewerOf(who), title, text));
  const missing = (c: Context, who: StaffIdentity) =>
    message(c, who, 404, 'No such customer page', 'There is no customer page with that id.');

  routes.get(
    '/admin/customer-pages',
    kit.allowed(READS, async (c, who) => {
      const query = ListQuery.safeParse(c.req.query());
      if (!query.success) return message(c, who, 400, 'Customer pages', query.error.issues[0]?.message ?? 'Malformed query.');
      const search = query.data.q ?? '';
      const list = await listCustomerPagesForStaff(kit.deps.ctx, {
        search,
        page: query.data.page ?? 1,
        pageSize: PAGE_SIZE,
        publicUrl: kit.deps.config.publicUrl,
      });
      const notice = kit.notice(c, NOTICES);
      const html = toAdminHtml(
        <CustomerPagesList
          viewer={viewerOf(who)}
          assets={ADMIN_ASSETS}
          script={viewerScript(c)}
          list={list}
          search={search}
          {...(notice ? { notice: { text: notice } } : {})}
        />,
      );
      return sendPrivateHtml(c, 200, html, c.get('cspNonce'));
    }),
  );

  routes.get(
    '/admin/customer-pages/who-can-access',
    kit.allowed(READS, async (c, who) => {
      const email = (c.req.query('email') ?? '').slice(0, 300);
      const screen = (status: 200 | 400, props: Partial<Parameters<typeof WhoCanAccessPage>[0]>) =>
        kit.html(c, status, toAdminHtml(<WhoCanAccessPage viewer={viewerOf(who)} assets={ADMIN_ASSETS} email={email} {...props} />));
      if (c.req.query('email') === undefined) return screen(200, {});
      try {
        const found = explainWhoCanAccess(kit.deps.snapshots.pageKinds(await kit.deps.snapshots.fresh()), email);
        return screen(200, {
          result: { address: found.email.address, domain: found.email.domain, grants: found.grants, nearMisses: found.nearMisses },
        });
      } catch (error) {
        if (!(error instanceof BeaconError) || error.code !== 'validation') throw error;
        return screen(400, { error: `This is not an address we accept: ${error.issues[0]?.message ?? error.message}` });
      }
    }),
  );

  const detail = async (c: Context, who: StaffIdentity, status: 200 | 400, extra: Partial<CustomerPageDetailProps> = {}) => {
    const found = await findCustomerPageById(kit, c.req.param('id'));
    if (!found) return missing(c, who);
    const signIn = kit.deps.customerSignIn.at(kit.deps.snapshots.pageKinds(found.snapshot));
    const sessions = await listSessions(signIn, found.facts.id);
    const readTokens = await listPageReadTokens(signIn, found.facts.id);
    const notice = kit.notice(c, NOTICES);
    const html = toAdminHtml(
      <CustomerPageDetail
        viewer={viewerOf(who)}
        assets={ADMIN_ASSETS}
        script={viewerScript(c)}
        page={found.facts}
        sessions={sessions}
        readTokens={readTokens}
        canWrite={roleMay(who.member.role, WRITES)}
        {...(notice ? { notice: { text: notice } } : {})}
        {...extra}
      />,
    );
    return sendPrivateHtml(c, status, html, c.get('cspNonce'));
  };

  routes.get(
    '/admin/customer-pages/:id',
    kit.allowed(READS, (c, who) => detail(c, who, 200)),
  );

  const rotateScreen = async (c: Context, who: StaffIdentity, status: 200 | 400, error?: string) => {
    const found = await findCustomerPageById(kit, c.req.param('id'));
    if (!found) return missing(c, who);
    const { id, name } = found.facts;
    const props = { viewer: viewerOf(who), assets: ADMIN_ASSETS, id, name, ...(error ? { error } : {}) };
    return kit.html(c, status, toAdminHtml(<RotateConfirm {...props} />));
  };
  routes.get(
    '/admin/customer-pages/:id/rotate',
    kit.allowed(WRITES, (c, who) => rotateScreen(c, who, 200)),
  );
  routes.post(
    '/admin/customer-pages/:id/rotate',
    kit.allowed(WRITES, async (c, who) => {
      const found = await findCustomerPageById(kit, c.req.param('id'));
      if (!found) return missing(c, who);
      const fields = await readForm(c);
      if (fields?.confirm !== 'yes') return rotateScreen(c, who, 400, 'Tick the box to confirm: the current URL stops working at once.');
      const { id } = found.facts;
      await rotateCustomerPageToken(dashboardWriteContext(kit, c, who, id), id, staffActor(who.member.email), {
        publicUrl: kit.deps.config.publicUrl,
      });
      return sendSeeOther(c, `/admin/customer-pages/${id}?notice=rotated`);
    }),
  );

  routes.post(
    '/admin/customer-pages/:id/sessions/revoke',
    kit.allowed(WRITES, async (c, who) => {
      const found = await findCustomerPageById(kit, c.req.param('id'));
      if (!found) return missing(c, who);
      const form = RevokeForm.safeParse((await readForm(c)) ?? {});
      if (!form.success) return detail(c, who, 400, { notice: { text: 'That revocation form was not understood.', error: true } });
      const by: RevokeBy =
        form.data.by === 'all' ? 'all' : form.data.by === 'email' ? { email: form.data.email } : { domain: form.data.domain };
      const { id } = found.facts;
      // The write's audit hook (STF-7) on the sign-in services bound to this snapshot, as the API does.
      const signIn = {
        ...kit.deps.customerSignIn.at(kit.deps.snapshots.pageKinds(found.snapshot)),
        audit: dashboardWriteContext(kit, c, who, id).audit,
      };
      let revoked: number;
      try {
        ({ revoked } = await revokeSessions(signIn, { customerPageId: id, by }, staffActor(who.member.email)));
      } catch (error) {
        if (!(error instanceof BeaconError) || error.code !== 'validation') throw error;
        const reason = error.issues[0]?.message ?? error.message;
        if (form.data.by === 'domain')
          return detail(c, who, 400, { domainForm: { domain: form.data.domain, error: `Not a domain: ${reason}` } });
        return detail(c, who, 400, { notice: { text: `Not an address: ${reason}`, error: true } });
      }
      return sendSeeOther(c, `/admin/customer-pages/${id}?notice=${revoked > 0 ? 'revoked' : 'revoked-none'}`);
    }),
  );

  routes.post(
    '/admin/customer-pages/:id/read-tokens/:tokenId/revoke',
    kit.allowed(WRITES, async (c, who) => {
      const found = await findCustomerPageById(kit, c.req.param('id'));
      if (!found) return missing(c, who);
      const { id } = found.facts;
      const signIn = {
        ...kit.deps.customerSignIn.at(kit.deps.snapshots.pageKinds(found.snapshot)),
        audit: dashboardWriteContext(kit, c, who, id).audit,
      };
      try {
        await revokePageReadToken(signIn, { customerPageId: id, tokenId: c.req.param('tokenId') ?? '' }, staffActor(who.member.email));
      } catch (error) {
        // Already revoked (by its viewer, or another tab): the screen shows it gone.
        if (!(error instanceof BeaconError) || error.code !== 'not_found') throw error;
      }
      return sendSeeOther(c, `/admin/customer-pages/${id}?notice=token-revoked`);
    }),
  );

  mountCustomerPagePreview(routes, kit);
  mountAuditScreen(routes, kit);
}
