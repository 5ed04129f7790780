import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { insertTestEntry, insertTestPage, insertTestType } from '../../../test/helpers/page-kinds-fixtures.js';
import { deleteCatalogEntryRows } from '../catalog/catalog-entries.js';
import {
  deleteSubPageSettingsOfPage,
  listCustomerSetBindings,
  loadAllSubPageSettings,
  toBindingColumns,
  toPageBinding,
  updatePageBinding,
  upsertSubPageSetting,
} from './page-bindings.js';
import { deletePageRow, findPage, loadAllPages } from './pages.js';
import { writeTransaction } from '../transaction.js';

it('maps bindings to columns and back, and ignores incomplete ones', () => {
  const parent = { kind: 'parent', catalogTypeId: 't', componentAttributeId: 'c' } as const;
  const set = { kind: 'customer_set', catalogTypeId: 't', allowlistAttributeId: 'd', componentAttributeId: 'c' } as const;
  expect(toPageBinding({ kind: 'parent', ...toBindingColumns(parent) })).toEqual(parent);
  expect(toPageBinding({ kind: 'customer_set', ...toBindingColumns(set) })).toEqual(set);
  expect(toBindingColumns(undefined)).toEqual({ catalog_type_id: null, allowlist_attribute_id: null, component_attribute_id: null });
  expect(toPageBinding({ kind: 'standalone', ...toBindingColumns(parent) })).toBeUndefined();
  expect(toPageBinding({ kind: 'customer_set', ...toBindingColumns(parent) })).toBeUndefined();
});

describeEachEngine('store/page-bindings', (database) => {
  it('stores a binding with the page and reads it back through the page mapping', async () => {
    const type = await insertTestType(database(), 'Customer');
    const binding = {
      kind: 'customer_set',
      catalogTypeId: type.id,
      allowlistAttributeId: 'domains',
      componentAttributeId: 'components',
    } as const;
    const set = await insertTestPage(database(), 'customers', binding);
    const plain = await insertTestPage(database(), 'status');
    expect(await findPage(database().db, set.id)).toMatchObject({ kind: 'customer_set', binding });
    const loaded = await findPage(database().db, plain.id);
    expect(loaded).toEqual(plain);
    expect(loaded && 'binding' in loaded).toBe(false);
    expect(await listCustomerSetBindings(database().db)).toEqual([{ pageId: set.id, binding }]);
  });

  it('binds and unbinds an existing page', async () => {
    const page = await insertTestPage(database(), 'status');
    const binding = { kind: 'parent', catalogTypeId: 'type-1', componentAttributeId: 'components' } as const;
    const later = new Date('2025-06-01T00:00:00.000Z');
    await writeTransaction(database(), (tx) => updatePageBinding(tx, page.id, 'parent', binding, later));
    expect((await loadAllPages(database().db))[0]).toMatchObject({ kind: 'parent', binding, updatedAt: later });
    await writeTransaction(database(), (tx) => updatePageBinding(tx, page.id, 'standalone', null, later));
    expect(await findPage(database().db, page.id)).toEqual({ ...page, updatedAt: later });
  });

  it('upserts sub-page switches, and drops them with their page or entry', async () => {
    const type = await insertTestType(database(), 'Region');
    const [eu, us] = [await insertTestEntry(database(), type.id, 'EU'), await insertTestEntry(database(), type.id, 'US')];
    const parent = await insertTestPage(database(), 'status', {
      kind: 'parent',
      catalogTypeId: type.id,
      componentAttributeId: 'components',
    });
    await writeTransaction(database(), async (tx) => {
      await upsertSubPageSetting(tx, { pageId: parent.id, entryId: eu!.id, disabled: true });
      await upsertSubPageSetting(tx, { pageId: parent.id, entryId: us!.id, disabled: true });
      await upsertSubPageSetting(tx, { pageId: parent.id, entryId: us!.id, disabled: false });
    });
    const settings = await loadAllSubPageSettings(database().db);
    expect(settings).toHaveLength(2);
    expect(settings.find((s) => s.entryId === eu!.id)?.disabled).toBe(true);
    expect(settings.find((s) => s.entryId === us!.id)?.disabled).toBe(false);

    await writeTransaction(database(), (tx) => deleteCatalogEntryRows(tx, [eu!.id]));
    expect((await loadAllSubPageSettings(database().db)).map((s) => s.entryId)).toEqual([us!.id]);
    await writeTransaction(database(), (tx) => deletePageRow(tx, parent.id));
    expect(await loadAllSubPageSettings(database().db)).toEqual([]);
  });

  it('forgets every switch of one parent', async () => {
    const type = await insertTestType(database(), 'Region');
    const eu = await insertTestEntry(database(), type.id, 'EU');
    const binding = { kind: 'parent', catalogTypeId: type.id, componentAttributeId: 'components' } as const;
    const [a, b] = [await insertTestPage(database(), 'a', binding), await insertTestPage(database(), 'b', binding)];
    await writeTransaction(database(), async (tx) => {
      await upsertSubPageSetting(tx, { pageId: a.id, entryId: eu.id, disabled: true });
      await upsertSubPageSetting(tx, { pageId: b.id, entryId: eu.id, disabled: true });
      await deleteSubPageSettingsOfPage(tx, a.id);
    });
    expect((await loadAllSubPageSettings(database().db)).map((s) => s.pageId)).toEqual([b.id]);
  });
});
