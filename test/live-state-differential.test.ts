/**
 * The live state moved along by deltas must render exactly what a fresh whole load renders. Over a
 * random history (old incidents beyond the live window, the demo's recent ones) and a random run of
 * writes and clock moves, after every step each page, sub-page and customer page, some of their
 * incident pages and history months are rendered from both and compared byte for byte; right after a
 * write the two states themselves must be equal. A failure prints the seed and the steps taken.
 */
import { expect, it } from 'vitest';
import type { DerivedPage } from '../src/domain/pages/derived-page.js';
import { BeaconError } from '../src/domain/errors.js';
import type { Impact } from '../src/domain/status/impact.js';
import type { IncidentStatus } from '../src/domain/status/incident.js';
import { isIncidentOpen } from '../src/domain/status/incident-status.js';
import { resolveCustomerPage } from '../src/domain/pages/customer-pages.js';
import { customerPageSlug } from '../src/services/pages/customer-page-path.js';
import { resolvePublicPage } from '../src/domain/pages/public-page.js';
import type { Snapshot } from '../src/domain/snapshot.js';
import { listSubPages, resolveSubPage } from '../src/domain/pages/sub-pages.js';
import { monthKey } from '../src/domain/time-zone.js';
import { updateCatalogEntry } from '../src/services/catalog/catalog-entries.js';
import { createComponent, deleteComponent, updateComponent } from '../src/services/status/components.js';
import { rotateCustomerPageToken } from '../src/services/pages/customer-pages.js';
import { seedDemo } from '../src/services/demo/demo.js';
import { createIncidentArchive } from '../src/services/live-state/incident-archive.js';
import { createIncident, deleteIncident, postIncidentUpdate, renameIncident } from '../src/services/status/incidents.js';
import {
  cancelMaintenance,
  completeMaintenance,
  deleteMaintenance,
  scheduleMaintenance,
  updateMaintenance,
} from '../src/services/status/maintenances.js';
import { setSubPageDisabled } from '../src/services/pages/page-kinds.js';
import { setPageStructure } from '../src/services/pages/pages.js';
import { loadSnapshot, refreshSnapshot } from '../src/services/live-state/snapshot-loader.js';
import { renderHistoryPageOf, renderIncidentPage, renderStatusPage } from '../src/web/public/render.js';
import { StatusPageRenderer } from '../src/web/public/status-page-renderer.js';
import { describeEachEngine } from './helpers/describe-each-engine.js';
import { buildTestContext } from './helpers/write-fixtures.js';
import { TEST_CACHES } from './helpers/test-config.js';
import { buildPageKindsIndex } from '../src/domain/pages/page-kinds-index.js';
import { timeZones } from '../src/web/time-zones.js';

const NOW = new Date('2026-03-20T12:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const OPTIONS = { publicUrl: 'https://status.example.com' };
const STATUSES: IncidentStatus[] = ['investigating', 'identified', 'monitoring', 'resolved'];
const IMPACTS: (Impact | null)[] = ['degraded_performance', 'partial_outage', 'full_outage', null];

/** A small deterministic generator (mulberry32), so a failing run can be replayed from its seed. */
function randomFrom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number): number => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('pick from nothing');
    return items[int(items.length)]!;
  };
  return { next, int, pick };
}

/** Every page a viewer can open, by a key that names it the same way in any snapshot. */
function shownPages(snapshot: Snapshot): Map<string, DerivedPage> {
  const shown = new Map<string, DerivedPage>();
  for (const page of snapshot.pages.values()) {
    const public_ = resolvePublicPage(buildPageKindsIndex(snapshot), page);
    if (public_) shown.set(`/${page.slug}`, public_);
    for (const subPage of listSubPages(buildPageKindsIndex(snapshot), page)) {
      const resolved = resolveSubPage(buildPageKindsIndex(snapshot), page.slug, subPage.slug);
      if (resolved) shown.set(`/${subPage.pageSlug}`, resolved);
    }
  }
  for (const ref of snapshot.customerPages.values()) {
    const resolved = resolveCustomerPage(buildPageKindsIndex(snapshot), ref.urlToken, customerPageSlug(ref.urlToken));
    if (resolved) shown.set(`/c/${ref.id}`, resolved);
  }
  return shown;
}

