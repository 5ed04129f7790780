import { newId } from '../../domain/id.js';
import { insertOutboxMessage } from '../../store/outbox.js';
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
