import { fromDbTime, toDbTime } from './codec.js';
import type { Queryable, Tx } from './transaction.js';

/** A request made with an `Idempotency-Key`, and the response it got once its transaction committed. */
export interface IdempotencyRecord {
  apiKeyId: string;
  key: string;
  /** A digest of what was asked (route and body); the same key with another request is a conflict. */
  requestHash: string;
  status: number;
  body: string;
  createdAt: Date;
}

export interface IdempotencyReservation {
  apiKeyId: string;
  key: string;
  requestHash: string;
  createdAt: Date;
}

/** The record for this key, ignoring an expired one (created at or before `expiredBy`). */
export async function findIdempotencyRecord(
  db: Queryable,
  apiKeyId: string,
  key: string,
  expiredBy: Date,
): Promise<IdempotencyRecord | null> {
  const row = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('api_key_id', '=', apiKeyId)
    .where('key', '=', key)
    .where('created_at', '>', toDbTime(expiredBy))
    .executeTakeFirst();
  if (!row) return null;
  return {
    apiKeyId: row.api_key_id,
    key: row.key,
    requestHash: row.request_hash,
    status: Number(row.status),
    body: row.body,
    createdAt: fromDbTime(row.created_at),
  };
}

/**
 * Claims the key for this transaction; false when another transaction holds or committed it.
 * `ON CONFLICT DO NOTHING` never aborts the transaction: on PostgreSQL a second claimant waits
 * for the first to commit (then gets false) or roll back (then gets the key). Expired records
 * of this API key are purged first, so an expired key can be claimed again.
 */
export async function reserveIdempotencyKey(tx: Tx, reservation: IdempotencyReservation, expiredBy: Date): Promise<boolean> {
  await tx
    .deleteFrom('idempotency_keys')
    .where('api_key_id', '=', reservation.apiKeyId)
    .where('created_at', '<=', toDbTime(expiredBy))
    .execute();
  const inserted = await tx
    .insertInto('idempotency_keys')
    .values({
      api_key_id: reservation.apiKeyId,
      key: reservation.key,
      request_hash: reservation.requestHash,
      // Placeholder until `recordIdempotentResponse`, in the same transaction: never visible committed.
      status: 0,
      body: '',
      created_at: toDbTime(reservation.createdAt),
    })
    .onConflict((oc) => oc.columns(['api_key_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Stores the response of a reserved key. */
export async function recordIdempotentResponse(tx: Tx, apiKeyId: string, key: string, status: number, body: string): Promise<void> {
  await tx.updateTable('idempotency_keys').set({ status, body }).where('api_key_id', '=', apiKeyId).where('key', '=', key).execute();
}
