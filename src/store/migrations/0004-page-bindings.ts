import type { Kysely, Migration } from 'kysely';

/**
 * Pages generated from the catalog: a page's binding to a catalog type (parent pages and customer
 * page sets), staff switches on sub-pages, and one unlisted URL token per customer page.
 */
export const pageBindings: Migration = {
  async up(db: Kysely<unknown>) {
    // Plain columns, not foreign keys: a deleted type or attribute leaves a binding that generates nothing.
    await db.schema.alterTable('pages').addColumn('catalog_type_id', 'text').execute();
    await db.schema.alterTable('pages').addColumn('allowlist_attribute_id', 'text').execute();
    await db.schema.alterTable('pages').addColumn('component_attribute_id', 'text').execute();

    await db.schema
      .createTable('sub_page_settings')
      .addColumn('page_id', 'text', (c) => c.notNull().references('pages.id').onDelete('cascade'))
      .addColumn('entry_id', 'text', (c) => c.notNull().references('catalog_entries.id').onDelete('cascade'))
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('sub_page_settings_pk', ['page_id', 'entry_id'])
      .execute();
    await db.schema.createIndex('sub_page_settings_entry').on('sub_page_settings').column('entry_id').execute();

    await db.schema
      .createTable('customer_pages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('page_id', 'text', (c) => c.notNull().references('pages.id').onDelete('cascade'))
      .addColumn('entry_id', 'text', (c) => c.notNull().references('catalog_entries.id').onDelete('cascade'))
      .addColumn('url_token', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('rotated_at', 'text')
      .addUniqueConstraint('customer_pages_page_entry', ['page_id', 'entry_id'])
      .execute();
    await db.schema.createIndex('customer_pages_entry').on('customer_pages').column('entry_id').execute();
  },
};
