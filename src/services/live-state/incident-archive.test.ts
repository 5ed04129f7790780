import { expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { buildTestContext } from '../../../test/helpers/write-fixtures.js';
import * as incidentsStore from '../../store/status/incidents.js';
import { createComponent } from '../status/components.js';
import { createIncidentArchive } from './incident-archive.js';
import { createIncident, postIncidentUpdate } from '../status/incidents.js';
import { loadSnapshot } from './snapshot-loader.js';
import { TEST_CACHES } from '../../../test/helpers/test-config.js';

const NOW = new Date('2026-03-20T12:00:00.000Z');
const DAY = 86_400_000;

describeEachEngine('incident archive', (database) => {
  async function world() {
    const { ctx } = buildTestContext(database(), NOW);
    const component = await createComponent(ctx, { name: 'API' });
    const impacts = [{ componentId: component.id, impact: 'partial_outage' as const }];
    const olds = [];
    for (let index = 0; index < 3; index++) {
      const old = await createIncident(ctx, {
        name: `Old ${index}`,
        status: 'investigating',
        message: 'x'.repeat(2000),
        impacts,
        displayAt: new Date(NOW.getTime() - (200 + index * 40) * DAY),
      });
      olds.push(
        await postIncidentUpdate(ctx, old.id, {
          status: 'resolved',
          message: 'r',
          displayAt: new Date(NOW.getTime() - (199 + index * 40) * DAY),
        }),
      );
    }
    const live = await createIncident(ctx, { name: 'Live', status: 'investigating', message: 'm', impacts });
    return { ctx, olds, live, snapshot: await loadSnapshot(database(), ctx.clock) };
  }

  it('finds an old incident in the store, a live one in the live state, and nothing for made-up ids', async () => {
    const { ctx, olds, live, snapshot } = await world();
    const archive = createIncidentArchive(ctx, TEST_CACHES.incidentArchive);
    expect(snapshot.incidents.map((incident) => incident.id)).toEqual([live.id]);
    expect(await archive.findIncident(snapshot, olds[0]!.id)).toEqual(olds[0]);
    expect(await archive.findIncident(snapshot, live.id)).toBe(snapshot.incidents[0]);
    expect(await archive.findIncident(snapshot, 'nope')).toBeNull();
    expect(await archive.findIncident(snapshot, '')).toBeNull();
  });

  it('lists what a month overlaps, reads once per key and revision, and forgets at the next revision', async () => {
    const { ctx, olds, snapshot } = await world();
    const read = vi.spyOn(incidentsStore, 'findIncidentsOverlapping');
    try {
      const archive = createIncidentArchive(ctx, TEST_CACHES.incidentArchive);
      const from = new Date(NOW.getTime() - 201 * DAY);
      const to = new Date(NOW.getTime() - 190 * DAY);
      const [first, second] = await Promise.all([
        archive.incidentsOverlapping(snapshot, from, to),
        archive.incidentsOverlapping(snapshot, from, to),
      ]);
      expect(first.map((incident) => incident.id)).toEqual([olds[0]!.id]);
      expect(second).toBe(first);
      expect(read).toHaveBeenCalledTimes(1);
      await archive.incidentsOverlapping({ ...snapshot, revision: snapshot.revision + 1 }, from, to);
      expect(read).toHaveBeenCalledTimes(2);
    } finally {
      read.mockRestore();
    }
  });

  it('keeps no more than its bounds, the least recently used going first', async () => {
    const { ctx, olds, snapshot } = await world();
    const read = vi.spyOn(incidentsStore, 'findIncidentsByIds');
    try {
      // Each old incident is about 4.8 kB by the estimate: room for two.
      const archive = createIncidentArchive(ctx, { ...TEST_CACHES.incidentArchive, maxEntries: 10, maxBytes: 10_000 });
      for (const old of olds) await archive.findIncident(snapshot, old.id);
      expect(read).toHaveBeenCalledTimes(3);
      await archive.findIncident(snapshot, olds[2]!.id);
      await archive.findIncident(snapshot, olds[1]!.id);
      expect(read).toHaveBeenCalledTimes(3);
      await archive.findIncident(snapshot, olds[0]!.id);
      expect(read).toHaveBeenCalledTimes(4);

      const byCount = createIncidentArchive(ctx, { ...TEST_CACHES.incidentArchive, maxEntries: 1, maxBytes: 1_000_000 });
      await byCount.findIncident(snapshot, olds[0]!.id);
      await byCount.findIncident(snapshot, olds[1]!.id);
      await byCount.findIncident(snapshot, olds[0]!.id);
      expect(read).toHaveBeenCalledTimes(7);
    } finally {
      read.mockRestore();
    }
  });
});
