import type { Context, Handler } from 'hono';
import { type StaffResource, roleMay, roleNeededFor } from '../../domain/access/staff-role.js';
import { type StaffDeps, createStaffDeps } from '../../services/staff/staff-deps.js';
import { type StaffIdentity, checkStaffSession } from '../../services/staff/staff-sessions.js';
import type { AppDeps } from '../app-deps.js';
import { createCookieJar } from '../customer/cookies.js';
import { createSharedNotFound } from '../customer/not-found.js';
import { sendPrivateHtml, sendSeeOther } from '../customer/respond.js';
import { renderMessage } from './render.js';
import type { AdminViewer } from './views/admin-page.js';

type AdminStatus = 200 | 400 | 403 | 404 | 409 | 422;
type AdminHandler = (c: Context, who: StaffIdentity) => Promise<Response>;

/**
 * What every dashboard screen's routes share: the staff services, the staff cookie, the HTML
 * answer, and the two guards (signed in; allowed by role). A screen's routes take the kit and add
 * themselves (`mountXxx(routes, kit)`), so a new screen touches only its own files and one line
 * in routes.ts.
 */
export interface AdminKit {
  deps: AppDeps;
  staff: StaffDeps;
  jar: ReturnType<typeof createCookieJar>;
  sessionCookie: string;
  notFound: ReturnType<typeof createSharedNotFound>;
  /** A dashboard answer: never stored, strict CSP, per person (sendPrivateHtml). */
  html(c: Context, status: AdminStatus, body: string): Response;
  /** Runs `handle` for a signed-in staff member (STF-2: the staff cookie only); anyone else goes to the sign-in form. */
  signedIn(handle: AdminHandler): Handler;
  /**
   * STF-3: runs `handle` only when the member's role may do this to `resource` (reading or
   * writing), whatever the screen showed; anyone else gets a 403 screen and nothing changes.
   */
  allowed(action: { resource: StaffResource; writes: boolean }, handle: AdminHandler): Handler;
  /** The text of `?notice=<key>` from `table`, or undefined (Post/Redirect/Get: the message is not in the URL). */
  notice(c: Context, table: Readonly<Record<string, string>>): string | undefined;
}

export const viewerOf = (who: StaffIdentity): AdminViewer => ({ email: who.member.email, role: who.member.role });

export function createAdminKit(deps: AppDeps): AdminKit {
  const staff = createStaffDeps(deps.ctx, { secret: deps.config.secret });
  const jar = createCookieJar(deps.config.publicUrl);
  const sessionCookie = jar.name('beacon-staff');
  const html = (c: Context, status: AdminStatus, body: string) => sendPrivateHtml(c, status, body, null);

  const signedIn =
    (handle: AdminHandler): Handler =>
    async (c) => {
      const who = await checkStaffSession(staff, jar.read(c, sessionCookie));
      if (who) return handle(c, who);
      const next = c.req.method === 'GET' && c.req.path !== '/admin' ? `?next=${encodeURIComponent(c.req.path)}` : '';
      return sendSeeOther(c, `/admin/sign-in${next}`);
    };

  return {
    deps,
    staff,
    jar,
    sessionCookie,
    notFound: createSharedNotFound(deps.config.publicUrl, deps.snapshots),
    html,
    signedIn,
    allowed: (action, handle) =>
      signedIn(async (c, who) => {
        if (roleMay(who.member.role, action)) return handle(c, who);
        const text = `This needs the ${roleNeededFor(action)} role; yours is ${who.member.role}.`;
        return html(c, 403, renderMessage(viewerOf(who), 'Not allowed', text));
      }),
    notice: (c, table) => table[c.req.query('notice') ?? ''],
  };
}
