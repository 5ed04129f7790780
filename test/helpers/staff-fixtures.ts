import { CLI_ACTOR } from '../../src/domain/access/audit-event.js';
import type { StaffRole } from '../../src/domain/access/staff-role.js';
import { type StaffDeps, createStaffDeps } from '../../src/services/staff/staff-deps.js';
import { addStaffMember } from '../../src/services/staff/staff-members.js';
import { STAFF_SIGN_IN_MAIL_KIND, redeemStaffSignInLink, requestStaffSignInLink } from '../../src/services/staff/staff-sign-in.js';
import type { Database } from '../../src/store/database.js';
import { TEST_SECRET, buildSignInTestDeps, nextIp, readQueuedMails } from './sign-in-fixtures.js';

/**
 * Staff services and customer sign-in services on one database and one hand-moved clock.
 * `signIn` moves the clock a minute on first, past the per-mailbox limit of one link a minute (REQ-4).
 */
export function buildStaffTestDeps(database: Database) {
  const customer = buildSignInTestDeps(database);
  const staff: StaffDeps = createStaffDeps(customer.ctx, { secret: TEST_SECRET });
  const signIn = (email: string, device?: string) => {
    customer.advance(61_000);
    return signInAsStaff(staff, email, device);
  };
  return { ...customer, staff, signIn };
}

/** Adds staff members as the CLI does. */
export async function addStaff(deps: StaffDeps, members: Record<string, StaffRole>): Promise<void> {
  for (const [email, role] of Object.entries(members)) await addStaffMember(deps, { email, role }, CLI_ACTOR);
}

/** The staff sign-in mails queued and not yet sent, with their raw token and code. */
export const readStaffMails = (deps: StaffDeps) => readQueuedMails(deps, STAFF_SIGN_IN_MAIL_KIND);

/** Asks for a staff link as a browser would and returns what that browser and its mailbox then hold. */
export async function requestStaffLink(deps: StaffDeps, email: string) {
  const before = new Set((await readStaffMails(deps)).map((mail) => mail.outboxId));
  const { pendingCookieValue } = await requestStaffSignInLink(deps, { rawEmail: email, clientIp: nextIp(), nextPath: null });
  const fresh = (await readStaffMails(deps)).filter((mail) => !before.has(mail.outboxId));
  const [mail] = fresh;
  if (!mail || fresh.length > 1) throw new Error(`expected one new staff mail for ${email}, got ${fresh.length}`);
  return { pendingCookieValue, token: mail.token, code: mail.code, linkId: mail.linkId };
}

/** Signs a staff member in through the real services and returns the staff session cookie value. */
export async function signInAsStaff(deps: StaffDeps, email: string, device = 'Test browser'): Promise<string> {
  const link = await requestStaffLink(deps, email);
  const result = await redeemStaffSignInLink(deps, { token: link.token, pendingCookieValue: link.pendingCookieValue, device });
  if (!result.ok) throw new Error(`could not sign in to /admin as ${email}`);
  return result.sessionToken;
}