describeEachEngine('the live state, moved by deltas, renders as a fresh load does', (database, engine) => {
  it('over random histories and writes', async () => {
    const seed = Number(process.env.DIFFERENTIAL_SEED ?? Date.now() % 1_000_000);
    const random = randomFrom(seed);
    const log: string[] = [`seed ${seed} (${engine})`];
    const { ctx, advance } = buildTestContext(database(), NOW);
    const demo = await seedDemo(ctx, OPTIONS);
    void demo;

    let state = await loadSnapshot(database(), ctx.clock);
    const componentIds = () => [...state.components.keys()];
    const impactsFor = () =>
      Array.from({ length: 1 + random.int(2) }, () => ({ componentId: random.pick(componentIds()), impact: random.pick(IMPACTS) })).filter(
        (change, index, all) => all.findIndex((other) => other.componentId === change.componentId) === index,
      );
    const knownIncidents: string[] = [];

    // Old history, beyond the live window: what history months and old incident pages read from the store.
    for (let index = 0; index < 12; index++) {
      const startedAt = new Date(NOW.getTime() - (100 + random.int(300)) * DAY);
      const incident = await createIncident(ctx, {
        name: `Old ${index}`,
        status: 'investigating',
        message: 'Long ago',
        impacts: impactsFor(),
        displayAt: startedAt,
      });
      await postIncidentUpdate(ctx, incident.id, {
        status: 'resolved',
        message: 'Over',
        displayAt: new Date(startedAt.getTime() + (1 + random.int(40)) * HOUR),
      });
      knownIncidents.push(incident.id);
    }
    for (const incident of state.incidents) knownIncidents.push(incident.id);

    const writes: { name: string; weight: number; run: () => Promise<unknown> }[] = [
      {
        name: 'declare an incident',
        weight: 4,
        run: async () => {
          const back = random.int(3) === 0 ? random.int(120) * DAY : 0;
          const incident = await createIncident(ctx, {
            name: `Incident ${knownIncidents.length}`,
            status: random.pick(STATUSES.slice(0, 3)),
            message: 'Something is off',
            impacts: impactsFor(),
            displayAt: new Date(ctx.clock().getTime() - back),
          });
          knownIncidents.push(incident.id);
        },
      },
      {
        name: 'post an update (maybe back-dated, maybe resolving or reopening)',
        weight: 6,
        run: async () => {
          const id = random.pick(knownIncidents);
          const back = random.int(4) === 0 ? random.int(10) * DAY : 0;
          await postIncidentUpdate(ctx, id, {
            status: random.pick(STATUSES),
            message: 'News',
            impacts: impactsFor(),
            displayAt: new Date(ctx.clock().getTime() - back),
          });
        },
      },
      { name: 'rename an incident', weight: 1, run: () => renameIncident(ctx, random.pick(knownIncidents), `Renamed ${random.int(1000)}`) },
      {
        name: 'delete an incident',
        weight: 1,
        run: async () => {
          const id = random.pick(knownIncidents);
          knownIncidents.splice(knownIncidents.indexOf(id), 1);
          await deleteIncident(ctx, id);
        },
      },
      {
        name: 'schedule maintenance',
        weight: 2,
        run: () => {
          const start = ctx.clock().getTime() + (random.int(96) - 48) * HOUR;
          return scheduleMaintenance(ctx, {
            name: 'Upgrade',
            componentIds: [random.pick(componentIds())],
            scheduledStart: new Date(start),
            scheduledEnd: new Date(start + (1 + random.int(12)) * HOUR),
          });
        },
      },
      {
        name: 'move, complete, cancel or delete maintenance',
        weight: 2,
        run: async () => {
          const maintenance = state.maintenances[random.int(Math.max(1, state.maintenances.length))];
          if (!maintenance) return;
          const choice = random.int(4);
          if (choice === 0) return updateMaintenance(ctx, maintenance.id, { name: `Moved ${random.int(100)}` });
          if (choice === 1) return completeMaintenance(ctx, maintenance.id);
          if (choice === 2) return cancelMaintenance(ctx, maintenance.id);
          return deleteMaintenance(ctx, maintenance.id);
        },
      },
      { name: 'add a component', weight: 1, run: () => createComponent(ctx, { name: `Component ${random.int(1000)}` }) },
      {
        name: 'rename a component',
        weight: 1,
        run: () => updateComponent(ctx, random.pick(componentIds()), { name: `Renamed ${random.int(1000)}` }),
      },
      {
        name: 'delete a component nothing is built on',
        weight: 1,
        run: async () => {
          const spare = componentIds().filter((id) => state.components.get(id)!.name.startsWith('Component '));
          if (spare.length > 0) await deleteComponent(ctx, random.pick(spare));
        },
      },
      {
        name: 'reshape a page',
        weight: 1,
        run: async () => {
          const page = [...state.pages.values()].find((candidate) => candidate.kind === 'standalone');
          if (!page) return;
          const items = [...page.items];
          if (items.length > 1) items.splice(random.int(items.length), 1);
          items.push({ kind: 'component', componentId: random.pick(componentIds()), showUptime: random.int(2) === 0 });
          await setPageStructure(
            ctx,
            page.id,
            items.filter((item, index) => items.findIndex((other) => JSON.stringify(other) === JSON.stringify(item)) === index),
          );
        },
      },
      {
        name: 'change a region’s components or switch its sub-page',
        weight: 1,
        run: async () => {
          const parent = [...state.pages.values()].find((page) => page.kind === 'parent');
          const subPage = parent ? random.pick(listSubPages(buildPageKindsIndex(state), parent)) : undefined;
          if (!parent || !subPage) return;
          if (random.int(2) === 0) return setSubPageDisabled(ctx, parent.id, subPage.entry.id, !subPage.disabled);
          const components = [...subPage.componentIds.slice(1), random.pick(componentIds())];
          return updateCatalogEntry(ctx, subPage.entry.id, { values: { components: [...new Set(components)] } }, { actor: 'test' });
        },
      },
      {
        name: 'rotate a customer page URL',
        weight: 1,
        run: async () => {
          const ref = random.pick([...state.customerPages.values()]);
          await rotateCustomerPageToken(ctx, ref.id, 'test', OPTIONS);
        },
      },
    ];
    const totalWeight = writes.reduce((sum, write) => sum + write.weight, 0);
    const pickWrite = () => {
      let roll = random.int(totalWeight);
      for (const write of writes) {
        roll -= write.weight;
        if (roll < 0) return write;
      }
      return writes[0]!;
    };

    state = await refreshSnapshot(database(), ctx.clock, state);
    // The moved state's pages go through one renderer for the whole run, keeping rows' markup across steps.
    const statusPages = new StatusPageRenderer(TEST_CACHES.statusPageRows);
    const steps = engine === 'sqlite' ? 40 : 25;
    for (let step = 0; step < steps; step++) {
      // Now and then only the clock moves: incidents leave the window with no write to say so.
      const clockOnly = random.int(5) === 0;
      if (clockOnly || random.int(3) === 0) advance(random.int(3 * DAY));
      let wrote = false;
      if (!clockOnly) {
        const write = pickWrite();
        log.push(`step ${step}: ${write.name} at ${ctx.clock().toISOString()}`);
        // A write the services refuse (a component placed twice, a finished window moved) changes nothing.
        await write.run().catch((error: unknown) => {
          if (!(error instanceof BeaconError)) throw error;
          log.push(`  refused: ${error.message}`);
        });
        wrote = true;
      } else {
        log.push(`step ${step}: clock to ${ctx.clock().toISOString()}`);
      }

      const moved = await refreshSnapshot(database(), ctx.clock, state);
      const fresh = await loadSnapshot(database(), ctx.clock);
      const context = () => log.join('\n');
      // Only a write moves the revision (a refused one does not); the window is applied as a delta is.
      if (wrote && moved.revision !== state.revision) {
        const { loadedAt: _a, ...movedData } = moved;
        const { loadedAt: _b, ...freshData } = fresh;
        expect(movedData, context()).toStrictEqual(freshData);
      }
      state = moved;

      const now = ctx.clock();
      const movedArchive = createIncidentArchive(ctx, TEST_CACHES.incidentArchive);
      const freshArchive = createIncidentArchive(ctx, TEST_CACHES.incidentArchive);
      const movedPages = shownPages(moved);
      const freshPages = shownPages(fresh);
      expect([...movedPages.keys()], context()).toEqual([...freshPages.keys()]);
      for (const [key, freshPage] of freshPages) {
        const movedPage = movedPages.get(key)!;
        const where = () => `${context()}\npage ${key}`;
        expect(Buffer.concat(statusPages.render(movedPage.snapshot, movedPage.page, now, OPTIONS)).toString(), where()).toBe(
          renderStatusPage(freshPage.snapshot, freshPage.page, now, OPTIONS),
        );
        const incidentIds = [
          ...new Set([
            ...fresh.incidents.filter(isIncidentOpen).map((incident) => incident.id),
            random.pick(knownIncidents),
            random.pick(knownIncidents),
          ]),
        ];
        for (const id of incidentIds) {
          const movedHtml = renderIncidentPage(
            movedPage.snapshot,
            movedPage.page,
            await movedArchive.findIncident(moved, id),
            now,
            OPTIONS,
          );
          const freshHtml = renderIncidentPage(
            freshPage.snapshot,
            freshPage.page,
            await freshArchive.findIncident(fresh, id),
            now,
            OPTIONS,
          );
          expect(movedHtml, `${where()} incident ${id}`).toBe(freshHtml);
        }
        const month = monthKey(new Date(now.getTime() - random.int(420) * DAY), freshPage.page.timeZone, timeZones);
        for (const key of [monthKey(now, freshPage.page.timeZone, timeZones), month]) {
          const movedHtml = await renderHistoryPageOf(movedArchive, movedPage, key, now, OPTIONS);
          const freshHtml = await renderHistoryPageOf(freshArchive, freshPage, key, now, OPTIONS);
          expect(movedHtml, `${where()} history ${key}`).toBe(freshHtml);
        }
      }
    }
    // The run was not vacuous: incidents left the window, and old ones were on show in history.
    expect(knownIncidents.length).toBeGreaterThan(12);
  }, 240_000);
});
