import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { newId } from '../../domain/id.js';
import { insertCatalogEntry, searchCatalogEntriesOfType } from '../catalog/catalog-entries.js';
import { insertCatalogType } from '../catalog/catalog-types.js';
import { writeTransaction } from '../transaction.js';
import { catalogEntrySearch } from './0012-catalog-entry-search.js';

describeEachEngine('migration 0012-catalog-entry-search', (database) => {
  it('fills the search rows of the entries that exist when it runs', async () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const typeId = newId();
    await writeTransaction(database(), async (tx) => {
      await insertCatalogType(tx, { id: typeId, name: 'Customer', description: null, attributes: [], createdAt: at, updatedAt: at });
      for (const [name, domain] of [
        ['Acme', 'xn--bcher-kva.example'],
        ['Globex', 'globex.example'],
      ] as const) {
        const id = newId();
        await insertCatalogEntry(tx, {
          id,
          typeId,
          name,
          externalId: name.toLowerCase(),
          aliases: [],
          rank: 0,
          values: { domains: [domain] },
          slug: name.toLowerCase(),
          source: { kind: 'manual' },
          createdAt: at,
          updatedAt: at,
        });
      }
    });
    // As the database was before 0012: entries and no search rows.
    const db = database().db;
    await sql`drop index catalog_entries_order`.execute(db);
    await sql`drop table catalog_entry_search`.execute(db);
    await catalogEntrySearch.up(db);
    const found = await searchCatalogEntriesOfType(db, typeId, { search: 'bücher', limit: 10, offset: 0 });
    expect(found.entries.map((e) => e.name)).toEqual(['Acme']);
    expect((await searchCatalogEntriesOfType(db, typeId, { search: 'example', limit: 10, offset: 0 })).total).toBe(2);
  });
});
