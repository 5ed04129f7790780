import type { Kysely, Migration } from 'kysely';

/**
 * Email subscriptions and notification fan-out (docs/subscriptions.md). Every secret column holds an
 * HMAC keyed by the server secret (SUB-2, as TOK-2); addresses are canonical (DOM-1).
 *
 * - `email_subscriptions`: one row per address and page scope. `scope` is `page:<pageId>`,
 *   `sub:<pageId>/<entryId>` or `customer:<customerPageId>`; `component_ids` (JSON array) narrows it
 *   to chosen components, null for the whole page.
 * - `subscription_tokens`: the confirmation and manage links (random tokens, stored as HMACs).
 * - `email_quarantine`: addresses a mail server refused for good (5xx); nothing is sent to them.
 * - `outbox.dedupe_key`: a fan-out that is interrupted and run again queues each recipient's message
 *   once (the insert skips a key already there), so a retry never sends twice.
 * - `subscription_page_settings`: per customer page set, whether mails carry the update itself
 *   (`mail_detail` `full`, the default without a row) or only that there is one (`notice`).
 */
export const subscriptions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('email_subscriptions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('domain', 'text', (c) => c.notNull())
      .addColumn('component_ids', 'text')
      // pending | confirmed | unsubscribed
      .addColumn('state', 'text', (c) => c.notNull())
      // Where the consent came from: `form`, `staff:<staffId>`, `import:<staffId>`, as recorded.
      .addColumn('consent_source', 'text', (c) => c.notNull())
      .addColumn('consent_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('confirmed_at', 'text')
      .addColumn('unsubscribed_at', 'text')
      .addUniqueConstraint('email_subscriptions_scope_email', ['scope', 'email'])
      .execute();
    // Fan-out streams the confirmed subscribers of the touched scopes in id order (keyset pages).
    await db.schema.createIndex('email_subscriptions_fan_out').on('email_subscriptions').columns(['state', 'scope', 'id']).execute();
    await db.schema.createIndex('email_subscriptions_email').on('email_subscriptions').column('email').execute();

    await db.schema
      .createTable('subscription_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('subscription_id', 'text', (c) => c.notNull())
      // confirm | manage
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('code_hash', 'text')
      .addColumn('code_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
    await db.schema.createIndex('subscription_tokens_subscription').on('subscription_tokens').column('subscription_id').execute();
    await db.schema.createIndex('subscription_tokens_expires').on('subscription_tokens').column('expires_at').execute();

    await db.schema
      .createTable('email_quarantine')
      .addColumn('email', 'text', (c) => c.primaryKey())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('quarantined_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema.alterTable('outbox').addColumn('dedupe_key', 'text').execute();
    await db.schema.createIndex('outbox_dedupe_key').on('outbox').column('dedupe_key').unique().execute();

    await db.schema
      .createTable('subscription_page_settings')
      .addColumn('page_id', 'text', (c) => c.primaryKey())
      .addColumn('mail_detail', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
