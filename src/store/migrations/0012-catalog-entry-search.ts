import type { Kysely, Migration } from 'kysely';
import { catalogEntrySearchText } from '../../domain/catalog/catalog-search.js';

interface EntryRow {
  id: string;
  type_id: string;
  name: string;
  external_id: string;
  aliases: string;
  slug: string;
  values: string;
}

/**
 * The dashboard searches a type's entries in the store: one row per entry with what it can be
 * found by (domain/catalog/catalog-search.ts), kept beside the entry by every write, and an index
 * on the type's display order so a page of 5,000 entries is read without sorting them all.
 */
export const catalogEntrySearch: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('catalog_entry_search')
      .addColumn('entry_id', 'text', (c) => c.primaryKey().references('catalog_entries.id').onDelete('cascade'))
      .addColumn('type_id', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('catalog_entry_search_type').on('catalog_entry_search').column('type_id').execute();
    await db.schema.createIndex('catalog_entries_order').on('catalog_entries').columns(['type_id', 'rank', 'name', 'id']).execute();

    const typed = db as unknown as Kysely<{
      catalog_entries: EntryRow;
      catalog_entry_search: { entry_id: string; type_id: string; text: string };
    }>;
    const rows = await typed
      .selectFrom('catalog_entries')
      .select(['id', 'type_id', 'name', 'external_id', 'aliases', 'slug', 'values'])
      .execute();
    for (let start = 0; start < rows.length; start += 500) {
      const chunk = rows.slice(start, start + 500).map((row) => ({
        entry_id: row.id,
        type_id: row.type_id,
        text: catalogEntrySearchText({
          name: row.name,
          externalId: row.external_id,
          aliases: JSON.parse(row.aliases) as string[],
          slug: row.slug,
          values: JSON.parse(row.values) as Record<string, string>,
        }),
      }));
      if (chunk.length > 0) await typed.insertInto('catalog_entry_search').values(chunk).execute();
    }
  },
};
