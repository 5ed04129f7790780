import type { Expression, ExpressionBuilder, Selectable, SqlBool } from 'kysely';
import { fromDbTime, toDbTime } from '../codec.js';
import type { Tables } from '../tables.js';
import type { Queryable, Tx } from '../transaction.js';

/** A customer page session. The session id itself is never stored, only its HMAC (SES-1). */
export interface SessionRecord {
  /** Non-secret handle for staff tools and the audit log. */
  id: string;
  idHash: string;
  customerPageId: string;
  email: string;
  domain: string;
  createdAt: Date;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

/** Which sessions of a page a bulk delete removes; `domainSuffix` matches subdomains at a dot boundary. */
export type SessionSelector = { all: true } | { email: string } | { domain: string } | { domainSuffix: string };

type Row = Selectable<Tables['sessions']>;

const toRecord = (row: Row): SessionRecord => ({
  id: row.id,
  idHash: row.id_hash,
  customerPageId: row.customer_page_id,
  email: row.email,
  domain: row.domain,
  createdAt: fromDbTime(row.created_at),
  lastSeenAt: fromDbTime(row.last_seen_at),
  idleExpiresAt: fromDbTime(row.idle_expires_at),
  absoluteExpiresAt: fromDbTime(row.absolute_expires_at),
});

export async function insertSession(tx: Tx, record: SessionRecord): Promise<void> {
  await tx
    .insertInto('sessions')
    .values({
      id_hash: record.idHash,
      id: record.id,
      customer_page_id: record.customerPageId,
      email: record.email,
      domain: record.domain,
      created_at: toDbTime(record.createdAt),
      last_seen_at: toDbTime(record.lastSeenAt),
      idle_expires_at: toDbTime(record.idleExpiresAt),
      absolute_expires_at: toDbTime(record.absoluteExpiresAt),
    })
    .execute();
}

export async function findSessionByHash(db: Queryable, idHash: string): Promise<SessionRecord | null> {
  const row = await db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/**
 * Locks a viewer's unexpired sessions on a page until the transaction ends and answers their id
 * hashes. A write that ends those sessions (staff revoking the viewer, their domain leaving the
 * allowlist) then waits for this transaction, and sees what it added (PostgreSQL; on SQLite the
 * write lock already orders the two). The no-op update is what takes the row locks on both engines.
 */
export async function lockViewerSessions(tx: Tx, customerPageId: string, email: string, at: Date): Promise<string[]> {
  const now = toDbTime(at);
  const rows = await tx
    .updateTable('sessions')
    .set((eb) => ({ email: eb.ref('email') }))
    .where('customer_page_id', '=', customerPageId)
    .where('email', '=', email)
    .where('idle_expires_at', '>', now)
    .where('absolute_expires_at', '>', now)
    .returning('id_hash')
    .execute();
  return rows.map((row) => row.id_hash);
}

/** The tables of sessions: customer pages' (`sessions`) and the staff's (`staff_sessions`, STF-2), alike in their expiries. */
export type SessionTable = 'sessions' | 'staff_sessions';

/** Slides the idle expiry of a still-live session; false when the session is gone or expired. */
export async function touchSession(
  tx: Tx,
  idHash: string,
  input: { at: Date; idleExpiresAt: Date },
  table: SessionTable = 'sessions',
): Promise<boolean> {
  const at = toDbTime(input.at);
  const result = await tx
    .updateTable(table)
    .set({ last_seen_at: at, idle_expires_at: toDbTime(input.idleExpiresAt) })
    .where('id_hash', '=', idHash)
    .where('idle_expires_at', '>', at)
    .where('absolute_expires_at', '>', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes one session of one page and returns it, or null when there was none. */
export async function deleteSessionByHash(tx: Tx, idHash: string, customerPageId: string): Promise<SessionRecord | null> {
  const row = await tx
    .deleteFrom('sessions')
    .where('id_hash', '=', idHash)
    .where('customer_page_id', '=', customerPageId)
    .returningAll()
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

/**
 * The rows of a page's sessions or read tokens (both keyed by page, address and domain) that
 * `selector` picks, as a `where` condition.
 */
export function selectedBy(customerPageId: string, selector: SessionSelector) {
  return (eb: ExpressionBuilder<Tables, 'sessions' | 'read_tokens'>): Expression<SqlBool> => {
    const conditions = [eb('customer_page_id', '=', customerPageId)];
    if ('email' in selector) conditions.push(eb('email', '=', selector.email));
    if ('domain' in selector) conditions.push(eb('domain', '=', selector.domain));
    // Canonical domains hold only [a-z0-9.-], so the pattern carries no LIKE wildcards of its own.
    if ('domainSuffix' in selector) conditions.push(eb('domain', 'like', `%.${selector.domainSuffix}`));
    return eb.and(conditions);
  };
}

/** Deletes the page's sessions that `selector` picks and returns them. */
export async function deleteSessions(tx: Tx, customerPageId: string, selector: SessionSelector): Promise<SessionRecord[]> {
  const rows = await tx.deleteFrom('sessions').where(selectedBy(customerPageId, selector)).returningAll().execute();
  return rows.map(toRecord);
}

/** Deletes the sessions with these ids (of one page) and returns them. */
export async function deleteSessionsByIds(tx: Tx, customerPageId: string, ids: readonly string[]): Promise<SessionRecord[]> {
  if (ids.length === 0) return [];
  const deleted: SessionRecord[] = [];
  for (let start = 0; start < ids.length; start += 100) {
    const rows = await tx
      .deleteFrom('sessions')
      .where('customer_page_id', '=', customerPageId)
      .where('id', 'in', ids.slice(start, start + 100))
      .returningAll()
      .execute();
    deleted.push(...rows.map(toRecord));
  }
  return deleted;
}

/** The page's unexpired sessions, most recently seen first. */
export async function listLiveSessions(db: Queryable, customerPageId: string, at: Date): Promise<SessionRecord[]> {
  const now = toDbTime(at);
  const rows = await db
    .selectFrom('sessions')
    .selectAll()
    .where('customer_page_id', '=', customerPageId)
    .where('idle_expires_at', '>', now)
    .where('absolute_expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toRecord);
}

/** Housekeeping: removes sessions past either expiry. */
export async function deleteExpiredSessions(tx: Tx, at: Date, table: SessionTable = 'sessions'): Promise<number> {
  const now = toDbTime(at);
  const result = await tx
    .deleteFrom(table)
    .where((eb) => eb.or([eb('idle_expires_at', '<=', now), eb('absolute_expires_at', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
