import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { BeaconError } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import { loadAllCatalog } from './catalog.js';
import {
  type CatalogEntryRecord,
  deleteCatalogEntryRows,
  findCatalogEntry,
  insertCatalogEntry,
  listCatalogEntriesOfType,
  searchCatalogEntriesOfType,
  updateCatalogEntryRow,
} from './catalog-entries.js';
import { type CatalogTypeRecord, deleteCatalogTypeRow, insertCatalogType } from './catalog-types.js';
import type { Database } from '../database.js';
import { writeTransaction } from '../transaction.js';

const at = new Date('2025-03-01T10:00:00.123Z');

async function insertType(database: Database, name: string): Promise<CatalogTypeRecord> {
  const type: CatalogTypeRecord = {
    id: newId(),
    name,
    description: null,
    attributes: [
      { id: 'domains', name: 'Domains', kind: 'email_domain', isList: true },
      { id: 'tier', name: 'Tier', kind: 'number', isList: false },
    ],
    createdAt: at,
    updatedAt: at,
  };
  await writeTransaction(database, (tx) => insertCatalogType(tx, type));
  return type;
}

const buildEntry = (typeId: string, overrides: Partial<CatalogEntryRecord> = {}): CatalogEntryRecord => ({
  id: newId(),
  typeId,
  name: 'Acme Corp',
  externalId: 'acme',
  aliases: ['ACME', 'Acme Inc.'],
  rank: 0,
  values: { domains: ['acme.com', '*.acme.de'], tier: 1 },
  slug: 'acme',
  source: { kind: 'manual' },
  createdAt: at,
  updatedAt: at,
  ...overrides,
});

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describeEachEngine('store/catalog-entries', (database) => {
  it('round-trips every field, manual and synced', async () => {
    const type = await insertType(database(), 'Customer');
    const manual = buildEntry(type.id);
    const synced = buildEntry(type.id, {
      externalId: 'globex',
      slug: 'globex',
      name: 'Globex',
      aliases: [],
      values: {},
      source: { kind: 'sync', syncKey: 'crm' },
    });
    await writeTransaction(database(), async (tx) => {
      await insertCatalogEntry(tx, manual);
      await insertCatalogEntry(tx, synced);
    });
    expect(await findCatalogEntry(database().db, manual.id)).toEqual(manual);
    expect(await findCatalogEntry(database().db, synced.id)).toEqual(synced);
    expect(await findCatalogEntry(database().db, 'missing')).toBeNull();
  });

  it('keeps external ids and slugs unique within a type, not across types', async () => {
    const customer = await insertType(database(), 'Customer');
    const partner = await insertType(database(), 'Partner');
    await writeTransaction(database(), (tx) => insertCatalogEntry(tx, buildEntry(customer.id)));
    await writeTransaction(database(), (tx) => insertCatalogEntry(tx, buildEntry(partner.id)));
    const sameExternalId = await failureOf(
      writeTransaction(database(), (tx) => insertCatalogEntry(tx, buildEntry(customer.id, { slug: 'other' }))),
    );
    expect(sameExternalId).toBeInstanceOf(BeaconError);
    expect((sameExternalId as BeaconError).code).toBe('conflict');
    const sameSlug = await failureOf(
      writeTransaction(database(), (tx) => insertCatalogEntry(tx, buildEntry(customer.id, { externalId: 'other' }))),
    );
    expect((sameSlug as BeaconError).code).toBe('conflict');
  });

  it('updates every field but id, type and createdAt', async () => {
    const type = await insertType(database(), 'Customer');
    const entry = buildEntry(type.id);
    await writeTransaction(database(), (tx) => insertCatalogEntry(tx, entry));
    const changed: CatalogEntryRecord = {
      ...entry,
      name: 'Acme Corporation',
      externalId: 'acme-corp',
      aliases: [],
      rank: 5,
      values: { tier: 2 },
      slug: 'acme-corp',
      source: { kind: 'sync', syncKey: 'crm' },
      createdAt: new Date('2030-01-01T00:00:00.000Z'),
      updatedAt: new Date('2025-03-02T00:00:00.000Z'),
    };
    await writeTransaction(database(), (tx) => updateCatalogEntryRow(tx, changed));
    expect(await findCatalogEntry(database().db, entry.id)).toEqual({ ...changed, createdAt: at });
  });

  it('lists a type in rank then name order, and loads the whole catalog', async () => {
    const type = await insertType(database(), 'Customer');
    const other = await insertType(database(), 'Region');
    const entries = [
      buildEntry(type.id, { name: 'Zeta', externalId: 'z', slug: 'z', rank: 0 }),
      buildEntry(type.id, { name: 'Beta', externalId: 'b', slug: 'b', rank: 1 }),
      buildEntry(type.id, { name: 'Alpha', externalId: 'a', slug: 'a', rank: 1 }),
      buildEntry(other.id, { name: 'EU', externalId: 'eu', slug: 'eu' }),
    ];
    await writeTransaction(database(), async (tx) => {
      for (const entry of entries) await insertCatalogEntry(tx, entry);
    });
    expect((await listCatalogEntriesOfType(database().db, type.id)).map((e) => e.name)).toEqual(['Zeta', 'Alpha', 'Beta']);
    const catalog = await loadAllCatalog(database().db);
    expect(catalog.types.map((t) => t.name)).toEqual(['Customer', 'Region']);
    expect(catalog.entries).toHaveLength(4);
    expect(catalog.entries.find((e) => e.externalId === 'eu')).toEqual(entries[3]);
  });

  it('deletes entries by id, and with their type', async () => {
    const type = await insertType(database(), 'Customer');
    const a = buildEntry(type.id, { externalId: 'a', slug: 'a' });
    const b = buildEntry(type.id, { externalId: 'b', slug: 'b' });
    const c = buildEntry(type.id, { externalId: 'c', slug: 'c' });
    await writeTransaction(database(), async (tx) => {
      for (const entry of [a, b, c]) await insertCatalogEntry(tx, entry);
    });
    await writeTransaction(database(), (tx) => deleteCatalogEntryRows(tx, [a.id, b.id]));
    expect((await listCatalogEntriesOfType(database().db, type.id)).map((e) => e.id)).toEqual([c.id]);
    await writeTransaction(database(), (tx) => deleteCatalogTypeRow(tx, type.id));
    expect(await findCatalogEntry(database().db, c.id)).toBeNull();
  });

  it('searches by name, alias, external id and value (an international domain by either form, DOM-10), pages in display order, and keeps the search row in step', async () => {
    const type = await insertType(database(), 'Customer');
    const other = await insertType(database(), 'Region');
    const entries = [
      buildEntry(type.id, {
        name: 'Beta',
        externalId: 'beta',
        slug: 'beta',
        aliases: [],
        rank: 1,
        values: { domains: ['xn--bcher-kva.example'] },
      }),
      buildEntry(type.id, { name: 'Alpha', externalId: 'alpha', slug: 'alpha', aliases: ['100%_Real'], rank: 1, values: { tier: 7 } }),
      buildEntry(type.id, { name: 'Zulu', externalId: 'zulu', slug: 'zulu', aliases: [], rank: 0, values: {} }),
      buildEntry(other.id, { name: 'Alpha', externalId: 'alpha', slug: 'alpha', aliases: [], values: {} }),
    ];
    await writeTransaction(database(), async (tx) => {
      for (const entry of entries) await insertCatalogEntry(tx, entry);
    });
    const search = (query: string, limit = 10, offset = 0) =>
      searchCatalogEntriesOfType(database().db, type.id, { search: query, limit, offset });
    const names = async (query: string, limit?: number, offset?: number) => {
      const found = await search(query, limit, offset);
      return { names: found.entries.map((e) => e.name), total: found.total };
    };
    expect(await names('')).toEqual({ names: ['Zulu', 'Alpha', 'Beta'], total: 3 });
    expect(await names('', 1, 1)).toEqual({ names: ['Alpha'], total: 3 });
    expect(await names('BÜCHER')).toEqual({ names: ['Beta'], total: 1 });
    expect(await names('xn--bcher')).toEqual({ names: ['Beta'], total: 1 });
    expect(await names('%_r')).toEqual({ names: ['Alpha'], total: 1 });
    expect(await names('%')).toEqual({ names: ['Alpha'], total: 1 });
    expect(await names('_')).toEqual({ names: ['Alpha'], total: 1 });
    expect(await names('nothing')).toEqual({ names: [], total: 0 });

    await writeTransaction(database(), (tx) => updateCatalogEntryRow(tx, { ...entries[2]!, aliases: ['Last one'] }));
    expect(await names('last one')).toEqual({ names: ['Zulu'], total: 1 });
    await writeTransaction(database(), (tx) => deleteCatalogEntryRows(tx, [entries[2]!.id]));
    expect(await names('last one')).toEqual({ names: [], total: 0 });
  });
});
