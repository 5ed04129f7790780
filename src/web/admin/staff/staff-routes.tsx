import type { Context, Hono } from 'hono';
import { BeaconError } from '../../../domain/errors.js';
import {
  addStaffMember,
  changeStaffRole,
  endStaffMemberSessions,
  listStaff,
  removeStaffMember,
} from '../../../services/staff/staff-members.js';
import { staffActor } from '../../../services/staff/staff-audit.js';
import type { StaffIdentity } from '../../../services/staff/staff-sessions.js';
import { readForm } from '../../customer/form-body.js';
import { sendSeeOther } from '../../customer/respond.js';
import { type AdminKit, viewerOf } from '../admin-kit.js';
import { ADMIN_ASSETS, toAdminHtml } from '../render.js';
import { StaffPage, type StaffPageProps } from './staff-page.js';

/** What `?notice=` after a change says. */
const NOTICES: Readonly<Record<string, string>> = {
  added: 'Staff member added. They can now ask for a sign-in link at /admin.',
  role: 'Role changed. They have been signed out everywhere and get the new role at their next sign-in.',
  removed: 'Staff member removed and signed out everywhere.',
  'signed-out': 'Signed out everywhere. They can sign in again with a new link.',
};

/** STF-3: the staff list is for admins only, reading included (it shows who can sign in). */
const MANAGES_STAFF = { resource: 'staff', writes: true } as const;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** `/admin/staff`: who may sign in to the dashboard, with which role; add, change a role, remove, sign out (STF-3, STF-6). */
export function mountStaffScreens(routes: Hono, kit: AdminKit): void {
  const { staff } = kit;

  const staffScreen = async (c: Context, who: StaffIdentity, status: 200 | 400 | 404 | 409, extra: Partial<StaffPageProps> = {}) => {
    const members = await listStaff(staff);
    const notice = kit.notice(c, NOTICES);
    const props = { viewer: viewerOf(who), members, ...(notice ? { notice: { text: notice } } : {}), ...extra };
    return kit.html(c, status, toAdminHtml(<StaffPage {...props} assets={ADMIN_ASSETS} />));
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

  routes.get(
    '/admin/staff',
    kit.allowed(MANAGES_STAFF, (c, who) => staffScreen(c, who, 200)),
  );
  routes.post(
    '/admin/staff',
    kit.allowed(MANAGES_STAFF, async (c, who) => {
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
      kit.allowed(MANAGES_STAFF, async (c, who) => {
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
}
