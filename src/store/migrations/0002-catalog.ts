import type { Kysely, Migration } from 'kysely';

// Schema builder only, so the same migration runs on SQLite and PostgreSQL.
export const catalog: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('catalog_types')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('description', 'text')
      .addColumn('attributes', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('catalog_entries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('type_id', 'text', (c) => c.notNull().references('catalog_types.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text', (c) => c.notNull())
      .addColumn('aliases', 'text', (c) => c.notNull())
      .addColumn('rank', 'integer', (c) => c.notNull())
      .addColumn('values', 'text', (c) => c.notNull())
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('source_kind', 'text', (c) => c.notNull())
      .addColumn('sync_key', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('catalog_entries_external_id', ['type_id', 'external_id'])
      .addUniqueConstraint('catalog_entries_slug', ['type_id', 'slug'])
      .execute();
    await db.schema.createIndex('catalog_entries_sync_key').on('catalog_entries').column('sync_key').execute();

    // No foreign keys: the log outlives the pages and entries it mentions.
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('subject_type', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('page_id', 'text')
      .addColumn('details', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject_type', 'subject_id', 'at']).execute();
    await db.schema.createIndex('audit_log_page').on('audit_log').columns(['page_id', 'at']).execute();
    await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  },
};
