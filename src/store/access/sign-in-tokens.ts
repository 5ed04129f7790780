import type { Selectable } from 'kysely';
import { fromDbTime, fromDbTimeOrNull, toDbTime } from '../codec.js';
import type { Tables } from '../tables.js';
import type { Queryable, Tx } from '../transaction.js';

/** A stored sign-in link. Only HMACs of the token, the code and the pending cookie are kept (TOK-2, TOK-8, RED-3). */
export interface SignInTokenRecord {
  id: string;
  tokenHash: string;
  customerPageId: string;
  email: string;
  codeHash: string;
  codeAttempts: number;
  pendingHash: string;
  nextPath: string | null;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  voidedAt: Date | null;
}

type Row = Selectable<Tables['sign_in_tokens']>;

const toRecord = (row: Row): SignInTokenRecord => ({
  id: row.id,
  tokenHash: row.token_hash,
  customerPageId: row.customer_page_id,
  email: row.email,
  codeHash: row.code_hash,
  codeAttempts: Number(row.code_attempts),
  pendingHash: row.pending_hash,
  nextPath: row.next_path,
  createdAt: fromDbTime(row.created_at),
  expiresAt: fromDbTime(row.expires_at),
  usedAt: fromDbTimeOrNull(row.used_at),
  voidedAt: fromDbTimeOrNull(row.voided_at),
});

export async function insertSignInToken(tx: Tx, record: SignInTokenRecord): Promise<void> {
  await tx
    .insertInto('sign_in_tokens')
    .values({
      token_hash: record.tokenHash,
      id: record.id,
      customer_page_id: record.customerPageId,
      email: record.email,
      code_hash: record.codeHash,
      code_attempts: record.codeAttempts,
      pending_hash: record.pendingHash,
      next_path: record.nextPath,
      created_at: toDbTime(record.createdAt),
      expires_at: toDbTime(record.expiresAt),
      used_at: record.usedAt ? toDbTime(record.usedAt) : null,
      voided_at: record.voidedAt ? toDbTime(record.voidedAt) : null,
    })
    .execute();
}

export async function findSignInToken(db: Queryable, tokenHash: string): Promise<SignInTokenRecord | null> {
  const row = await db.selectFrom('sign_in_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** TOK-6: voids every live link for this page and address; returns how many. */
export async function voidLiveSignInTokens(tx: Tx, input: { customerPageId: string; email: string; at: Date }): Promise<number> {
  const at = toDbTime(input.at);
  const result = await tx
    .updateTable('sign_in_tokens')
    .set({ voided_at: at })
    .where('customer_page_id', '=', input.customerPageId)
    .where('email', '=', input.email)
    .where('used_at', 'is', null)
    .where('voided_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * TOK-8: counts one code attempt, unless `maxAttempts` are already spent or the link is no longer
 * live. One conditional update, so parallel guesses cannot exceed the limit. Returns the attempts
 * counted so far, this one included, or null when it was not counted.
 */
export async function countCodeAttempt(tx: Tx, tokenHash: string, maxAttempts: number, at: Date): Promise<number | null> {
  const now = toDbTime(at);
  const result = await tx
    .updateTable('sign_in_tokens')
    .set((eb) => ({ code_attempts: eb('code_attempts', '+', 1) }))
    .where('token_hash', '=', tokenHash)
    .where('code_attempts', '<', maxAttempts)
    .where('used_at', 'is', null)
    .where('voided_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('code_attempts')
    .executeTakeFirst();
  return result === undefined ? null : Number(result.code_attempts);
}

/**
 * TOK-5: spends the link with one conditional update; true for exactly one caller however many
 * race, false when it was already used, voided or expired.
 */
export async function markSignInTokenUsed(tx: Tx, tokenHash: string, at: Date): Promise<boolean> {
  const now = toDbTime(at);
  const result = await tx
    .updateTable('sign_in_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('voided_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Voids one live link (e.g. its code attempts are spent). */
export async function voidSignInToken(tx: Tx, tokenHash: string, at: Date): Promise<void> {
  await tx
    .updateTable('sign_in_tokens')
    .set({ voided_at: toDbTime(at) })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('voided_at', 'is', null)
    .execute();
}

/** Housekeeping: removes links that expired before `before`. */
export async function deleteSignInTokensExpiredBefore(tx: Tx, before: Date): Promise<number> {
  const result = await tx.deleteFrom('sign_in_tokens').where('expires_at', '<', toDbTime(before)).executeTakeFirst();
  return Number(result.numDeletedRows);
}
