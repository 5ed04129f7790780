import { type Context, Hono } from 'hono';
import { resolveNextPath } from '../../domain/access/next-path.js';
import { BeaconError } from '../../domain/errors.js';
import {
  type StaffMember,
  addStaffMember,
  changeStaffRole,
  endStaffMemberSessions,
  listStaff,
  removeStaffMember,
} from '../../services/staff/staff-members.js';
import { staffActor } from '../../services/staff/staff-audit.js';
import { createStaffDeps } from '../../services/staff/staff-deps.js';
import { type StaffIdentity, checkStaffSession, endOwnStaffSession, listOwnStaffSessions } from '../../services/staff/staff-sessions.js';
import { inspectStaffSignInLink, redeemStaffSignInLink, requestStaffSignInLink } from '../../services/staff/staff-sign-in.js';
import type { AppDeps } from '../app-deps.js';
import { createClientIpResolver } from '../client-ip.js';
import { type AuthPageContext, renderForbiddenPage, renderSignInPage } from '../customer/auth-render.js';
import { createCookieJar } from '../customer/cookies.js';
import { readForm } from '../customer/form-body.js';
import { createSharedNotFound } from '../customer/not-found.js';
import { sendPrivateHtml, sendSeeOther } from '../customer/respond.js';
import { limitBodySize } from '../middleware/body-size.js';
import { cspNonce } from '../middleware/csp.js';
import { csrfGuard } from '../middleware/csrf.js';
import { createSignInFlowHandlers } from '../sign-in-flow.js';
import { ADMIN_STYLESHEET } from './assets.js';
import { routeHashedAssets } from '../hashed-assets.js';
import { renderHome, renderMessage, renderStaff } from './render.js';
import type { AdminViewer } from './views/admin-page.js';

/** The dashboard's forms are a few short fields. */
const FORM_LIMIT = 16 * 1024;
const DAY_SECONDS = 86_400;

const AUTH: AuthPageContext = {
  pageName: 'Beacon staff',
  homePath: '/admin',
  intro: 'For staff only. Enter your work email address and we will send you a sign-in link.',
};

/** What `?notice=` after a change says (Post/Redirect/Get: the address is not repeated in the URL). */
const NOTICES: Readonly<Record<string, string>> = {
  added: 'Staff member added. They can now ask for a sign-in link at /admin.',
  role: 'Role changed. They have been signed out everywhere and get the new role at their next sign-in.',
  removed: 'Staff member removed and signed out everywhere.',
  'signed-out': 'Signed out everywhere. They can sign in again with a new link.',
  'device-signed-out': 'That device has been signed out.',
};

const viewerOf = (who: StaffIdentity): AdminViewer => ({ email: who.member.email, role: who.member.role });

/**
 * The staff dashboard under `/admin` (docs/security.md STF-*): staff sign-in with the same
 * flow as customer pages (web/sign-in-flow.ts) and the staff list as its audience (STF-1), a staff
 * session in its own cookie `__Host-beacon-staff` (STF-2), the home screen with the signed-in
 * devices, and the staff list for admins. Every change is a POST checked as REQ-5 (STF-5) and
 * allowed by the role on the server (STF-3). Nothing here is offered to the fast path.
 */
