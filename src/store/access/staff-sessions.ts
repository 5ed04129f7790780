import type { Selectable } from 'kysely';
import { fromDbTime, toDbTime } from '../codec.js';
import type { Tables } from '../tables.js';
import type { Queryable, Tx } from '../transaction.js';

/** A staff session. As for customer pages, only the HMAC of its id is stored (SES-1). */
export interface StaffSessionRecord {
  /** Non-secret handle, for the devices list and the audit log. */
  id: string;
  idHash: string;
  staffId: string;
  /** What the browser called itself at sign-in (shown in the devices list, never used to decide anything: RED-9). */
  device: string;
  createdAt: Date;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

type Row = Selectable<Tables['staff_sessions']>;

const toRecord = (row: Row): StaffSessionRecord => ({
  id: row.id,
  idHash: row.id_hash,
  staffId: row.staff_id,
  device: row.device,
  createdAt: fromDbTime(row.created_at),
  lastSeenAt: fromDbTime(row.last_seen_at),
  idleExpiresAt: fromDbTime(row.idle_expires_at),
  absoluteExpiresAt: fromDbTime(row.absolute_expires_at),
});

export async function insertStaffSession(tx: Tx, record: StaffSessionRecord): Promise<void> {
  await tx
    .insertInto('staff_sessions')
    .values({
      id_hash: record.idHash,
      id: record.id,
      staff_id: record.staffId,
      device: record.device,
      created_at: toDbTime(record.createdAt),
      last_seen_at: toDbTime(record.lastSeenAt),
      idle_expires_at: toDbTime(record.idleExpiresAt),
      absolute_expires_at: toDbTime(record.absoluteExpiresAt),
    })
    .execute();
}

export async function findStaffSessionByHash(db: Queryable, idHash: string): Promise<StaffSessionRecord | null> {
  const row = await db.selectFrom('staff_sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** The sessions with these id hashes that exist, in no particular order: one query, whatever the count. */
export async function findStaffSessionsByHashes(db: Queryable, idHashes: readonly string[]): Promise<StaffSessionRecord[]> {
  if (idHashes.length === 0) return [];
  const rows = await db.selectFrom('staff_sessions').selectAll().where('id_hash', 'in', idHashes).execute();
  return rows.map(toRecord);
}

/** A member's sessions, expired ones too until housekeeping removes them (a member has a few), most recently seen first. */
export async function listStaffSessionsOf(db: Queryable, staffId: string): Promise<StaffSessionRecord[]> {
  const rows = await db.selectFrom('staff_sessions').selectAll().where('staff_id', '=', staffId).orderBy('last_seen_at', 'desc').execute();
  return rows.map(toRecord);
}

/** Deletes one of a member's sessions by its handle; returns it, or null when there was none. */
export async function deleteStaffSession(tx: Tx, staffId: string, id: string): Promise<StaffSessionRecord | null> {
  const row = await tx.deleteFrom('staff_sessions').where('staff_id', '=', staffId).where('id', '=', id).returningAll().executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** Deletes every session of a member (STF-6) and returns them. */
export async function deleteStaffSessionsOf(tx: Tx, staffId: string): Promise<StaffSessionRecord[]> {
  const rows = await tx.deleteFrom('staff_sessions').where('staff_id', '=', staffId).returningAll().execute();
  return rows.map(toRecord);
}
