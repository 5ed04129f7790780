import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { failureOf } from '../../../test/helpers/failure-of.js';
import { buildTestContext, insertTestComponent } from '../../../test/helpers/write-fixtures.js';
import { newId } from '../../domain/id.js';
import type { Maintenance } from '../../domain/status/maintenance.js';
import { insertBulkSeed } from '../../store/bulk-seed.js';
import { writeTransaction } from '../../store/transaction.js';
import { listMaintenancePage, listMaintenancesBetween } from './maintenance-lists.js';
import { cancelMaintenance, completeMaintenance, scheduleMaintenance, startMaintenanceEarly } from './maintenances.js';

const NOW = new Date('2025-03-01T12:00:00.000Z');
const HOUR = 3_600_000;
const inHours = (hours: number): Date => new Date(NOW.getTime() + hours * HOUR);

describeEachEngine('services/maintenance-lists', (database) => {
  const setup = async () => {
    const t = buildTestContext(database(), NOW);
    const component = await insertTestComponent(database(), 'DB');
    const schedule = (name: string, start: number, end: number) =>
      scheduleMaintenance(t.ctx, { name, componentIds: [component], scheduledStart: inHours(start), scheduledEnd: inHours(end) });
    return { ...t, component, schedule };
  };
  const names = (page: { maintenances: Maintenance[] }) => page.maintenances.map((m) => m.name);

  it('splits windows into in progress, upcoming and past by the clock, as maintenancePhase does', async () => {
    const { ctx, setNow, schedule } = await setup();
    setNow(inHours(-10));
    const running = await schedule('running', -5, 5);
    const endingSoon = await schedule('ending soon', -1, 1);
    const completedEarly = await schedule('completed early', -2, 4);
    const cancelled = await schedule('cancelled', 2, 3);
    await schedule('ended by the clock', -4, -3);
    await schedule('later', 6, 7);
    await schedule('soon', 2, 3);
    setNow(NOW);
    await completeMaintenance(ctx, completedEarly.id);
    await cancelMaintenance(ctx, cancelled.id);

    expect(names(await listMaintenancePage(ctx, { kind: 'in_progress', limit: 10 }))).toEqual([endingSoon.name, running.name]);
    expect(names(await listMaintenancePage(ctx, { kind: 'upcoming', limit: 10 }))).toEqual(['soon', 'later']);
    expect(names(await listMaintenancePage(ctx, { kind: 'past', limit: 10 }))).toEqual([
      'cancelled',
      'completed early',
      'ended by the clock',
    ]);
  });

  it('pages by keyset with nextAfter, and refuses an unknown cursor', async () => {
    const { ctx, schedule } = await setup();
    for (let i = 1; i <= 5; i++) await schedule(`w${i}`, i, i + 1);
    const first = await listMaintenancePage(ctx, { kind: 'upcoming', limit: 2 });
    expect(names(first)).toEqual(['w1', 'w2']);
    const second = await listMaintenancePage(ctx, { kind: 'upcoming', limit: 2, after: first.nextAfter! });
    expect(names(second)).toEqual(['w3', 'w4']);
    const last = await listMaintenancePage(ctx, { kind: 'upcoming', limit: 2, after: second.nextAfter! });
    expect([names(last), last.nextAfter]).toEqual([['w5'], null]);
    expect((await failureOf(listMaintenancePage(ctx, { kind: 'upcoming', limit: 2, after: 'nope' }))).issues[0]?.path).toBe('after');
  });

  it('pages through 10,000 windows in the store (keyset, see the store test for the index)', async () => {
    const { ctx, component } = await setup();
    const maintenances: Maintenance[] = Array.from({ length: 10_000 }, (_, i) => ({
      id: newId(),
      name: `w${i}`,
      description: null,
      componentIds: [component],
      scheduledStart: inHours(i - 9_990),
      scheduledEnd: inHours(i - 9_990 + 2),
      completedAt: null,
      cancelledAt: null,
      createdAt: NOW,
      updatedAt: NOW,
      updates: [],
    }));
    const empty = { components: [], groups: [], catalogTypes: [], catalogEntries: [], pages: [], customerPages: [], incidents: [] };
    await writeTransaction(database(), (tx) => insertBulkSeed(tx, { ...empty, maintenances }));
    const upcoming = await listMaintenancePage(ctx, { kind: 'upcoming', limit: 20 });
    expect(names(upcoming)).toEqual(['w9991', 'w9992', 'w9993', 'w9994', 'w9995', 'w9996', 'w9997', 'w9998', 'w9999']);
    expect(names(await listMaintenancePage(ctx, { kind: 'in_progress', limit: 20 }))).toEqual(['w9989', 'w9990']);
    let past = await listMaintenancePage(ctx, { kind: 'past', limit: 100 });
    expect(past.maintenances[0]?.name).toBe('w9988');
    for (let i = 0; i < 3; i++) past = await listMaintenancePage(ctx, { kind: 'past', limit: 100, after: past.nextAfter! });
    expect(past.maintenances[0]?.name).toBe('w9688');
  });

  it('starts a scheduled window now; refuses one that has started, ended or been cancelled', async () => {
    const { ctx, schedule, advance } = await setup();
    const soon = await schedule('soon', 1, 3);
    const started = await startMaintenanceEarly(ctx, soon.id);
    expect(started.scheduledStart).toEqual(NOW);
    expect(started.scheduledEnd).toEqual(inHours(3));
    advance(1000);
    expect((await failureOf(startMaintenanceEarly(ctx, soon.id))).message).toMatch(/is in progress; it cannot be started early/);
    const other = await schedule('other', 1, 3);
    await cancelMaintenance(ctx, other.id);
    expect((await failureOf(startMaintenanceEarly(ctx, other.id))).code).toBe('unprocessable');
    expect((await failureOf(startMaintenanceEarly(ctx, 'nope'))).code).toBe('not_found');
  });

  it('lists the windows a range covers: not cancelled, and not those completed before it began', async () => {
    const { ctx, setNow, schedule } = await setup();
    setNow(inHours(-10));
    const done = await schedule('completed early', -5, 30);
    const gone = await schedule('cancelled', 20, 22);
    await schedule('inside', 20, 21);
    await schedule('across the start', 5, 11);
    await schedule('before', 1, 10);
    await schedule('after', 30, 31);
    setNow(NOW);
    await completeMaintenance(ctx, done.id);
    await cancelMaintenance(ctx, gone.id);
    const { maintenances, truncated } = await listMaintenancesBetween(ctx, inHours(10), inHours(30));
    expect([maintenances.map((m) => m.name), truncated]).toEqual([['across the start', 'inside'], false]);
  });
});
