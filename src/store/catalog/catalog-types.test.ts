import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { BeaconError } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import {
  type CatalogTypeRecord,
  deleteCatalogTypeRow,
  findCatalogType,
  insertCatalogType,
  loadAllCatalogTypes,
  updateCatalogTypeRow,
} from './catalog-types.js';
import { writeTransaction } from '../transaction.js';

const at = new Date('2025-03-01T10:00:00.123Z');

const buildType = (overrides: Partial<CatalogTypeRecord> = {}): CatalogTypeRecord => ({
  id: newId(),
  name: 'Customer',
  description: null,
  attributes: [],
  createdAt: at,
  updatedAt: at,
  ...overrides,
});

describeEachEngine('store/catalog-types', (database) => {
  it('round-trips every field, keeping the attribute order', async () => {
    const region = buildType({ name: 'Region' });
    const customer = buildType({
      description: 'Companies we serve',
      attributes: [
        { id: 'domains', name: 'Email domains', kind: 'email_domain', isList: true },
        { id: 'region', name: 'Region', kind: 'entry', isList: false, targetTypeId: region.id },
        { id: 'tier', name: 'Tier', kind: 'number', isList: false },
      ],
    });
    await writeTransaction(database(), async (tx) => {
      await insertCatalogType(tx, region);
      await insertCatalogType(tx, customer);
    });
    expect(await findCatalogType(database().db, customer.id)).toEqual(customer);
    expect(await findCatalogType(database().db, 'missing')).toBeNull();
    expect((await loadAllCatalogTypes(database().db)).map((t) => t.name)).toEqual(['Customer', 'Region']);
  });

  it('refuses a second type of the same name as a conflict', async () => {
    await writeTransaction(database(), (tx) => insertCatalogType(tx, buildType()));
    const error = await writeTransaction(database(), (tx) => insertCatalogType(tx, buildType())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BeaconError);
    expect((error as BeaconError).code).toBe('conflict');
  });

  it('updates everything but the id and createdAt, and deletes', async () => {
    const type = buildType();
    await writeTransaction(database(), (tx) => insertCatalogType(tx, type));
    const changed: CatalogTypeRecord = {
      ...type,
      name: 'Client',
      description: 'renamed',
      attributes: [{ id: 'url', name: 'Website', kind: 'url', isList: false }],
      createdAt: new Date('2030-01-01T00:00:00.000Z'),
      updatedAt: new Date('2025-03-02T00:00:00.000Z'),
    };
    await writeTransaction(database(), (tx) => updateCatalogTypeRow(tx, changed));
    expect(await findCatalogType(database().db, type.id)).toEqual({ ...changed, createdAt: at });
    await writeTransaction(database(), (tx) => deleteCatalogTypeRow(tx, type.id));
    expect(await findCatalogType(database().db, type.id)).toBeNull();
  });
});
