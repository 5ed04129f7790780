import { fromDbTime, toDbTime } from '../codec.js';
import type { Queryable, Tx } from '../transaction.js';

/** One delivery attempt, as logged for staff (WH-3: the response excerpt is for staff only). */
export interface WebhookDeliveryRecord {
  id: string;
  endpointId: string;
  /** The outbox message: its id is the `webhook-id` header, the same on every attempt and replay. */
  messageId: string;
  eventType: string;
  attempt: number;
  at: Date;
  outcome: 'sent' | 'failed' | 'disabled';
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  responseExcerpt: string | null;
}

const OUTCOMES = new Set(['sent', 'failed', 'disabled']);

export async function insertWebhookDelivery(tx: Tx, record: WebhookDeliveryRecord): Promise<void> {
  await tx
    .insertInto('webhook_deliveries')
    .values({
      id: record.id,
      endpoint_id: record.endpointId,
      message_id: record.messageId,
      event_type: record.eventType,
      attempt: record.attempt,
      at: toDbTime(record.at),
      outcome: record.outcome,
      status_code: record.statusCode,
      duration_ms: record.durationMs,
      error: record.error,
      response_excerpt: record.responseExcerpt,
    })
    .execute();
}

/** One page of an endpoint's log, newest first, before the cursor `(at, id)` of the last row seen. */
export async function listWebhookDeliveries(
  db: Queryable,
  query: { endpointId: string; before: { at: Date; id: string } | null; limit: number },
): Promise<WebhookDeliveryRecord[]> {
  let select = db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', query.endpointId);
  if (query.before !== null) {
    const at = toDbTime(query.before.at);
    const id = query.before.id;
    select = select.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '<', id)])]));
  }
  const rows = await select.orderBy('at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
  return rows.map((row) => ({
    id: row.id,
    endpointId: row.endpoint_id,
    messageId: row.message_id,
    eventType: row.event_type,
    attempt: Number(row.attempt),
    at: fromDbTime(row.at),
    outcome: (OUTCOMES.has(row.outcome) ? row.outcome : 'failed') as WebhookDeliveryRecord['outcome'],
    statusCode: row.status_code === null ? null : Number(row.status_code),
    durationMs: Number(row.duration_ms),
    error: row.error,
    responseExcerpt: row.response_excerpt,
  }));
}

export async function findWebhookDelivery(db: Queryable, id: string): Promise<{ endpointId: string; messageId: string } | null> {
  const row = await db.selectFrom('webhook_deliveries').select(['endpoint_id', 'message_id']).where('id', '=', id).executeTakeFirst();
  return row ? { endpointId: row.endpoint_id, messageId: row.message_id } : null;
}
