import type { Selectable } from 'kysely';
import { fromDbTime, toDbTime } from '../codec.js';
import type { Tables } from '../tables.js';
import type { Queryable, Tx } from '../transaction.js';
import { type SessionSelector, selectedBy } from './sessions.js';

/** A personal read token. The token itself is never stored, only its HMAC (TOK-2). */
export interface ReadTokenRecord {
  /** Non-secret handle for lists, revocation and the audit log. */
  id: string;
  tokenHash: string;
  customerPageId: string;
  email: string;
  domain: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

type Row = Selectable<Tables['read_tokens']>;

const toRecord = (row: Row): ReadTokenRecord => ({
  id: row.id,
  tokenHash: row.token_hash,
  customerPageId: row.customer_page_id,
  email: row.email,
  domain: row.domain,
  name: row.name,
  prefix: row.prefix,
  createdAt: fromDbTime(row.created_at),
  lastUsedAt: row.last_used_at === null ? null : fromDbTime(row.last_used_at),
});

export async function insertReadToken(tx: Tx, record: ReadTokenRecord): Promise<void> {
  await tx
    .insertInto('read_tokens')
    .values({
      token_hash: record.tokenHash,
      id: record.id,
      customer_page_id: record.customerPageId,
      email: record.email,
      domain: record.domain,
      name: record.name,
      prefix: record.prefix,
      created_at: toDbTime(record.createdAt),
      last_used_at: record.lastUsedAt === null ? null : toDbTime(record.lastUsedAt),
    })
    .execute();
}

export async function findReadTokenByHash(db: Queryable, tokenHash: string): Promise<ReadTokenRecord | null> {
  const row = await db.selectFrom('read_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** The page's tokens, of one address when `email` is given; newest first. */
export async function listReadTokens(db: Queryable, customerPageId: string, email?: string): Promise<ReadTokenRecord[]> {
  let query = db.selectFrom('read_tokens').selectAll().where('customer_page_id', '=', customerPageId);
  if (email !== undefined) query = query.where('email', '=', email);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(toRecord);
}

/** How many tokens one address holds on one page (the per-viewer bound). */
export async function countReadTokens(tx: Tx, customerPageId: string, email: string): Promise<number> {
  const row = await tx
    .selectFrom('read_tokens')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('customer_page_id', '=', customerPageId)
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Deletes one token of one page (of one address, when given) and returns it, or null when there was none. */
export async function deleteReadToken(tx: Tx, customerPageId: string, id: string, email?: string): Promise<ReadTokenRecord | null> {
  let query = tx.deleteFrom('read_tokens').where('customer_page_id', '=', customerPageId).where('id', '=', id);
  if (email !== undefined) query = query.where('email', '=', email);
  const row = await query.returningAll().executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** Deletes the page's tokens that `selector` picks (as `deleteSessions` does sessions) and returns them. */
export async function deleteReadTokens(tx: Tx, customerPageId: string, selector: SessionSelector): Promise<ReadTokenRecord[]> {
  const rows = await tx.deleteFrom('read_tokens').where(selectedBy(customerPageId, selector)).returningAll().execute();
  return rows.map(toRecord);
}

/** Deletes the tokens with these ids (of one page) and returns them. */
export async function deleteReadTokensByIds(tx: Tx, customerPageId: string, ids: readonly string[]): Promise<ReadTokenRecord[]> {
  const deleted: ReadTokenRecord[] = [];
  for (let start = 0; start < ids.length; start += 100) {
    const rows = await tx
      .deleteFrom('read_tokens')
      .where('customer_page_id', '=', customerPageId)
      .where('id', 'in', ids.slice(start, start + 100))
      .returningAll()
      .execute();
    deleted.push(...rows.map(toRecord));
  }
  return deleted;
}

/** Records a use; false when the token is gone. */
export async function touchReadToken(tx: Tx, tokenHash: string, at: Date): Promise<boolean> {
  const result = await tx
    .updateTable('read_tokens')
    .set({ last_used_at: toDbTime(at) })
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