export function createAdminRoutes(deps: AppDeps): Hono {
  const staff = createStaffDeps(deps.ctx, { secret: deps.config.secret });
  const { publicUrl } = deps.config;
  const jar = createCookieJar(publicUrl);
  const sessionCookie = jar.name('beacon-staff');
  const pendingCookie = jar.name('beacon-staff-pending');
  const notFound = createSharedNotFound(publicUrl, deps.snapshots);
  const html = (c: Context, status: 200 | 400 | 403 | 404 | 409, body: string) => sendPrivateHtml(c, status, body, null);

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

  /** Runs `handle` for a signed-in staff member (STF-2: the staff cookie only); anyone else goes to the sign-in form. */
  const signedIn = (handle: (c: Context, who: StaffIdentity) => Promise<Response>) => async (c: Context) => {
    const who = await checkStaffSession(staff, jar.read(c, sessionCookie));
    if (who) return handle(c, who);
    const next = c.req.method === 'GET' && c.req.path !== '/admin' ? `?next=${encodeURIComponent(c.req.path)}` : '';
    return sendSeeOther(c, `/admin/sign-in${next}`);
  };

  /** STF-3: managing staff is for admins, whatever the screen shows; anyone else gets a 403 and nothing changes. */
  const adminOnly = (handle: (c: Context, who: StaffIdentity) => Promise<Response>) =>
    signedIn(async (c, who) =>
      who.member.role === 'admin'
        ? handle(c, who)
        : html(c, 403, renderMessage(viewerOf(who), 'Not allowed', `Managing staff needs the admin role; yours is ${who.member.role}.`)),
    );

  const staffScreen = async (
    c: Context,
    who: StaffIdentity,
    status: 200 | 400 | 404 | 409,
    extra: Partial<Parameters<typeof renderStaff>[0]> = {},
  ) => {
    const members: StaffMember[] = await listStaff(staff);
    const notice = NOTICES[c.req.query('notice') ?? ''];
    return html(c, status, renderStaff({ viewer: viewerOf(who), members, ...(notice ? { notice: { text: notice } } : {}), ...extra }));
  };

  /** A refused staff change: the message where the form was, the form as it was sent. */
  const refusedChange = (c: Context, who: StaffIdentity, error: unknown, form?: { email: string; role: string }) => {
    if (!(error instanceof BeaconError)) throw error;
    const status = error.code === 'conflict' ? 409 : error.code === 'not_found' ? 404 : error.code === 'validation' ? 400 : null;
    if (status === null) throw error;
    if (form === undefined) return staffScreen(c, who, status, { notice: { text: error.message, error: true } });
    const field = error.issues[0]?.path === 'role' ? 'role' : 'email';
    const message = error.issues[0]?.message ?? error.message;
    return staffScreen(c, who, status, { form: { ...form, errors: { [field]: message } } });
  };

  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const routes = new Hono();
  routeHashedAssets(routes, [ADMIN_STYLESHEET]);
  routes.use('/admin/*', cspNonce());
  routes.use('/admin', cspNonce());
  routes.post(
    '/admin/*',
    csrfGuard(publicUrl, (c) => html(c, 403, renderForbiddenPage(AUTH))),
    limitBodySize(FORM_LIMIT),
  );

  routes.get('/admin/sign-in', async (c) => {
    const who = await checkStaffSession(staff, jar.read(c, sessionCookie));
    const next = resolveNextPath(c.req.query('next') ?? null, publicUrl, AUTH.homePath);
    return who ? sendSeeOther(c, next) : html(c, 200, renderSignInPage(AUTH, next));
  });
  routes.post('/admin/sign-in', flow.requestLink);
  routes.get('/admin/auth', flow.openLink);
  routes.post('/admin/auth', flow.continueLink);
  routes.post('/admin/auth/code', flow.enterCode);
  routes.post('/admin/sign-out', flow.signOut);

  routes.get(
    '/admin',
    signedIn(async (c, who) => {
      const devices = await listOwnStaffSessions(staff, who);
      const notice = NOTICES[c.req.query('notice') ?? ''];
      return html(c, 200, renderHome({ viewer: viewerOf(who), devices, currentSessionId: who.sessionId, ...(notice ? { notice } : {}) }));
    }),
  );
  routes.post(
    '/admin/sessions/revoke',
    signedIn(async (c, who) => {
      const id = text((await readForm(c))?.id);
      // Only the member's own sessions; another's handle ends nothing (endOwnStaffSession).
      await endOwnStaffSession(staff, who, id, 'revoked');
      return sendSeeOther(c, '/admin?notice=device-signed-out');
    }),
  );

  routes.get(
    '/admin/staff',
    adminOnly((c, who) => staffScreen(c, who, 200)),
  );
  routes.post(
    '/admin/staff',
    adminOnly(async (c, who) => {
      const fields = await readForm(c);
      const form = { email: text(fields?.email).slice(0, 254), role: text(fields?.role) };
      try {
        await addStaffMember(staff, form, staffActor(who.member.email));
      } catch (error) {
        return refusedChange(c, who, error, form);
      }
      return sendSeeOther(c, '/admin/staff?notice=added');
    }),
  );
  /** A change to one member, named by the form's `email`: on success back to the list with `notice`, else the refusal there. */
  const memberChange = (
    path: string,
    notice: string,
    change: (fields: { email: string; role: string }, actor: string) => Promise<unknown>,
  ) =>
    routes.post(
      path,
      adminOnly(async (c, who) => {
        const fields = await readForm(c);
        try {
          await change({ email: text(fields?.email), role: text(fields?.role) }, staffActor(who.member.email));
        } catch (error) {
          return refusedChange(c, who, error);
        }
        return sendSeeOther(c, `/admin/staff?notice=${notice}`);
      }),
    );
  memberChange('/admin/staff/role', 'role', (fields, actor) => changeStaffRole(staff, fields, actor));
  memberChange('/admin/staff/remove', 'removed', (fields, actor) => removeStaffMember(staff, fields.email, actor));
  memberChange('/admin/staff/sign-out', 'signed-out', (fields, actor) => endStaffMemberSessions(staff, fields.email, actor));
  routes.all('/admin/*', (c) => notFound(c));
  return routes;
}
