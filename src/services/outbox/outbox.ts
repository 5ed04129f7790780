import { newId } from '../../domain/id.js';
import { insertOutboxMessage, insertOutboxMessages } from '../../store/outbox.js';
import type { Tx } from '../../store/transaction.js';

/**
 * Queues a message in the caller's transaction, so it is sent if and only if the work that asked
 * for it commits; the worker (outbox-worker.ts) delivers it later, off the request path (REQ-2).
 * Never put a raw secret in `payload`: seal it (seal.ts).
 *
 * @example await enqueue(tx, SIGN_IN_MAIL_KIND, { linkId, to }, now)
 */
export async function enqueue(tx: Tx, kind: string, payload: Record<string, unknown>, now: Date): Promise<string> {
  const id = newId();
  await insertOutboxMessage(tx, { id, kind, payload: JSON.stringify(payload), createdAt: now });
  return id;
}

/** A message for `enqueueMany`: queued once per `dedupeKey`, however often it is asked for. */
export interface QueuedMessage {
  kind: string;
  payload: Record<string, unknown>;
  dedupeKey: string;
}

/**
 * Queues many messages in one statement, each at most once per `dedupeKey` (a message already queued
 * under its key, sent or not, is skipped): a fan-out that is interrupted and run again never queues
 * a recipient twice. Answers how many were queued now.
 *
 * @example await enqueueMany(tx, recipients.map((r) => ({ kind: 'notification.email', payload: { … }, dedupeKey: `${noticeId}:email:${r.id}` })), now)
 */
export async function enqueueMany(tx: Tx, messages: readonly QueuedMessage[], now: Date): Promise<number> {
  return insertOutboxMessages(
    tx,
    messages.map((message) => ({
      id: newId(),
      kind: message.kind,
      payload: JSON.stringify(message.payload),
      createdAt: now,
      dedupeKey: message.dedupeKey,
    })),
  );
}
