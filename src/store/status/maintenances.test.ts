import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { insertTestComponent } from '../../../test/helpers/write-fixtures.js';
import { newId } from '../../domain/id.js';
import type { Maintenance, MaintenanceUpdate } from '../../domain/status/maintenance.js';
import {
  deleteMaintenanceRow,
  findMaintenance,
  insertMaintenance,
  insertMaintenanceUpdate,
  listMaintenances,
  loadAllMaintenances,
  replaceMaintenanceComponents,
  touchMaintenance,
  updateMaintenanceRow,
} from './maintenances.js';
import { writeTransaction } from '../transaction.js';

const at = (iso: string): Date => new Date(iso);

const buildMaintenance = (componentIds: string[], overrides: Partial<Maintenance> = {}): Maintenance => ({
  id: newId(),
  name: 'Database upgrade',
  description: 'Moving to the new major version',
  componentIds: [...componentIds].sort(),
  scheduledStart: at('2025-03-10T02:00:00.000Z'),
  scheduledEnd: at('2025-03-10T04:00:00.000Z'),
  completedAt: null,
  cancelledAt: null,
  createdAt: at('2025-03-01T00:00:00.000Z'),
  updatedAt: at('2025-03-01T00:00:00.000Z'),
  updates: [],
  ...overrides,
});

const buildUpdate = (maintenanceId: string, message: string, createdAt: string): MaintenanceUpdate => ({
  id: newId(),
  maintenanceId,
  message,
  createdAt: at(createdAt),
});

describeEachEngine('store/maintenances', (database) => {
  it('round-trips every field, components and updates', async () => {
    const a = await insertTestComponent(database(), 'A');
    const b = await insertTestComponent(database(), 'B');
    const maintenance = buildMaintenance([a, b], { completedAt: at('2025-03-10T03:00:00.000Z'), cancelledAt: null });
    maintenance.updates = [buildUpdate(maintenance.id, 'Starting', '2025-03-10T02:00:00.000Z')];
    await writeTransaction(database(), (tx) => insertMaintenance(tx, maintenance));
    expect(await findMaintenance(database().db, maintenance.id)).toEqual(maintenance);
    expect(await findMaintenance(database().db, 'missing')).toBeNull();
  });

  it('updates fields, replaces components, appends updates in order', async () => {
    const a = await insertTestComponent(database(), 'A');
    const b = await insertTestComponent(database(), 'B');
    const maintenance = buildMaintenance([a]);
    await writeTransaction(database(), (tx) => insertMaintenance(tx, maintenance));
    const changed: Maintenance = {
      ...maintenance,
      name: 'Renamed',
      description: null,
      scheduledEnd: at('2025-03-10T05:00:00.000Z'),
      cancelledAt: at('2025-03-09T00:00:00.000Z'),
      updatedAt: at('2025-03-02T00:00:00.000Z'),
      createdAt: at('2030-01-01T00:00:00.000Z'),
    };
    await writeTransaction(database(), async (tx) => {
      await updateMaintenanceRow(tx, changed);
      await replaceMaintenanceComponents(tx, maintenance.id, [b]);
      await insertMaintenanceUpdate(tx, buildUpdate(maintenance.id, 'second', '2025-03-02T00:00:00.001Z'));
      await insertMaintenanceUpdate(tx, buildUpdate(maintenance.id, 'first', '2025-03-02T00:00:00.000Z'));
    });
    const found = await findMaintenance(database().db, maintenance.id);
    expect(found).toMatchObject({
      name: 'Renamed',
      description: null,
      componentIds: [b],
      cancelledAt: changed.cancelledAt,
      createdAt: maintenance.createdAt,
    });
    expect(found?.updates.map((u) => u.message)).toEqual(['first', 'second']);
  });

  it('touches and deletes, reporting whether the maintenance exists', async () => {
    const a = await insertTestComponent(database());
    const maintenance = buildMaintenance([a]);
    maintenance.updates = [buildUpdate(maintenance.id, 'note', '2025-03-01T00:00:00.000Z')];
    await writeTransaction(database(), (tx) => insertMaintenance(tx, maintenance));
    await writeTransaction(database(), async (tx) => {
      expect(await touchMaintenance(tx, maintenance.id, at('2025-03-03T00:00:00.000Z'))).toBe(true);
      expect(await touchMaintenance(tx, 'missing', at('2025-03-03T00:00:00.000Z'))).toBe(false);
    });
    expect((await findMaintenance(database().db, maintenance.id))?.updatedAt).toEqual(at('2025-03-03T00:00:00.000Z'));
    await writeTransaction(database(), async (tx) => {
      expect(await deleteMaintenanceRow(tx, maintenance.id)).toBe(true);
      expect(await deleteMaintenanceRow(tx, maintenance.id)).toBe(false);
    });
    expect(await database().db.selectFrom('maintenance_components').selectAll().execute()).toEqual([]);
    expect(await database().db.selectFrom('maintenance_updates').selectAll().execute()).toEqual([]);
  });

  it('lists latest start first and pages by cursor; loads all in three queries', async () => {
    const a = await insertTestComponent(database());
    const early = buildMaintenance([a], { scheduledStart: at('2025-03-01T00:00:00.000Z') });
    const late = buildMaintenance([a], { scheduledStart: at('2025-03-05T00:00:00.000Z') });
    const middle = buildMaintenance([a], { scheduledStart: at('2025-03-03T00:00:00.000Z') });
    await writeTransaction(database(), async (tx) => {
      for (const m of [early, late, middle]) await insertMaintenance(tx, m);
    });
    const ids = (list: Maintenance[]) => list.map((m) => m.id);
    expect(ids(await listMaintenances(database().db, { limit: 10 }))).toEqual([late.id, middle.id, early.id]);
    expect(
      ids(await listMaintenances(database().db, { limit: 10, before: { scheduledStart: middle.scheduledStart, id: middle.id } })),
    ).toEqual([early.id]);

    let queries = 0;
    const counting = database().db.withPlugin({
      transformQuery: (args) => {
        queries += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const all = await loadAllMaintenances(counting);
    expect(queries).toBe(3);
    expect(ids(all)).toEqual([early.id, middle.id, late.id]);
    expect(all.every((m) => m.componentIds.length === 1 && m.componentIds[0] === a)).toBe(true);
  });
});
