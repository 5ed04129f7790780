import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { buildTestContext } from '../../../test/helpers/write-fixtures.js';
import { createComponent, deleteComponent, updateComponent } from '../status/components.js';
import { seedDemo } from '../demo/demo.js';
import { createIncident, deleteIncident, postIncidentUpdate } from '../status/incidents.js';
import { scheduleMaintenance } from '../status/maintenances.js';
import { loadSnapshot, refreshSnapshot } from './snapshot-loader.js';

const NOW = new Date('2026-03-20T12:00:00.000Z');
const DAY = 86_400_000;

describeEachEngine('refreshSnapshot', (database) => {
  it('applies an incident write as a delta: the structure and catalog are not read again', async () => {
    const { ctx } = buildTestContext(database(), NOW);
    await seedDemo(ctx);
    const before = await loadSnapshot(database(), ctx.clock);
    const componentId = [...before.components.keys()][0]!;
    const incident = await createIncident(ctx, {
      name: 'Delta',
      status: 'investigating',
      message: 'm',
      impacts: [{ componentId, impact: 'full_outage' }],
    });
    const after = await refreshSnapshot(database(), ctx.clock, before);

    expect(after.revision).toBeGreaterThan(before.revision);
    expect(after.incidents.map((candidate) => candidate.id)).toContain(incident.id);
    // The same objects, not equal copies: nothing but the incidents was read.
    expect(after.components).toBe(before.components);
    expect(after.pages).toBe(before.pages);
    expect(after.catalogEntries).toBe(before.catalogEntries);
    expect(after.customerPages).toBe(before.customerPages);
    expect(after.maintenances).toEqual(before.maintenances);
  });

  it('reads the structure again after a structure write, and everything after a component is deleted', async () => {
    const { ctx } = buildTestContext(database(), NOW);
    await seedDemo(ctx);
    const before = await loadSnapshot(database(), ctx.clock);
    const component = await createComponent(ctx, { name: 'New' });
    const structured = await refreshSnapshot(database(), ctx.clock, before);
    expect(structured.components).not.toBe(before.components);
    expect(structured.components.get(component.id)?.name).toBe('New');
    expect(structured.catalogEntries).toBe(before.catalogEntries);

    await updateComponent(ctx, component.id, { name: 'Renamed' });
    await deleteComponent(ctx, component.id);
    const reloaded = await refreshSnapshot(database(), ctx.clock, structured);
    expect(reloaded.components.has(component.id)).toBe(false);
    expect(reloaded.catalogEntries).not.toBe(structured.catalogEntries);
  });

  it('drops what left the window and keeps history navigation right after an old incident is deleted', async () => {
    const { ctx, advance } = buildTestContext(database(), NOW);
    const component = await createComponent(ctx, { name: 'API' });
    const impacts = [{ componentId: component.id, impact: 'partial_outage' as const }];
    const old = await createIncident(ctx, {
      name: 'Old',
      status: 'investigating',
      message: 'm',
      impacts,
      displayAt: new Date(NOW.getTime() - 300 * DAY),
    });
    await postIncidentUpdate(ctx, old.id, { status: 'resolved', message: 'r', displayAt: new Date(NOW.getTime() - 299 * DAY) });
    const recent = await createIncident(ctx, { name: 'Recent', status: 'investigating', message: 'm', impacts });
    await postIncidentUpdate(ctx, recent.id, { status: 'resolved', message: 'r' });
    const maintenance = await scheduleMaintenance(ctx, {
      name: 'Soon over',
      componentIds: [component.id],
      scheduledStart: new Date(NOW.getTime() + DAY),
      scheduledEnd: new Date(NOW.getTime() + 2 * DAY),
    });
    const before = await loadSnapshot(database(), ctx.clock);
    expect(before.incidents.map((incident) => incident.id)).toEqual([recent.id]);
    expect(before.maintenances.map((candidate) => candidate.id)).toEqual([maintenance.id]);
    expect(before.firstIncidentStarts.get(component.id)).toEqual(new Date(NOW.getTime() - 300 * DAY));

    // 100 days on, the recent incident and the maintenance are history; deleting the old incident moves where history begins.
    advance(100 * DAY);
    await deleteIncident(ctx, old.id);
    const after = await refreshSnapshot(database(), ctx.clock, before);
    expect(after.incidents).toEqual([]);
    expect(after.maintenances).toEqual([]);
    expect(after.firstIncidentStarts.get(component.id)).toEqual(recent.updates[0]!.displayAt);
  });
});
