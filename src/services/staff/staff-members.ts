import { canonicaliseEmail } from '../../domain/access/email-address.js';
import { type StaffRole, isStaffRole } from '../../domain/access/staff-role.js';
import { BeaconError, invalid, notFound } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import { deleteStaffSessionsOf } from '../../store/access/staff-sessions.js';
import {
  type StaffMember,
  countAdminsLocked,
  deleteStaffMember,
  findStaffMemberByEmail,
  insertStaffMember,
  listStaffMembers,
  updateStaffRole,
} from '../../store/access/staff.js';
import type { Tx } from '../../store/transaction.js';
import { isUniqueViolation } from '../../store/unique-violation.js';
import { type ServiceContext, write } from '../context.js';
import { writeUnannounced } from '../live-state/unannounced-write.js';
import { appendAudit } from '../sign-in/sign-in-audit.js';
import { STAFF_ACTIONS } from './staff-audit.js';

export type { StaffMember } from '../../store/access/staff.js';

/*
 * The staff list (STF-1) and roles (STF-3). Every change is audited with its actor in the same
 * transaction (STF-7). Removing a member or changing a role deletes that person's sessions in the
 * same transaction (STF-6); staff sessions are checked against the database on every request, so
 * this ends them at once on every process. None of this is in any snapshot: no revision is bumped.
 */

/** The canonical form of a typed address (DOM-1), or a validation error saying what is wrong with it. */
function canonicalAddress(raw: string): string {
  const parsed = canonicaliseEmail(raw);
  if (!parsed.ok) throw invalid('email', parsed.reason);
  return parsed.address.address;
}

function checkRole(role: string): StaffRole {
  if (!isStaffRole(role)) throw invalid('role', 'must be admin, responder or viewer');
  return role;
}

/**
 * Adds a staff member; they can then ask for a sign-in link at `/admin/sign-in`.
 *
 * @throws BeaconError('validation') for a malformed address or unknown role, ('conflict') when the address is already staff.
 * @example await addStaffMember(ctx, { email: 'ann@example.com', role: 'admin' }, CLI_ACTOR)
 */
export async function addStaffMember(ctx: ServiceContext, input: { email: string; role: string }, actor: string): Promise<StaffMember> {
  const email = canonicalAddress(input.email);
  const role = checkRole(input.role);
  const now = ctx.clock();
  const member: StaffMember = { id: newId(), email, role, createdAt: now };
  try {
    await writeUnannounced(ctx, async (tx) => {
      if (await findStaffMemberByEmail(tx, email)) throw alreadyStaff(email);
      await insertStaffMember(tx, member);
      await appendAudit(tx, now, [
        { actor, action: STAFF_ACTIONS.added, subjectType: 'staff', subjectId: member.id, pageId: null, details: { email, role } },
      ]);
    });
  } catch (error) {
    // Two adds of one address at once: the unique index decides.
    if (isUniqueViolation(error)) throw alreadyStaff(email);
    throw error;
  }
  return member;
}

const alreadyStaff = (email: string) => new BeaconError('conflict', `${email} is already on the staff list`);

/** Every staff member, by address. */
export async function listStaff(ctx: Pick<ServiceContext, 'database'>): Promise<StaffMember[]> {
  return listStaffMembers(ctx.database.db);
}

/**
 * Removes a member and ends all their sessions (STF-6). The last admin cannot be removed: someone
 * must be able to add staff again.
 */
export async function removeStaffMember(ctx: ServiceContext, rawEmail: string, actor: string): Promise<StaffMember> {
  const email = canonicalAddress(rawEmail);
  // Announced (access): an open live screen of theirs ends on every process (STF-6).
  return write(ctx, async (tx, changed) => {
    changed.access();
    const member = await requireMember(tx, email);
    if (member.role === 'admin') await refuseLastAdmin(tx, `${email} is the only admin; add another admin before removing them`);
    const ended = await deleteStaffSessionsOf(tx, member.id);
    await deleteStaffMember(tx, member.id);
    await appendAudit(tx, ctx.clock(), [
      {
        actor,
        action: STAFF_ACTIONS.removed,
        subjectType: 'staff',
        subjectId: member.id,
        pageId: null,
        details: { email, role: member.role, sessionsEnded: ended.length },
      },
    ]);
    return member;
  });
}

/** Changes a member's role and ends all their sessions (STF-6), so the new role holds from their next sign-in on. */
export async function changeStaffRole(ctx: ServiceContext, input: { email: string; role: string }, actor: string): Promise<StaffMember> {
  const email = canonicalAddress(input.email);
  const role = checkRole(input.role);
  // Announced (access): an open live screen of theirs ends on every process (STF-6).
  return write(ctx, async (tx, changed) => {
    changed.access();
    const member = await requireMember(tx, email);
    if (member.role === role) return member;
    if (member.role === 'admin') await refuseLastAdmin(tx, `${email} is the only admin; make someone else admin first`);
    await updateStaffRole(tx, member.id, role);
    const ended = await deleteStaffSessionsOf(tx, member.id);
    await appendAudit(tx, ctx.clock(), [
      {
        actor,
        action: STAFF_ACTIONS.roleChanged,
        subjectType: 'staff',
        subjectId: member.id,
        pageId: null,
        details: { email, before: member.role, after: role, sessionsEnded: ended.length },
      },
    ]);
    return { ...member, role };
  });
}

/** An admin signs a member out everywhere (their sessions end at once, STF-6's way), audited (STF-7). Returns how many ended. */
export async function endStaffMemberSessions(ctx: ServiceContext, rawEmail: string, actor: string): Promise<number> {
  const email = canonicalAddress(rawEmail);
  // Announced (access): an open live screen of theirs ends on every process (STF-6).
  return write(ctx, async (tx, changed) => {
    changed.access();
    const member = await requireMember(tx, email);
    const ended = await deleteStaffSessionsOf(tx, member.id);
    await appendAudit(
      tx,
      ctx.clock(),
      ended.map((session) => ({
        actor,
        action: STAFF_ACTIONS.sessionRevoked,
        subjectType: 'staff_session',
        subjectId: session.id,
        pageId: null,
        details: { reason: 'staff', email },
      })),
    );
    return ended.length;
  });
}

async function requireMember(tx: Tx, email: string): Promise<StaffMember> {
  const member = await findStaffMemberByEmail(tx, email);
  if (!member) throw notFound('staff member', email);
  return member;
}

async function refuseLastAdmin(tx: Tx, message: string): Promise<void> {
  if ((await countAdminsLocked(tx)) <= 1) throw new BeaconError('conflict', message);
}
