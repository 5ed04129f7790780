import type { Selectable } from 'kysely';
import { type WebhookEndpoint, isWebhookFormat } from '../../domain/webhooks/webhook-endpoint.js';
import { fromDbTime, fromDbTimeOrNull, toDbTime, toDbTimeOrNull } from '../codec.js';
import type { Tables } from '../tables.js';
import type { Queryable, Tx } from '../transaction.js';

type Row = Selectable<Tables['webhook_endpoints']>;

/** An endpoint with its sealed secrets, as stored. */
export interface WebhookEndpointRecord extends WebhookEndpoint {
  secretSealed: string;
  previousSecretSealed: string | null;
}

const toRecord = (row: Row): WebhookEndpointRecord => ({
  id: row.id,
  scope: row.scope,
  url: row.url,
  format: isWebhookFormat(row.format) ? row.format : 'beacon',
  state: row.state === 'active' ? 'active' : 'disabled',
  disabledReason: row.disabled_reason,
  createdBy: row.created_by,
  secretSealed: row.secret_sealed,
  previousSecretSealed: row.previous_secret_sealed,
  previousSecretUntil: fromDbTimeOrNull(row.previous_secret_until),
  createdAt: fromDbTime(row.created_at),
  updatedAt: fromDbTime(row.updated_at),
});

export async function insertWebhookEndpoint(tx: Tx, record: WebhookEndpointRecord): Promise<void> {
  await tx
    .insertInto('webhook_endpoints')
    .values({
      id: record.id,
      scope: record.scope,
      url: record.url,
      format: record.format,
      secret_sealed: record.secretSealed,
      previous_secret_sealed: record.previousSecretSealed,
      previous_secret_until: toDbTimeOrNull(record.previousSecretUntil),
      state: record.state,
      disabled_reason: record.disabledReason,
      created_by: record.createdBy,
      created_at: toDbTime(record.createdAt),
      updated_at: toDbTime(record.updatedAt),
    })
    .execute();
}

export async function findWebhookEndpoint(db: Queryable, id: string): Promise<WebhookEndpointRecord | null> {
  const row = await db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** One keyset page of the endpoints of `scopes` (all of them when null), in id order, after `afterId`. */
export async function listWebhookEndpoints(
  db: Queryable,
  query: { scopes: readonly string[] | null; activeOnly: boolean; afterId: string | null; limit: number },
): Promise<WebhookEndpointRecord[]> {
  if (query.scopes !== null && query.scopes.length === 0) return [];
  let select = db.selectFrom('webhook_endpoints').selectAll();
  if (query.activeOnly) select = select.where('state', '=', 'active');
  if (query.scopes !== null) select = select.where('scope', 'in', query.scopes);
  if (query.afterId !== null) select = select.where('id', '>', query.afterId);
  const rows = await select.orderBy('id').limit(query.limit).execute();
  return rows.map(toRecord);
}

/** Applies `changes` to the endpoint; false when there is no such endpoint. */
export async function updateWebhookEndpoint(
  tx: Tx,
  id: string,
  changes: Partial<
    Pick<WebhookEndpointRecord, 'state' | 'disabledReason' | 'secretSealed' | 'previousSecretSealed' | 'previousSecretUntil'>
  > & {
    updatedAt: Date;
  },
): Promise<boolean> {
  const result = await tx
    .updateTable('webhook_endpoints')
    .set({
      updated_at: toDbTime(changes.updatedAt),
      ...(changes.state === undefined ? {} : { state: changes.state }),
      ...(changes.disabledReason === undefined ? {} : { disabled_reason: changes.disabledReason }),
      ...(changes.secretSealed === undefined ? {} : { secret_sealed: changes.secretSealed }),
      ...(changes.previousSecretSealed === undefined ? {} : { previous_secret_sealed: changes.previousSecretSealed }),
      ...(changes.previousSecretUntil === undefined ? {} : { previous_secret_until: toDbTimeOrNull(changes.previousSecretUntil) }),
    })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes the endpoint and its delivery log; false when there was none. */
export async function deleteWebhookEndpoint(tx: Tx, id: string): Promise<boolean> {
  await tx.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute();
  const result = await tx.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
