import { fromDbTime, fromDbTimeOrNull } from '../../src/store/codec.js';
import type { OutboxRecord } from '../../src/store/outbox.js';
import type { Queryable } from '../../src/store/transaction.js';

/** One outbox row as the store's records read (production never reads a message by id; the worker claims them). */
export async function findOutboxMessage(db: Queryable, id: string): Promise<OutboxRecord | null> {
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    payload: row.payload,
    createdAt: fromDbTime(row.created_at),
    attempts: Number(row.attempts),
    nextAttemptAt: fromDbTime(row.next_attempt_at),
    claimedBy: row.claimed_by,
    claimedUntil: fromDbTimeOrNull(row.claimed_until),
    sentAt: fromDbTimeOrNull(row.sent_at),
    failedAt: fromDbTimeOrNull(row.failed_at),
    lastError: row.last_error,
    dedupeKey: row.dedupe_key,
  };
}
