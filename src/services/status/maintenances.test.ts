import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { failureOf } from '../../../test/helpers/failure-of.js';
import { buildTestContext, insertTestComponent } from '../../../test/helpers/write-fixtures.js';
import { maintenancePhase } from '../../domain/status/maintenance-phase.js';
import {
  type ScheduleMaintenanceInput,
  cancelMaintenance,
  completeMaintenance,
  deleteMaintenance,
  getMaintenance,
  listMaintenances,
  postMaintenanceUpdate,
  scheduleMaintenance,
  updateMaintenance,
} from './maintenances.js';

const NOW = new Date('2025-03-01T12:00:00.000Z');
const HOUR = 3_600_000;
const inHours = (hours: number): Date => new Date(NOW.getTime() + hours * HOUR);

describeEachEngine('services/maintenances', (database) => {
  const setup = async () => {
    const t = buildTestContext(database(), NOW);
    const api = await insertTestComponent(database(), 'API');
    const db = await insertTestComponent(database(), 'DB');
    const input: ScheduleMaintenanceInput = {
      name: 'Database upgrade',
      description: 'Minor version bump',
      componentIds: [db],
      scheduledStart: inHours(1),
      scheduledEnd: inHours(3),
    };
    return { ...t, api, db, input };
  };

  it('schedules a window whose phase then follows the clock', async () => {
    const { ctx, setNow, revisions, input, db } = await setup();
    const maintenance = await scheduleMaintenance(ctx, input);
    expect(maintenance).toMatchObject({ name: 'Database upgrade', componentIds: [db], completedAt: null, cancelledAt: null, updates: [] });
    expect(await getMaintenance(ctx, maintenance.id)).toEqual(maintenance);
    expect(revisions).toHaveLength(1);
    expect(maintenancePhase(maintenance, NOW)).toBe('scheduled');
    setNow(inHours(2));
    expect(maintenancePhase(await getMaintenance(ctx, maintenance.id), ctx.clock())).toBe('in_progress');
    setNow(inHours(3));
    expect(maintenancePhase(await getMaintenance(ctx, maintenance.id), ctx.clock())).toBe('completed');
  });

  it('validates components and the schedule, naming the fields', async () => {
    const { ctx, input, db } = await setup();
    expect((await failureOf(scheduleMaintenance(ctx, { ...input, componentIds: [] }))).issues[0]?.path).toBe('component_ids');
    const unknown = await failureOf(scheduleMaintenance(ctx, { ...input, componentIds: [db, 'nope', db] }));
    expect(unknown.issues.map((issue) => issue.path)).toEqual(['component_ids[1]', 'component_ids[2]']);
    expect((await failureOf(scheduleMaintenance(ctx, { ...input, scheduledEnd: input.scheduledStart }))).issues).toEqual([
      { path: 'scheduled_end', message: 'must be after scheduled_start' },
    ]);
    expect((await failureOf(scheduleMaintenance(ctx, { ...input, name: ' ' }))).issues[0]?.path).toBe('name');
    const farFuture = new Date(Date.UTC(10_000, 0, 1));
    expect((await failureOf(scheduleMaintenance(ctx, { ...input, scheduledEnd: farFuture }))).issues).toEqual([
      { path: 'scheduled_end', message: 'must be between 1970 and 9999' },
    ]);
    expect((await failureOf(scheduleMaintenance(ctx, { ...input, scheduledStart: new Date(Number.NaN) }))).issues[0]?.path).toBe(
      'scheduled_start',
    );
    expect(await listMaintenances(ctx, { limit: 10 })).toEqual([]);
  });

  it('changes fields and components while scheduled; keeps history once completed', async () => {
    const { ctx, setNow, input, api, db } = await setup();
    const maintenance = await scheduleMaintenance(ctx, input);
    const changed = await updateMaintenance(ctx, maintenance.id, { name: 'Upgrade', description: null, componentIds: [api, db] });
    expect(changed).toMatchObject({ name: 'Upgrade', description: null, scheduledStart: input.scheduledStart });
    expect([...changed.componentIds].sort()).toEqual([api, db].sort());
    const moved = await updateMaintenance(ctx, maintenance.id, { scheduledStart: inHours(2), scheduledEnd: inHours(4) });
    expect(moved).toMatchObject({ scheduledStart: inHours(2), scheduledEnd: inHours(4), name: 'Upgrade' });
    expect((await failureOf(updateMaintenance(ctx, maintenance.id, { scheduledEnd: inHours(1) }))).issues[0]?.path).toBe('scheduled_end');

    setNow(inHours(5));
    const refused = await failureOf(updateMaintenance(ctx, maintenance.id, { scheduledStart: inHours(6), scheduledEnd: inHours(7) }));
    expect(refused.code).toBe('unprocessable');
    expect((await updateMaintenance(ctx, maintenance.id, { name: 'Upgrade (done)' })).name).toBe('Upgrade (done)');
  });

  it('completes an in-progress window early, with a closing update', async () => {
    const { ctx, setNow, input } = await setup();
    const maintenance = await scheduleMaintenance(ctx, input);
    expect((await failureOf(completeMaintenance(ctx, maintenance.id))).code).toBe('unprocessable');
    setNow(inHours(2));
    const completed = await completeMaintenance(ctx, maintenance.id, { message: 'All done.' });
    expect(completed.completedAt).toEqual(inHours(2));
    expect(completed.updates.map((u) => u.message)).toEqual(['All done.']);
    expect(maintenancePhase(completed, ctx.clock())).toBe('completed');
    expect((await failureOf(completeMaintenance(ctx, maintenance.id))).code).toBe('unprocessable');
    expect((await failureOf(cancelMaintenance(ctx, maintenance.id))).code).toBe('unprocessable');
  });

  it('cancels a scheduled or in-progress window, but not a finished one', async () => {
    const { ctx, setNow, input } = await setup();
    const scheduled = await scheduleMaintenance(ctx, input);
    const cancelled = await cancelMaintenance(ctx, scheduled.id);
    expect(cancelled.cancelledAt).toEqual(NOW);
    expect(cancelled.updates).toEqual([]);
    expect(maintenancePhase(cancelled, NOW)).toBe('cancelled');
    expect((await failureOf(cancelMaintenance(ctx, scheduled.id))).code).toBe('unprocessable');
    expect((await failureOf(completeMaintenance(ctx, scheduled.id))).code).toBe('unprocessable');

    const running = await scheduleMaintenance(ctx, input);
    setNow(inHours(2));
    expect(maintenancePhase(await cancelMaintenance(ctx, running.id, { message: 'Rolled back' }), ctx.clock())).toBe('cancelled');

    const overByClock = await scheduleMaintenance(ctx, { ...input, scheduledStart: inHours(2.5), scheduledEnd: inHours(2.75) });
    setNow(inHours(3));
    expect((await failureOf(cancelMaintenance(ctx, overByClock.id))).code).toBe('unprocessable');
  });

  it('keeps updates in posting order, even at one instant', async () => {
    const { ctx, input } = await setup();
    const maintenance = await scheduleMaintenance(ctx, input);
    await postMaintenanceUpdate(ctx, maintenance.id, { message: 'one' });
    await postMaintenanceUpdate(ctx, maintenance.id, { message: 'two' });
    const third = await postMaintenanceUpdate(ctx, maintenance.id, { message: 'three' });
    expect(third.updates.map((u) => u.message)).toEqual(['one', 'two', 'three']);
    expect((await failureOf(postMaintenanceUpdate(ctx, maintenance.id, { message: '' }))).issues[0]?.path).toBe('message');
  });

  it('deletes; unknown ids are not found', async () => {
    const { ctx, input } = await setup();
    const maintenance = await scheduleMaintenance(ctx, input);
    await deleteMaintenance(ctx, maintenance.id);
    const attempts = [
      () => getMaintenance(ctx, maintenance.id),
      () => deleteMaintenance(ctx, maintenance.id),
      () => updateMaintenance(ctx, maintenance.id, { name: 'x' }),
      () => postMaintenanceUpdate(ctx, maintenance.id, { message: 'x' }),
      () => completeMaintenance(ctx, maintenance.id),
      () => cancelMaintenance(ctx, maintenance.id),
      () => getMaintenance(ctx, 'a\u0000b'),
    ];
    for (const attempt of attempts) expect((await failureOf(attempt())).code).toBe('not_found');
  });

  it('lists latest start first, page by page', async () => {
    const { ctx, input } = await setup();
    const early = await scheduleMaintenance(ctx, { ...input, name: 'early' });
    const late = await scheduleMaintenance(ctx, { ...input, name: 'late', scheduledStart: inHours(5), scheduledEnd: inHours(6) });
    expect((await listMaintenances(ctx, { limit: 10 })).map((m) => m.name)).toEqual(['late', 'early']);
    expect((await listMaintenances(ctx, { limit: 10, before: late.id })).map((m) => m.id)).toEqual([early.id]);
    expect((await failureOf(listMaintenances(ctx, { limit: 10, before: 'nope' }))).issues[0]?.path).toBe('before');
  });
});
