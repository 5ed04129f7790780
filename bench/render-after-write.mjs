// In-process: the scale bench's large organisation on SQLite, then the `GET /` after a write loop
// without HTTP: an incident update on the default page's first component, the snapshot moved by its
// delta, and the default page rendered to bytes (in chunks) with its ETag. Times each phase and counts GC pauses.
// Usage: node bench/render-after-write.mjs [iterations]   (run `npm run build` first)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { buildPageKindsIndex } from '../dist/domain/pages/page-kinds-index.js';
import { resolvePublicPage } from '../dist/domain/pages/public-page.js';
import { createIncident, postIncidentUpdate } from '../dist/services/status/incidents.js';
import { LARGE_ORGANISATION, SCALE_DEFAULT_PAGE_SLUG, seedScaleOrganisation } from '../dist/services/demo/scale-organisation.js';
import { loadSnapshot, refreshSnapshot } from '../dist/services/live-state/snapshot-loader.js';
import { migrateDatabase, openDatabase } from '../dist/store/database.js';
import { CachedResponse } from '../dist/web/cached-response.js';
import { StatusPageRenderer } from '../dist/web/public/status-page-renderer.js';
import { BENCH_CACHES, BENCH_DATABASE_SETTINGS } from './bench-settings.mjs';

const iterations = Number(process.argv[2] || 300);
const dir = mkdtempSync(join(tmpdir(), 'beacon-raw-'));
const database = openDatabase(join(dir, 'beacon.sqlite'), BENCH_DATABASE_SETTINGS);
await migrateDatabase(database);
const ctx = { database, clock: () => new Date(), onRevision: () => {} };
await seedScaleOrganisation(ctx, LARGE_ORGANISATION);
let snapshot = await loadSnapshot(database);
const page = [...snapshot.pages.values()].find((p) => p.slug === SCALE_DEFAULT_PAGE_SLUG);
const group = snapshot.groups.get(page.items[0].groupId);
const componentId = group.componentIds[0];
const incident = await createIncident(ctx, {
  name: 'Bench: the page after a write',
  status: 'investigating',
  message: 'Check 0.',
  impacts: [{ componentId, impact: 'partial_outage' }],
});
const options = { publicUrl: 'http://localhost:3000' };
// The renderer the routes use, which keeps rows' markup between renders.
const renderer = new StatusPageRenderer(BENCH_CACHES.statusPageRows);

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ['gc'] });

const phases = { write: [], delta: [], render: [], entry: [], gc: [], total: [], 'render CPU': [] };
// CPU time of the process (all its threads), less disturbed than wall time on a busy machine.
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
let bytes = 0;
for (let round = 1; round <= iterations + 20; round++) {
  const gcBefore = gcMs;
  const t0 = performance.now();
  await postIncidentUpdate(ctx, incident.id, {
    status: round % 2 === 0 ? 'identified' : 'monitoring',
    message: `Check ${round}.`,
    impacts: [{ componentId, impact: round % 2 === 0 ? 'partial_outage' : 'degraded_performance' }],
  });
  const t1 = performance.now();
  snapshot = await refreshSnapshot(database, ctx.clock, snapshot);
  const t2 = performance.now();
  const c2 = cpuMs();
  const shown = resolvePublicPage(buildPageKindsIndex(snapshot), snapshot.pages.get(page.id));
  const body = renderer.render(shown.snapshot, shown.page, new Date(), options);
  const t3 = performance.now();
  const c3 = cpuMs();
  const entry = new CachedResponse({ contentType: 'text/html; charset=utf-8', body }, { compress: false });
  const t4 = performance.now();
  bytes = entry.bodyLength;
  // The page is in chunks (not joined: that would allocate what the chunks spare); the update is in one of them.
  if (!entry.chunks.some((chunk) => chunk.includes(`Check ${round}.`))) throw new Error('the update is not on the page');
  if (round <= 20) continue;
  phases.write.push(t1 - t0);
  phases.delta.push(t2 - t1);
  phases.render.push(t3 - t2);
  phases.entry.push(t4 - t3);
  phases.total.push(t4 - t1);
  phases.gc.push(gcMs - gcBefore);
  phases['render CPU'].push(c3 - c2);
}
const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
console.log(`${iterations} rounds, page ${bytes} bytes`);
for (const [name, values] of Object.entries(phases)) {
  console.log(
    `${name.padEnd(10)} p50 ${pct(values, 50).toFixed(2).padStart(7)} ms · p90 ${pct(values, 90).toFixed(2).padStart(7)} ms · p99 ${pct(values, 99).toFixed(2).padStart(7)} ms · mean ${(values.reduce((a, b) => a + b, 0) / values.length).toFixed(2)} ms`,
  );
}
await database.close();
rmSync(dir, { recursive: true, force: true });
