import type { Selectable } from 'kysely';
import { capabilitiesOf } from '../capabilities.js';
import { type StaffRole, isStaffRole } from '../../domain/access/staff-role.js';
import { fromDbTime, toDbTime } from '../codec.js';
import type { Tables } from '../tables.js';
import type { Queryable, Tx } from '../transaction.js';

/** A staff member: who may sign in to `/admin`, and with which role (STF-1, STF-3). */
export interface StaffMember {
  id: string;
  /** Canonical address (DOM-1). */
  email: string;
  role: StaffRole;
  createdAt: Date;
}

type Row = Selectable<Tables['staff']>;

const toMember = (row: Row): StaffMember => ({
  id: row.id,
  email: row.email,
  // An unknown role (written by a newer Beacon) grants the least.
  role: isStaffRole(row.role) ? row.role : 'viewer',
  createdAt: fromDbTime(row.created_at),
});

export async function insertStaffMember(tx: Tx, member: StaffMember): Promise<void> {
  await tx
    .insertInto('staff')
    .values({ id: member.id, email: member.email, role: member.role, created_at: toDbTime(member.createdAt) })
    .execute();
}

export async function findStaffMemberByEmail(db: Queryable, email: string): Promise<StaffMember | null> {
  const row = await db.selectFrom('staff').selectAll().where('email', '=', email).executeTakeFirst();
  return row ? toMember(row) : null;
}

export async function findStaffMember(db: Queryable, id: string): Promise<StaffMember | null> {
  const row = await db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toMember(row) : null;
}

/** Every member, by address. */
export async function listStaffMembers(db: Queryable): Promise<StaffMember[]> {
  const rows = await db.selectFrom('staff').selectAll().orderBy('email').execute();
  return rows.map(toMember);
}

/**
 * How many admins there are, with every admin row locked until `tx` ends: two admins demoting or
 * removing each other at once cannot both see the other still there and leave no admin.
 */
export async function countAdminsLocked(tx: Tx): Promise<number> {
  const query = tx.selectFrom('staff').select('id').where('role', '=', 'admin');
  const rows = await (capabilitiesOf(tx).supportsRowLocks ? query.forUpdate() : query).execute();
  return rows.length;
}

export async function updateStaffRole(tx: Tx, id: string, role: StaffRole): Promise<void> {
  await tx.updateTable('staff').set({ role }).where('id', '=', id).execute();
}

/** Deletes the member; their sessions go with them (the foreign key cascades). */
export async function deleteStaffMember(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('staff_sessions').where('staff_id', '=', id).execute();
  await tx.deleteFrom('staff').where('id', '=', id).execute();
}
