import type { Selectable } from 'kysely';
import { capabilitiesOf } from './capabilities.js';
import { fromDbTime, fromDbTimeOrNull, toDbTime } from './codec.js';
import type { Tables } from './tables.js';
import type { Queryable, Tx } from './transaction.js';

/** One message waiting in (or delivered through) the durable outbox. `payload` is JSON text. */
export interface OutboxRecord {
  id: string;
  kind: string;
  payload: string;
  createdAt: Date;
  attempts: number;
  nextAttemptAt: Date;
  claimedBy: string | null;
  claimedUntil: Date | null;
  sentAt: Date | null;
  failedAt: Date | null;
  lastError: string | null;
  dedupeKey: string | null;
}

type Row = Selectable<Tables['outbox']>;

const toRecord = (row: Row): OutboxRecord => ({
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
});

/** One message to queue; with a `dedupeKey`, a message already queued under that key is not queued again. */
export interface NewOutboxMessage {
  id: string;
  kind: string;
  payload: string;
  createdAt: Date;
  dedupeKey?: string;
}

const newRow = (message: NewOutboxMessage) => {
  const at = toDbTime(message.createdAt);
  return {
    id: message.id,
    kind: message.kind,
    payload: message.payload,
    created_at: at,
    attempts: 0,
    next_attempt_at: at,
    claimed_by: null,
    claimed_until: null,
    sent_at: null,
    failed_at: null,
    last_error: null,
    dedupe_key: message.dedupeKey ?? null,
  };
};

export async function insertOutboxMessage(tx: Tx, message: NewOutboxMessage): Promise<void> {
  await insertOutboxMessages(tx, [message]);
}

/**
 * Queues `messages` in one statement; those whose `dedupeKey` is already queued (sent or not) are
 * skipped. Answers how many were queued.
 */
export async function insertOutboxMessages(tx: Tx, messages: readonly NewOutboxMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  const result = await tx
    .insertInto('outbox')
    .values(messages.map(newRow))
    .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export interface ClaimInput {
  workerId: string;
  now: Date;
  /** The claim lapses then, so a crashed worker's messages are retried. */
  claimedUntil: Date;
  limit: number;
}

/**
 * Claims up to `limit` due messages for `workerId` and counts the attempt. The update re-checks that
 * each row is still unclaimed, so even without row locks (SQLite, one writer) no message is claimed
 * twice; where the engine has it (PostgreSQL), `FOR UPDATE SKIP LOCKED` also keeps concurrent
 * workers from waiting on each other: they pick disjoint rows.
 */
export async function claimDueOutboxMessages(tx: Tx, input: ClaimInput): Promise<OutboxRecord[]> {
  const now = toDbTime(input.now);
  let pick = tx
    .selectFrom('outbox')
    .select('id')
    .where('sent_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(input.limit);
  if (capabilitiesOf(tx).supportsSkipLocked) pick = pick.forUpdate().skipLocked();
  const ids = (await pick.execute()).map((row) => row.id);
  if (ids.length === 0) return [];
  const rows = await tx
    .updateTable('outbox')
    .set((eb) => ({ claimed_by: input.workerId, claimed_until: toDbTime(input.claimedUntil), attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', ids)
    .where('sent_at', 'is', null)
    .where('failed_at', 'is', null)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
    .returningAll()
    .execute();
  return rows.map(toRecord).sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id.localeCompare(b.id));
}

/** Records delivery and replaces the payload (e.g. with its secrets removed). False when the claim was lost. */
export async function markOutboxSent(tx: Tx, input: { id: string; workerId: string; at: Date; payload: string }): Promise<boolean> {
  const result = await tx
    .updateTable('outbox')
    .set({ sent_at: toDbTime(input.at), payload: input.payload, claimed_by: null, claimed_until: null, last_error: null })
    .where('id', '=', input.id)
    .where('claimed_by', '=', input.workerId)
    .where('sent_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Releases a failed claim for a retry at `nextAttemptAt`. */
export async function markOutboxRetry(
  tx: Tx,
  input: { id: string; workerId: string; error: string; nextAttemptAt: Date },
): Promise<boolean> {
  const result = await tx
    .updateTable('outbox')
    .set({ claimed_by: null, claimed_until: null, last_error: input.error, next_attempt_at: toDbTime(input.nextAttemptAt) })
    .where('id', '=', input.id)
    .where('claimed_by', '=', input.workerId)
    .where('sent_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives up on a message for good, replacing its payload (e.g. with its secrets removed). */
export async function markOutboxFailed(
  tx: Tx,
  input: { id: string; workerId: string; at: Date; error: string; payload: string },
): Promise<boolean> {
  const result = await tx
    .updateTable('outbox')
    .set({ failed_at: toDbTime(input.at), payload: input.payload, claimed_by: null, claimed_until: null, last_error: input.error })
    .where('id', '=', input.id)
    .where('claimed_by', '=', input.workerId)
    .where('sent_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Housekeeping: removes delivered or abandoned messages finished before `before`. */
export async function deleteFinishedOutboxBefore(tx: Tx, before: Date): Promise<number> {
  const at = toDbTime(before);
  const result = await tx
    .deleteFrom('outbox')
    .where((eb) => eb.or([eb('sent_at', '<', at), eb('failed_at', '<', at)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Dead letters: messages of `kinds` given up for good (`failed_at` set), newest first, keyset-paged by
 * `before` (the last of the previous page). What staff tools list to see notifications that never left.
 */
export async function listFailedOutboxMessages(
  db: Queryable,
  input: { kinds: readonly string[]; limit: number; before?: { failedAt: Date; id: string } },
): Promise<OutboxRecord[]> {
  if (input.kinds.length === 0) return [];
  let query = db
    .selectFrom('outbox')
    .selectAll()
    .where('kind', 'in', [...input.kinds])
    .where('failed_at', 'is not', null)
    .orderBy('failed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit);
  const { before } = input;
  if (before) {
    const at = toDbTime(before.failedAt);
    query = query.where((eb) => eb.or([eb('failed_at', '<', at), eb.and([eb('failed_at', '=', at), eb('id', '<', before.id)])]));
  }
  return (await query.execute()).map(toRecord);
}

/** One message by id (a delivery replayed from the log), or null once housekeeping removed it. */
export async function findOutboxRecord(db: Queryable, id: string): Promise<OutboxRecord | null> {
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
}
