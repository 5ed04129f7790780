import type { Kysely, Migration } from 'kysely';

/**
 * Customer page sign-in (security.md TOK/SES/REQ-4) and the durable outbox. Secrets are stored only
 * as HMACs keyed by the server secret, which lives outside the database (TOK-2, SES-1).
 */
export const signIn: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sign_in_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      // A non-secret handle for the audit log, so not even the hash is written there.
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('customer_page_id', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('code_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('pending_hash', 'text', (c) => c.notNull())
      .addColumn('next_path', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('voided_at', 'text')
      .execute();
    await db.schema.createIndex('sign_in_tokens_page_email').on('sign_in_tokens').columns(['customer_page_id', 'email']).execute();
    await db.schema.createIndex('sign_in_tokens_expires').on('sign_in_tokens').column('expires_at').execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('customer_page_id', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('domain', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('idle_expires_at', 'text', (c) => c.notNull())
      .addColumn('absolute_expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_page_email').on('sessions').columns(['customer_page_id', 'email']).execute();
    await db.schema.createIndex('sessions_page_domain').on('sessions').columns(['customer_page_id', 'domain']).execute();
    await db.schema.createIndex('sessions_absolute_expires').on('sessions').column('absolute_expires_at').execute();

    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('window_start', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('rate_limits_pk', ['key', 'window_start'])
      .execute();
    await db.schema.createIndex('rate_limits_window').on('rate_limits').column('window_start').execute();

    await db.schema
      .createTable('outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('claimed_by', 'text')
      .addColumn('claimed_until', 'text')
      .addColumn('sent_at', 'text')
      // Given up on (expired, refused, or out of attempts); never claimed again.
      .addColumn('failed_at', 'text')
      .addColumn('last_error', 'text')
      .execute();
    await db.schema.createIndex('outbox_due').on('outbox').columns(['sent_at', 'failed_at', 'next_attempt_at']).execute();
  },
};
