import type { Kysely, Migration } from 'kysely';

/**
 * Personal read tokens (docs/read-tokens.md): a signed-in viewer's key for their page's v2 API and
 * feeds. Stored only as an HMAC keyed by the server secret (TOK-2), like sessions; `prefix` is the
 * token's first characters, shown in lists so a viewer can tell their tokens apart.
 */
export const readTokens: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('read_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('customer_page_id', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('domain', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text')
      .execute();
    await db.schema.createIndex('read_tokens_page_email').on('read_tokens').columns(['customer_page_id', 'email']).execute();
  },
};
