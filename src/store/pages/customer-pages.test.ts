import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { insertTestEntry, insertTestPage, insertTestType } from '../../../test/helpers/page-kinds-fixtures.js';
import { newId } from '../../domain/id.js';
import { newUrlToken } from '../../domain/access/url-token.js';
import { deleteCatalogEntryRows } from '../catalog/catalog-entries.js';
import {
  type CustomerPageRecord,
  findCustomerPage,
  findEntriesWithoutCustomerPage,
  insertCustomerPages,
  loadAllCustomerPages,
  updateCustomerPageToken,
} from './customer-pages.js';
import type { Database } from '../database.js';
import { loadPageKindsSnapshotPart } from './page-kinds-snapshot.js';
import { upsertSubPageSetting } from './page-bindings.js';
import { deletePageRow } from './pages.js';
import { writeTransaction } from '../transaction.js';

const at = new Date('2025-03-01T10:00:00.123Z');

async function setup(database: Database) {
  const type = await insertTestType(database, 'Customer');
  const binding = {
    kind: 'customer_set',
    catalogTypeId: type.id,
    allowlistAttributeId: 'domains',
    componentAttributeId: 'components',
  } as const;
  const set = await insertTestPage(database, 'customers', binding);
  const acme = await insertTestEntry(database, type.id, 'Acme', { domains: ['acme.com'] });
  const globex = await insertTestEntry(database, type.id, 'Globex');
  return { type, set, acme, globex };
}

const record = (pageId: string, entryId: string): CustomerPageRecord => ({
  id: newId(),
  pageId,
  entryId,
  urlToken: newUrlToken(),
  createdAt: at,
  rotatedAt: null,
});

describeEachEngine('store/customer-pages', (database) => {
  it('inserts rows, reads them back, and finds the entries still without one', async () => {
    const { type, set, acme, globex } = await setup(database());
    expect((await findEntriesWithoutCustomerPage(database().db, set.id, type.id)).sort()).toEqual([acme.id, globex.id].sort());
    const row = record(set.id, acme.id);
    expect(await writeTransaction(database(), (tx) => insertCustomerPages(tx, [row]))).toMatchObject({ result: 1 });
    expect(await findCustomerPage(database().db, row.id)).toEqual(row);
    expect(await findEntriesWithoutCustomerPage(database().db, set.id, type.id)).toEqual([globex.id]);
  });

  it('skips a second row for the same set and entry instead of failing', async () => {
    const { set, acme } = await setup(database());
    await writeTransaction(database(), (tx) => insertCustomerPages(tx, [record(set.id, acme.id)]));
    const { result } = await writeTransaction(database(), (tx) => insertCustomerPages(tx, [record(set.id, acme.id)]));
    expect(result).toBe(0);
    expect(await loadAllCustomerPages(database().db)).toHaveLength(1);
  });

  it('refuses two pages with the same URL token', async () => {
    const { set, acme, globex } = await setup(database());
    const first = record(set.id, acme.id);
    await writeTransaction(database(), (tx) => insertCustomerPages(tx, [first]));
    await expect(
      writeTransaction(database(), (tx) => insertCustomerPages(tx, [{ ...record(set.id, globex.id), urlToken: first.urlToken }])),
    ).rejects.toThrow();
  });

  it('rotates a token', async () => {
    const { set, acme } = await setup(database());
    const row = record(set.id, acme.id);
    await writeTransaction(database(), (tx) => insertCustomerPages(tx, [row]));
    const later = new Date('2025-04-01T00:00:00.000Z');
    const { result } = await writeTransaction(database(), (tx) => updateCustomerPageToken(tx, row.id, 'new-token', later));
    expect(result).toBe(true);
    expect(await findCustomerPage(database().db, row.id)).toEqual({ ...row, urlToken: 'new-token', rotatedAt: later });
    expect((await writeTransaction(database(), (tx) => updateCustomerPageToken(tx, 'missing', 'x', later))).result).toBe(false);
  });

  it('drops a customer page with its entry or its set', async () => {
    const { set, acme, globex } = await setup(database());
    await writeTransaction(database(), (tx) => insertCustomerPages(tx, [record(set.id, acme.id), record(set.id, globex.id)]));
    await writeTransaction(database(), (tx) => deleteCatalogEntryRows(tx, [acme.id]));
    expect((await loadAllCustomerPages(database().db)).map((r) => r.entryId)).toEqual([globex.id]);
    await writeTransaction(database(), (tx) => deletePageRow(tx, set.id));
    expect(await loadAllCustomerPages(database().db)).toEqual([]);
  });

  it('loads the snapshot part: catalog, sub-page switches and customer pages by token', async () => {
    const { type, set, acme } = await setup(database());
    const row = record(set.id, acme.id);
    const region = await insertTestType(database(), 'Region');
    const eu = await insertTestEntry(database(), region.id, 'EU');
    const parent = await insertTestPage(database(), 'status', {
      kind: 'parent',
      catalogTypeId: region.id,
      componentAttributeId: 'components',
    });
    await writeTransaction(database(), async (tx) => {
      await insertCustomerPages(tx, [row]);
      await upsertSubPageSetting(tx, { pageId: parent.id, entryId: eu.id, disabled: true });
    });
    const part = await loadPageKindsSnapshotPart(database().db);
    expect([...part.catalogTypes.keys()].sort()).toEqual([type.id, region.id].sort());
    expect(part.catalogEntries.get(acme.id)).toMatchObject({ name: 'Acme', slug: 'acme', values: { domains: ['acme.com'] } });
    expect(part.customerPages.get(row.urlToken)).toEqual({ id: row.id, pageId: set.id, entryId: acme.id, urlToken: row.urlToken });
    expect(part.subPageSettings.get(`${parent.id}/${eu.id}`)).toEqual({ pageId: parent.id, entryId: eu.id, disabled: true });
  });
});
