import { Hono } from 'hono';
import { resolveNextPath } from '../../domain/access/next-path.js';
import { checkStaffSession, endOwnStaffSession, listOwnStaffSessions } from '../../services/staff/staff-sessions.js';
import { inspectStaffSignInLink, redeemStaffSignInLink, requestStaffSignInLink } from '../../services/staff/staff-sign-in.js';
import type { AppDeps } from '../app-deps.js';
import { createClientIpResolver } from '../client-ip.js';
import { type AuthPageContext, renderForbiddenPage, renderSignInPage } from '../customer/auth-render.js';
import { readForm } from '../customer/form-body.js';
import { sendSeeOther } from '../customer/respond.js';
import { routeHashedAssets } from '../hashed-assets.js';
import { SUBSCRIBER_IMPORT_FORM_LIMIT, SUBSCRIBER_IMPORT_FORM_PATH, limitBodySize } from '../middleware/body-size.js';
import { cspNonce } from '../middleware/csp.js';
import { csrfGuard } from '../middleware/csrf.js';
import { createSignInFlowHandlers } from '../sign-in-flow.js';
import { createAdminKit, viewerOf } from './admin-kit.js';
import { ADMIN_STYLESHEET } from './assets.js';
import { renderHome } from './render.js';
import { mountApiKeyScreens } from './api-keys/api-keys-routes.js';
import { mountWebhookScreens } from './webhooks/webhooks-routes.js';
import { mountCatalogScreens } from './catalog/catalog-routes.js';
import { mountIncidentScreens } from './incidents/incidents-routes.js';
import { mountMaintenanceScreens } from './maintenance/maintenance-routes.js';
import { mountStaffScreens } from './staff/staff-routes.js';
import { mountCustomerPageScreens } from './customer-pages/customer-pages-routes.js';
import { mountStructureScreens } from './structure/structure-routes.js';
import { mountSubscriberScreens } from './subscribers/subscribers-routes.js';

/** The dashboard's largest forms: an incident or maintenance message beside several hundred ticked components. */
const FORM_LIMIT = 128 * 1024;
const DAY_SECONDS = 86_400;

const AUTH: AuthPageContext = {
  pageName: 'Beacon staff',
  homePath: '/admin',
  intro: 'For staff only. Enter your work email address and we will send you a sign-in link.',
};

const HOME_NOTICES: Readonly<Record<string, string>> = { 'device-signed-out': 'That device has been signed out.' };

/**
 * The staff dashboard under `/admin` (docs/security.md STF-*): staff sign-in with the same
 * flow as customer pages (web/sign-in-flow.ts) and the staff list as its audience (STF-1), a staff
 * session in its own cookie `__Host-beacon-staff` (STF-2), the home screen with the signed-in
 * devices, and the staff list for admins. Every change is a POST checked as REQ-5 (STF-5) and
 * allowed by the role on the server (STF-3). Nothing here is offered to the fast path.
 */
export function createAdminRoutes(deps: AppDeps): Hono {
  const kit = createAdminKit(deps);
  const { staff, jar, sessionCookie, notFound } = kit;
  const { publicUrl } = deps.config;
  const pendingCookie = jar.name('beacon-staff-pending');

  const flow = createSignInFlowHandlers<typeof AUTH>({
    publicUrl,
    locate: async () => AUTH,
    notFound,
    auth: (at) => at,
    request: (_at, input, logger) => requestStaffSignInLink(staff, input, logger),
    inspect: (_at, input) => inspectStaffSignInLink(staff, input),
    redeem: (c, _at, input) => redeemStaffSignInLink(staff, { ...input, device: c.req.header('user-agent') ?? '' }),
    async signOut(c) {
      const who = await checkStaffSession(staff, jar.read(c, sessionCookie));
      if (who) await endOwnStaffSession(staff, who, who.sessionId, 'sign_out');
    },
    clientIp: createClientIpResolver(deps.config.trustedProxies ?? []),
    logger: deps.logger,
    cookies: {
      readPending: (c) => jar.read(c, pendingCookie),
      setPending: (c, _at, value, maxAge) => jar.set(c, pendingCookie, value, maxAge),
      clearPending: (c) => jar.clear(c, pendingCookie),
      setSession: (c, _at, value) => jar.set(c, sessionCookie, value, staff.settings.sessionAbsoluteDays * DAY_SECONDS),
      clearSession: (c) => jar.clear(c, sessionCookie),
    },
  });

  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const routes = new Hono();
  routeHashedAssets(routes, [ADMIN_STYLESHEET]);
  routes.use('/admin/*', cspNonce());
  routes.use('/admin', cspNonce());
  const formLimit = limitBodySize(FORM_LIMIT);
  const importLimit = limitBodySize(SUBSCRIBER_IMPORT_FORM_LIMIT);
  routes.post(
    '/admin/*',
    csrfGuard(publicUrl, (c) => kit.html(c, 403, renderForbiddenPage(AUTH))),
    // The subscriber import carries a CSV file of up to 1 MiB; every other form is small.
    (c, next) => (c.req.path === SUBSCRIBER_IMPORT_FORM_PATH ? importLimit : formLimit)(c, next),
  );

  routes.get('/admin/sign-in', async (c) => {
    const who = await checkStaffSession(staff, jar.read(c, sessionCookie));
    const next = resolveNextPath(c.req.query('next') ?? null, publicUrl, AUTH.homePath);
    return who ? sendSeeOther(c, next) : kit.html(c, 200, renderSignInPage(AUTH, next));
  });
  routes.post('/admin/sign-in', flow.requestLink);
  routes.get('/admin/auth', flow.openLink);
  routes.post('/admin/auth', flow.continueLink);
  routes.post('/admin/auth/code', flow.enterCode);
  routes.post('/admin/sign-out', flow.signOut);

  routes.get(
    '/admin',
    kit.signedIn(async (c, who) => {
      const devices = await listOwnStaffSessions(staff, who);
      const notice = kit.notice(c, HOME_NOTICES);
      return kit.html(
        c,
        200,
        renderHome({ viewer: viewerOf(who), devices, currentSessionId: who.sessionId, ...(notice ? { notice } : {}) }),
      );
    }),
  );
  routes.post(
    '/admin/sessions/revoke',
    kit.signedIn(async (c, who) => {
      const id = text((await readForm(c))?.id);
      // Only the member's own sessions; another's handle ends nothing (endOwnStaffSession).
      await endOwnStaffSession(staff, who, id, 'revoked');
      return sendSeeOther(c, '/admin?notice=device-signed-out');
    }),
  );

  mountIncidentScreens(routes, kit);
  mountStaffScreens(routes, kit);
  mountApiKeyScreens(routes, kit);
  mountWebhookScreens(routes, kit);
  mountMaintenanceScreens(routes, kit);
  mountStructureScreens(routes, kit);
  mountCustomerPageScreens(routes, kit);
  mountCatalogScreens(routes, kit);
  mountSubscriberScreens(routes, kit);
  routes.all('/admin/*', (c) => notFound(c));
  return routes;
}
