import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { buildTestContext } from '../../../test/helpers/write-fixtures.js';
import { firstIncidentStartsOf } from '../../../test/helpers/snapshot-fixtures.js';
import { isIncidentLive, isMaintenanceLive, liveCutoff } from '../../domain/history/live-window.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { loadAllComponents } from '../../store/status/components.js';
import type { Database } from '../../store/database.js';
import { loadAllGroups } from '../../store/status/groups.js';
import { loadAllIncidents } from '../../store/status/incidents.js';
import { loadAllMaintenances } from '../../store/status/maintenances.js';
import { loadPageKindsSnapshotPart } from '../../store/pages/page-kinds-snapshot.js';
import { loadAllPages } from '../../store/pages/pages.js';
import { readRevision } from '../../store/transaction.js';
import { createComponent } from '../status/components.js';
import { listCustomerPages, rotateCustomerPageToken } from '../pages/customer-pages.js';
import { seedDemo } from '../demo/demo.js';
import { createIncident, postIncidentUpdate } from '../status/incidents.js';
import { completeMaintenance, postMaintenanceUpdate, scheduleMaintenance } from '../status/maintenances.js';
import { setSubPageDisabled } from '../pages/page-kinds.js';
import { loadSnapshot } from './snapshot-loader.js';

const NOW = new Date('2026-03-20T12:00:00.000Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// Text that a JSON round trip could get wrong if anything escaped it by hand.
const AWKWARD = 'Quotes " and \' and \\ backslash, <b>tags</b> & amps, a tab\there,\na new line, é, 漢字, 🚑, \u0001 and \u2028 inside.';

/**
 * The snapshot as the store's loaders build it, one query after another, narrowed to the live window at
 * `now` by the domain's rules: what `loadSnapshot` must equal.
 */
async function loadedOneByOne(database: Database, now: Date): Promise<Omit<Snapshot, 'loadedAt'>> {
  const db = database.db;
  const components = await loadAllComponents(db);
  const groups = await loadAllGroups(db);
  const pages = await loadAllPages(db);
  const incidents = await loadAllIncidents(db);
  const cutoff = liveCutoff(now);
  return {
    revision: await readRevision(db),
    components: new Map(components.map((component) => [component.id, component])),
    groups: new Map(groups.map((group) => [group.id, group])),
    pages: new Map(pages.map((page) => [page.id, page])),
    incidents: incidents.filter((incident) => isIncidentLive(incident, cutoff)),
    maintenances: (await loadAllMaintenances(db)).filter((maintenance) => isMaintenanceLive(maintenance, cutoff)),
    firstIncidentStarts: firstIncidentStartsOf(incidents),
    ...(await loadPageKindsSnapshotPart(db)),
  };
}

const keysOf = (snapshot: Omit<Snapshot, 'loadedAt'>) => ({
  components: [...snapshot.components.keys()],
  groups: [...snapshot.groups.keys()],
  pages: [...snapshot.pages.keys()],
  catalogTypes: [...snapshot.catalogTypes.keys()],
  catalogEntries: [...snapshot.catalogEntries.keys()],
  subPageSettings: [...snapshot.subPageSettings.keys()],
  customerPages: [...snapshot.customerPages.keys()],
});

describeEachEngine('loadSnapshot', (database) => {
  it('holds exactly what the store loaders read, in the same order', async () => {
    const { ctx, setNow } = buildTestContext(database(), NOW);
    await seedDemo(ctx, { publicUrl: 'https://status.example.com' });

    // Beyond the demo: awkward text everywhere, a back-dated update, a switched-off sub-page, a rotated
    // customer page URL, maintenance completed early with updates.
    setNow(new Date(NOW.getTime() + MINUTE));
    const awkward = await createComponent(ctx, { name: AWKWARD, description: AWKWARD });
    const incident = await createIncident(ctx, {
      name: AWKWARD,
      status: 'investigating',
      message: AWKWARD,
      impacts: [{ componentId: awkward.id, impact: 'partial_outage' }],
    });
    setNow(new Date(NOW.getTime() + 2 * MINUTE));
    await postIncidentUpdate(ctx, incident.id, {
      status: 'identified',
      message: 'Back-dated',
      displayAt: new Date(NOW.getTime() - 30 * MINUTE),
    });
    // Long over: beyond the live window, yet where the awkward component's history begins.
    const old = await createIncident(ctx, {
      name: 'Long ago',
      status: 'investigating',
      message: 'Old',
      impacts: [{ componentId: awkward.id, impact: 'full_outage' }],
      displayAt: new Date(NOW.getTime() - 200 * DAY),
    });
    await postIncidentUpdate(ctx, old.id, { status: 'resolved', message: 'Over', displayAt: new Date(NOW.getTime() - 199 * DAY) });
    const oldMaintenance = await scheduleMaintenance(ctx, {
      name: 'Long ago',
      componentIds: [awkward.id],
      scheduledStart: new Date(NOW.getTime() - 150 * DAY),
      scheduledEnd: new Date(NOW.getTime() - 149 * DAY),
    });
    const maintenance = await scheduleMaintenance(ctx, {
      name: AWKWARD,
      description: AWKWARD,
      componentIds: [awkward.id],
      scheduledStart: new Date(NOW.getTime() + 3 * MINUTE),
      scheduledEnd: new Date(NOW.getTime() + 60 * MINUTE),
    });
    setNow(new Date(NOW.getTime() + 4 * MINUTE));
    await postMaintenanceUpdate(ctx, maintenance.id, { message: AWKWARD });
    await completeMaintenance(ctx, maintenance.id, { message: 'Done early' });

    const before = await loadSnapshot(database(), ctx.clock);
    const parent = [...before.pages.values()].find((page) => page.kind === 'parent');
    const entry = [...before.catalogEntries.values()].find((candidate) => candidate.typeId === parent?.binding?.catalogTypeId);
    if (!parent || !entry) throw new Error('the demo has no parent page with entries');
    await setSubPageDisabled(ctx, parent.id, entry.id, true);
    const [customerPage] = await listCustomerPages(ctx, { publicUrl: 'https://status.example.com' });
    if (!customerPage) throw new Error('the demo has no customer page');
    await rotateCustomerPageToken(ctx, customerPage.id, 'test', { publicUrl: 'https://status.example.com' });

    const { loadedAt, ...snapshot } = await loadSnapshot(database(), ctx.clock);
    const expected = await loadedOneByOne(database(), ctx.clock());
    expect(loadedAt).toEqual(ctx.clock());
    expect(snapshot).toStrictEqual(expected);
    expect(keysOf(snapshot)).toEqual(keysOf(expected));
    expect(snapshot.subPageSettings.size).toBe(1);
    expect(snapshot.incidents.some((candidate) => candidate.id === old.id)).toBe(false);
    expect(snapshot.maintenances.some((candidate) => candidate.id === oldMaintenance.id)).toBe(false);
    expect(snapshot.firstIncidentStarts.get(awkward.id)).toEqual(new Date(NOW.getTime() - 200 * DAY));
    expect([...snapshot.customerPages.values()].some((page) => page.id === customerPage.id)).toBe(true);
    expect(snapshot.incidents.find((candidate) => candidate.id === incident.id)?.updates.map((update) => update.message)).toEqual([
      'Back-dated',
      AWKWARD,
    ]);
  });

  it('loads an empty database', async () => {
    const { loadedAt: _loadedAt, ...snapshot } = await loadSnapshot(database());
    expect(snapshot).toStrictEqual(await loadedOneByOne(database(), new Date()));
    expect(snapshot.components.size).toBe(0);
    expect(snapshot.incidents).toEqual([]);
  });
});
