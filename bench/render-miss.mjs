// What a cache miss costs on a big page: 100 components in 10 groups with 90 days of history.
// Seeds an in-memory database through the services, then, over many iterations, reloads the
// snapshot (as a process does after a write) and renders the page from it into a cache entry (HTML,
// identity bytes and ETag: what the byte cache does on a miss before answering). The gzip and brotli
// forms are made afterwards on the thread pool, off the request path; their time is reported apart.
// Each iteration renders from a freshly loaded snapshot, so nothing memoised per snapshot can
// flatter the figure.
import { createComponent } from '../dist/services/status/components.js';
import { createGroup } from '../dist/services/status/groups.js';
import { createIncident, postIncidentUpdate } from '../dist/services/status/incidents.js';
import { scheduleMaintenance } from '../dist/services/status/maintenances.js';
import { createPage } from '../dist/services/pages/pages.js';
import { loadSnapshot } from '../dist/services/live-state/snapshot-loader.js';
import { migrateDatabase, openDatabase } from '../dist/store/database.js';
import { CachedResponse } from '../dist/web/cached-response.js';
import { BENCH_CACHES, BENCH_DATABASE_SETTINGS } from './bench-settings.mjs';
import { StatusPageRenderer } from '../dist/web/public/status-page-renderer.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const IMPACTS = ['degraded_performance', 'partial_outage', 'full_outage'];

/** Deterministic, so every run measures the same page. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function seedLargePage(ctx, now) {
  const rand = random(42);
  const at = (date) => ({ ...ctx, clock: () => date });
  const founded = at(new Date(now.getTime() - 100 * DAY));
  const componentIds = [];
  const items = [];
  for (let g = 0; g < 10; g++) {
    const members = [];
    for (let c = 0; c < 10; c++) {
      const component = await createComponent(founded, {
        name: `Service ${g + 1}.${c + 1}`,
        description: `Component ${c + 1} of group ${g + 1}`,
      });
      members.push(component.id);
      componentIds.push(component.id);
    }
    const group = await createGroup(founded, { name: `Group ${g + 1}`, componentIds: members });
    items.push({ kind: 'group', groupId: group.id, showUptime: true });
  }
  const page = await createPage(founded, { slug: 'big', name: 'Big page', timeZone: 'Europe/Berlin', items });

  const pick = () => componentIds[Math.floor(rand() * componentIds.length)];
  let incidents = 0;
  for (let i = 0; i < 150; i++) {
    const start = new Date(now.getTime() - (1 + rand() * 88) * DAY);
    const affected = [...new Set([pick(), pick(), pick()].slice(0, 1 + Math.floor(rand() * 3)))];
    const impacts = affected.map((componentId) => ({ componentId, impact: IMPACTS[Math.floor(rand() * 3)] }));
    const incident = await createIncident(at(start), {
      name: `Incident ${i + 1}`,
      status: 'investigating',
      message: 'We are investigating.',
      impacts,
    });
    const minutes = 10 + rand() * 360;
    await postIncidentUpdate(at(new Date(start.getTime() + (minutes / 2) * MINUTE)), incident.id, {
      status: 'identified',
      message: 'We found the cause.',
    });
    await postIncidentUpdate(at(new Date(start.getTime() + minutes * MINUTE)), incident.id, { status: 'resolved', message: 'Resolved.' });
    incidents++;
  }
  for (let i = 0; i < 2; i++) {
    await createIncident(at(new Date(now.getTime() - (i + 1) * 30 * MINUTE)), {
      name: `Open incident ${i + 1}`,
      status: 'identified',
      message: 'Ongoing.',
      impacts: [{ componentId: pick(), impact: IMPACTS[i + 1] }],
    });
    incidents++;
  }
  await scheduleMaintenance(at(new Date(now.getTime() - DAY)), {
    name: 'Running maintenance',
    componentIds: [pick(), pick()].filter((id, index, all) => all.indexOf(id) === index),
    scheduledStart: new Date(now.getTime() - 30 * MINUTE),
    scheduledEnd: new Date(now.getTime() + 60 * MINUTE),
  });
  await scheduleMaintenance(at(new Date(now.getTime() - DAY)), {
    name: 'Upcoming maintenance',
    componentIds: [pick()],
    scheduledStart: new Date(now.getTime() + 2 * DAY),
    scheduledEnd: new Date(now.getTime() + 2 * DAY + 60 * MINUTE),
  });
  return { page, incidents };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** @returns per-phase p50/p99 in ms, the page size, and how many incidents it holds. */
export async function measureRenderMiss({ iterations = 200 } = {}) {
  const database = openDatabase(':memory:', BENCH_DATABASE_SETTINGS);
  await migrateDatabase(database);
  const now = new Date();
  const ctx = { database, clock: () => now, onRevision: () => {} };
  const { page, incidents } = await seedLargePage(ctx, now);

  const reload = [];
  const render = [];
  const entryMs = [];
  const compress = [];
  let bytes = 0;
  let compressedBytes = 0;
  for (let i = 0; i < iterations + 10; i++) {
    const loadStart = performance.now();
    const snapshot = await loadSnapshot(database, () => now);
    const loaded = performance.now();
    // As the public routes render it, straight to bytes, but with nothing kept from earlier renders (a new renderer).
    const body = new StatusPageRenderer(BENCH_CACHES.statusPageRows).render(snapshot, snapshot.pages.get(page.id), new Date(), {
      publicUrl: 'http://localhost:3000',
    });
    const rendered = performance.now();
    const entry = new CachedResponse({ contentType: 'text/html; charset=utf-8', body });
    const stored = performance.now();
    // Off the request path (each form made when first asked for): both made here, measured apart and
    // awaited so that they never overlap the next iteration.
    await Promise.all([entry.prepare('gzip'), entry.prepare('br')]);
    const compressed = performance.now();
    bytes = entry.bodyLength;
    compressedBytes = entry.br?.length ?? 0;
    if (i < 10) continue; // warm-up: JIT
    reload.push(loaded - loadStart);
    render.push(rendered - loaded);
    entryMs.push(stored - rendered);
    compress.push(compressed - stored);
  }
  await database.close();
  const summary = (samples) => {
    const sorted = [...samples].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  };
  const miss = render.map((ms, i) => ms + entryMs[i]);
  return {
    iterations,
    incidents,
    bytes,
    compressedBytes,
    reload: summary(reload),
    render: summary(render),
    entry: summary(entryMs),
    compress: summary(compress),
    miss: summary(miss),
    total: summary(miss.map((ms, i) => ms + reload[i])),
  };
}
