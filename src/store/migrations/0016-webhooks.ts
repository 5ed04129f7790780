import type { Kysely, Migration } from 'kysely';

/**
 * Outgoing webhooks (docs/webhooks.md).
 *
 * - `webhook_endpoints`: one URL subscribed to one scope (`page:<id>`, `sub:<pageId>/<entryId>`,
 *   `customer:<id>`). Its signing secret must be read to sign, so it is sealed under the server secret
 *   (never an HMAC); during a rotation the old one is kept, sealed, until `previous_secret_until`.
 *   The manage link's token is the id under an HMAC of the server secret, so it needs no column.
 * - `webhook_deliveries`: every delivery attempt, for staff only (WH-3): the response excerpt is
 *   never shown to anyone else.
 */
export const webhooks: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('webhook_endpoints')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      // beacon | statuspage | slack | discord | teams
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('secret_sealed', 'text', (c) => c.notNull())
      .addColumn('previous_secret_sealed', 'text')
      .addColumn('previous_secret_until', 'text')
      // active | disabled
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('disabled_reason', 'text')
      // Who subscribed it: `staff:<email>`, `api-key:<id>`, `form` (anonymous, on a public page).
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // Fan-out streams the active endpoints of the touched scopes in id order (keyset pages).
    await db.schema.createIndex('webhook_endpoints_fan_out').on('webhook_endpoints').columns(['state', 'scope', 'id']).execute();
    await db.schema.createIndex('webhook_endpoints_scope').on('webhook_endpoints').columns(['scope', 'id']).execute();

    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('endpoint_id', 'text', (c) => c.notNull())
      // The outbox message, whose id is the `webhook-id` header.
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('event_type', 'text', (c) => c.notNull())
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      // sent | failed | disabled (410 Gone)
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('status_code', 'integer')
      .addColumn('duration_ms', 'integer', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('response_excerpt', 'text')
      .execute();
    await db.schema.createIndex('webhook_deliveries_endpoint').on('webhook_deliveries').columns(['endpoint_id', 'at', 'id']).execute();
  },
};
