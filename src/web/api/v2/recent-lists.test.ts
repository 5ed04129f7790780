/**
 * `incidents.json` and `scheduled-maintenances.json` hold a page's 50 most recent: the live state's,
 * completed from the store (through the incident archive) when it holds fewer (docs/live-state.md).
 */
import { afterEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../../test/helpers/describe-each-engine.js';
import type { V2Document } from '../../../../test/helpers/statuspage-v2.js';
import { expectValidDocument } from '../../../../test/helpers/statuspage-v2.js';
import { type TestApp, createTestApp } from '../../../../test/helpers/test-app.js';
import { createComponent } from '../../../services/status/components.js';
import { createIncident, postIncidentUpdate } from '../../../services/status/incidents.js';
import { cancelMaintenance, scheduleMaintenance } from '../../../services/status/maintenances.js';
import { createPage } from '../../../services/pages/pages.js';

const NOW = new Date('2026-03-20T12:00:00.000Z');
const DAY = 86_400_000;

describeEachEngine('the v2 lists of recent incidents and maintenance', (database) => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('reads the old ones the live state no longer holds from the store, newest first, at most 50', async () => {
    app = await createTestApp(database(), { now: new Date(NOW.getTime() - 400 * DAY) });
    const { ctx } = app.deps;
    const api = await createComponent(ctx, { name: 'API' });
    const other = await createComponent(ctx, { name: 'Elsewhere' });
    await createPage(ctx, { slug: 'solo', name: 'Solo', items: [{ kind: 'component', componentId: api.id, showUptime: true }] });
    // 52 incidents resolved long ago (outside the live window), one a day, and one on another page's component.
    const old: string[] = [];
    for (let index = 0; index < 52; index++) {
      const incident = await createIncident(ctx, {
        name: `Old ${index}`,
        status: 'investigating',
        message: 'x',
        impacts: [{ componentId: api.id, impact: 'partial_outage' }],
      });
      await postIncidentUpdate(ctx, incident.id, { status: 'resolved', message: 'done' });
      old.push(incident.id);
      app.advance(DAY);
    }
    await createIncident(ctx, {
      name: 'Not ours',
      status: 'investigating',
      message: 'x',
      impacts: [{ componentId: other.id, impact: 'full_outage' }],
    });
    const windows: string[] = [];
    for (let index = 0; index < 3; index++) {
      // A day apart, so that their order does not rest on their random ids.
      const at = app.deps.ctx.clock().getTime() + index * DAY;
      windows.push(
        (
          await scheduleMaintenance(ctx, {
            name: `Window ${index}`,
            componentIds: [api.id],
            scheduledStart: new Date(at + DAY),
            scheduledEnd: new Date(at + 2 * DAY),
          })
        ).id,
      );
    }
    await cancelMaintenance(ctx, windows[2]!);
    app.setNow(NOW);
    const live = await createIncident(ctx, {
      name: 'Live',
      status: 'investigating',
      message: 'x',
      impacts: [{ componentId: api.id, impact: 'degraded_performance' }],
    });

    const snapshot = await app.deps.snapshots.fresh();
    expect(snapshot.incidents.map((incident) => incident.id)).not.toContain(old[51]);
    expect(snapshot.maintenances).toEqual([]);

    const incidents = (await (await app.app.request('/solo/api/v2/incidents.json')).json()) as V2Document;
    expectValidDocument('incidents.json', incidents);
    expect(incidents.incidents!.map((row) => row.id)).toEqual([live.id, ...old.slice(3).reverse()]);
    expect(incidents.incidents![1]).toMatchObject({ status: 'resolved', impact: 'major' });

    const maintenances = (await (await app.app.request('/solo/api/v2/scheduled-maintenances.json')).json()) as V2Document;
    expectValidDocument('scheduled-maintenances.json', maintenances);
    // The cancelled window is left out; the others are complete.
    expect(maintenances.scheduled_maintenances!.map((row) => [row.id, row.status])).toEqual([
      [windows[1], 'completed'],
      [windows[0], 'completed'],
    ]);
    // Open incidents come from the live state alone.
    expect((await (await app.app.request('/solo/api/v2/incidents/unresolved.json')).json()) as V2Document).toMatchObject({
      incidents: [{ id: live.id }],
    });
  });
});
