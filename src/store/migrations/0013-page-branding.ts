import type { Kysely, Migration } from 'kysely';

/**
 * Page branding (the dashboard's page settings): a support link, a brand colour, how uptime shows,
 * and a logo. The page row holds what rendering needs (the logo's hash and type); the logo's bytes
 * live apart in `page_logos`, read only when the logo URL is fetched, so snapshots stay small.
 * The bytes are base64 text: one column type and one codec on both engines, at a third more space
 * for at most 256 KiB a page.
 */
export const pageBranding: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('pages').addColumn('support_url', 'text').execute();
    await db.schema.alterTable('pages').addColumn('brand_color', 'text').execute();
    await db.schema
      .alterTable('pages')
      .addColumn('uptime_display', 'text', (c) => c.notNull().defaultTo('bars_and_percentage'))
      .execute();
    await db.schema.alterTable('pages').addColumn('logo_sha256', 'text').execute();
    await db.schema.alterTable('pages').addColumn('logo_content_type', 'text').execute();

    await db.schema
      .createTable('page_logos')
      .addColumn('page_id', 'text', (c) => c.primaryKey().references('pages.id').onDelete('cascade'))
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('data_base64', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    // The logo URL names the hash: served by it.
    await db.schema.createIndex('page_logos_sha256').on('page_logos').column('sha256').execute();
  },
};
