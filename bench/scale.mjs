// `npm run bench:scale`: builds (npm script), then, for each engine (SQLite, PostgreSQL) and each size
// (the demo, and a large organisation seeded in bulk: scale-seed.mjs), starts Beacon from dist/ as a
// child process and measures over HTTP only, so the same bench measures whatever the server does inside:
//   start → ready (spawn to the first /readyz 200) · `GET /` right after a write (p50, p99) · writes
//   from 8 writers (p50, p99, writes/s) · during 50 writes/s: the server's event-loop delay (from a
//   probe preloaded into it: loop-probe.mjs) and /healthz latency (p99, max) · the server's RSS after it.
// Then a table (a column per engine and size) and a verdict per target at the large size.
// BENCH_SCALE_POSTGRES_CPU=generator pins the local PostgreSQL server's processes to the load generator's
// CPU for the run (as a database on a host of its own would be: its backends then never take the
// server's CPU), and restores them after; unset, PostgreSQL runs wherever the scheduler puts it.
// Knobs: BENCH_SCALE_ENGINES (sqlite,postgres), BENCH_SCALE_SIZES (demo,large), BENCH_SCALE_SECONDS
// (10, per measurement), BENCH_SCALE_DATABASE_URL (a PostgreSQL server to make scratch databases on,
// through an existing database there; postgres://postgres@127.0.0.1:5432/postgres).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pinning, pinningDescription } from './pinning.mjs';
import {
  allComponentIds,
  apiClient,
  defaultPageComponentIds,
  incidentLife,
  measureGetAfterWrite,
  measureSteadyWrites,
  measureWriters,
} from './scale-load.mjs';
import { prepareDatabase } from './scale-seed.mjs';
import { startBeacon } from './scale-server.mjs';
import { TASKSET, allocatorDescription } from './tools.mjs';

const ROOT = join(import.meta.dirname, '..');
const WRITERS = 8;
const STEADY_RATE = 50;
const MIN_GET_SAMPLES = 20;

function listKnob(name, fallback, allowed) {
  const values = (process.env[name] || fallback)
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
  const wrong = values.find((value) => !allowed.includes(value));
  if (wrong !== undefined || values.length === 0) {
    console.error(`${name} must be a comma-separated subset of ${allowed.join(', ')}, not ${JSON.stringify(process.env[name])}`);
    process.exit(1);
  }
  return allowed.filter((value) => values.includes(value));
}
const ENGINES = listKnob('BENCH_SCALE_ENGINES', 'sqlite,postgres', ['sqlite', 'postgres']);
const SIZES = listKnob('BENCH_SCALE_SIZES', 'demo,large', ['demo', 'large']);
const SECONDS = Number(process.env.BENCH_SCALE_SECONDS || 10);
if (!Number.isInteger(SECONDS) || SECONDS < 1) {
  console.error(`BENCH_SCALE_SECONDS must be a positive whole number, not ${JSON.stringify(process.env.BENCH_SCALE_SECONDS)}`);
  process.exit(1);
}
const ADMIN_URL = process.env.BENCH_SCALE_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

if (!existsSync(join(ROOT, 'dist', 'services', 'demo', 'scale-organisation.js'))) {
  console.error('dist/ is missing or stale: run `npm run bench:scale` (it builds first).');
  process.exit(1);
}

const workDir = mkdtempSync(join(tmpdir(), 'beacon-scale-'));
const servers = [];
process.on('exit', () => {
  for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGKILL');
  rmSync(workDir, { recursive: true, force: true });
});
process.on('SIGINT', () => process.exit(130));

const fmt = (value, digits = 0) =>
  Number.isFinite(value) ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '—';
const ms = (value) => `${fmt(value, value < 100 ? 1 : 0)} ms`;
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');

/** One engine at one size: seed, start, measure, stop. */
async function measureOne(engine, size) {
  const label = `${engine}/${size}`;
  const database = await prepareDatabase({ engine, size, workDir, adminUrl: ADMIN_URL });
  const counted = [
    ['incidents', 'incidents'],
    ['incident_updates', 'updates'],
    ['components', 'components'],
    ['maintenances', 'maintenance windows'],
    ['customer_pages', 'customer pages'],
  ];
  const rows = database.counts ? ` (${counted.map(([table, noun]) => `${fmt(database.counts[table])} ${noun}`).join(', ')})` : '';
  console.log(`${label}: seeded in ${fmt(database.seedSeconds, 1)} s${rows}`);
  const server = await startBeacon(database);
  servers.push(server);
  let lives = [];
  try {
    console.log(`  ready ${fmt(server.readyMs / 1000, 2)} s after spawn`);
    const api = apiClient(server.url, database.apiKey);
    const [firstOnPage] = await defaultPageComponentIds(api);
    const page = await measureGetAfterWrite(api, firstOnPage, { seconds: SECONDS, minSamples: MIN_GET_SAMPLES });
    console.log(
      `  GET / after a write: ${fmt(page.count)} GETs of ${fmt(page.bytes)} bytes · p50 ${ms(page.p50Ms)} · p99 ${ms(page.p99Ms)}`,
    );
    const componentIds = await allComponentIds(api);
    lives = Array.from({ length: STEADY_RATE / 5 }, (_, index) => incidentLife(api, componentIds, `Writer ${index + 1}`, 101 * index));
    const writes = await measureWriters(lives.slice(0, WRITERS), { seconds: SECONDS });
    console.log(
      `  ${WRITERS} writers: ${fmt(writes.count)} writes, ${fmt(writes.perSecond, 1)}/s · p50 ${ms(writes.p50Ms)} · p99 ${ms(writes.p99Ms)}`,
    );
    const steady = await measureSteadyWrites(server.url, lives, server, { rate: STEADY_RATE, seconds: SECONDS });
    console.log(
      `  ${STEADY_RATE} writes/s offered: ${fmt(steady.writesPerSecond, 1)}/s answered in time (${fmt(steady.skipped)} ticks found every writer busy) · ` +
        `event loop p99 ${ms(steady.loopP99Ms)}, max ${ms(steady.loopMaxMs)} · /healthz p99 ${ms(steady.healthP99Ms)}, max ${ms(steady.healthMaxMs)} (${fmt(steady.healthCount)} probes)`,
    );
    const memory = server.memory();
    console.log(`  RSS ${fmt(memory.rssMb)} MB (peak ${fmt(memory.peakMb)} MB) · load average ${load()}\n`);
    return { seedSeconds: database.seedSeconds, readyMs: server.readyMs, writes, page, steady, memory };
  } catch (error) {
    // What the server said is usually the explanation (it logs at warn and above).
    const exited = server.child.exitCode !== null || server.child.signalCode !== null;
    console.error(
      `${label} failed${exited ? ` (the server exited: ${server.child.exitCode ?? server.child.signalCode})` : ''}; the end of its log:\n${server.logTail()}`,
    );
    throw error;
  } finally {
    for (const life of lives) life.close();
    await server.stop();
    await database.drop();
  }
}

/** Rows of the table: a label and how to show one run's figure. */
const ROWS = [
  ['seeding', (r) => `${fmt(r.seedSeconds, 1)} s`],
  ['start → ready', (r) => `${fmt(r.readyMs / 1000, 2)} s`],
  ['`GET /` after a write, p50', (r) => ms(r.page.p50Ms)],
  ['`GET /` after a write, p99', (r) => ms(r.page.p99Ms)],
  ['`GET /` samples', (r) => fmt(r.page.count)],
  [`write p50 (${WRITERS} writers)`, (r) => ms(r.writes.p50Ms)],
  [`write p99 (${WRITERS} writers)`, (r) => ms(r.writes.p99Ms)],
  [`writes measured (${WRITERS} writers)`, (r) => fmt(r.writes.count)],
  [`writes/s (${WRITERS} writers)`, (r) => fmt(r.writes.perSecond, 1)],
  [`writes/s answered (${STEADY_RATE}/s offered)`, (r) => fmt(r.steady.writesPerSecond, 1)],
  [`event-loop delay p99 (${STEADY_RATE} writes/s)`, (r) => ms(r.steady.loopP99Ms)],
  [`event-loop delay max (${STEADY_RATE} writes/s)`, (r) => ms(r.steady.loopMaxMs)],
  [`/healthz p99 (${STEADY_RATE} writes/s)`, (r) => ms(r.steady.healthP99Ms)],
  [`/healthz max (${STEADY_RATE} writes/s)`, (r) => ms(r.steady.healthMaxMs)],
  ['RSS after the load', (r) => `${fmt(r.memory.rssMb)} MB`],
  ['peak RSS', (r) => `${fmt(r.memory.peakMb)} MB`],
];

/** The targets at the large size (docs/performance.md); `sqliteOnly` ones are not judged on PostgreSQL. */
const TARGETS = [
  ['write p99 < 50 ms', (r) => [ms(r.writes.p99Ms), r.writes.p99Ms < 50]],
  ['`GET /` after a write p99 < 20 ms', (r) => [ms(r.page.p99Ms), r.page.p99Ms < 20]],
  [`event-loop delay p99 < 50 ms during ${STEADY_RATE} writes/s`, (r) => [ms(r.steady.loopP99Ms), r.steady.loopP99Ms < 50]],
  [`/healthz p99 < 100 ms during ${STEADY_RATE} writes/s`, (r) => [ms(r.steady.healthP99Ms), r.steady.healthP99Ms < 100]],
  ['≥ 200 writes/s', (r) => [`${fmt(r.writes.perSecond, 1)}/s`, r.writes.perSecond >= 200], { sqliteOnly: true }],
  ['RSS < 300 MB', (r) => [`${fmt(r.memory.rssMb)} MB`, r.memory.rssMb < 300]],
  ['start → ready < 5 s', (r) => [`${fmt(r.readyMs / 1000, 2)} s`, r.readyMs < 5000]],
];

/** Pins every running `postgres` process (new backends inherit the postmaster's mask) to `cpus`; answers how to undo it. */
function pinPostgres(cpus) {
  const pids = () => execFileSync('pgrep', ['-x', 'postgres'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const pin = (list) => {
    for (const pid of pids()) execFileSync(TASKSET, ['-a', '-p', '-c', list, pid], { stdio: 'ignore' });
  };
  pin(cpus);
  return () => pin(`0-${cpusCount() - 1}`);
}
const cpusCount = () => cpus().length;
const PIN_POSTGRES = process.env.BENCH_SCALE_POSTGRES_CPU === 'generator' && pinning !== null && ENGINES.includes('postgres');

async function main() {
  if (pinning) execFileSync(TASKSET, ['-a', '-p', '-c', pinning.generator, String(process.pid)], { stdio: 'ignore' });
  let unpinPostgres = () => {};
  if (PIN_POSTGRES) {
    try {
      unpinPostgres = pinPostgres(pinning.generator);
      // Also when the bench dies (an error, a closed stdout): the machine's PostgreSQL must not stay pinned.
      process.once('exit', () => unpinPostgres());
      for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(1));
    } catch (error) {
      console.error(`BENCH_SCALE_POSTGRES_CPU=generator: could not pin PostgreSQL (${error.message}); it runs unpinned`);
    }
  }
  try {
    await measureAll();
  } finally {
    unpinPostgres();
  }
}

async function measureAll() {
  console.log(
    `Beacon scale bench · ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}) · Node ${process.version} · load average ${load()}`,
  );
  const pinned = pinning
    ? `${pinningDescription().replace('wrk', 'this bench (the load generator)')}; PostgreSQL ${PIN_POSTGRES ? 'pinned with the load generator' : 'unpinned'}`
    : pinningDescription();
  console.log(
    `${ENGINES.join(', ')} × ${SIZES.join(', ')} · ${SECONDS} s per measurement · ${pinned} · server allocator: ${allocatorDescription()}\n`,
  );

  const results = new Map();
  for (const engine of ENGINES) {
    for (const size of SIZES) results.set(`${engine}/${size}`, await measureOne(engine, size));
  }

  const columns = [...results.keys()];
  console.log(`| metric | ${columns.join(' | ')} |`);
  console.log(`|---|${columns.map(() => '---:').join('|')}|`);
  for (const [label, show] of ROWS) console.log(`| ${label} | ${columns.map((column) => show(results.get(column))).join(' | ')} |`);

  const large = ENGINES.filter((engine) => results.has(`${engine}/large`));
  if (large.length === 0) return;
  console.log('\nVerdict (large organisation):');
  for (const engine of large) {
    for (const [target, judge, { sqliteOnly } = {}] of TARGETS) {
      if (sqliteOnly && engine !== 'sqlite') continue;
      const [figure, met] = judge(results.get(`${engine}/large`));
      console.log(`  ${engine}: ${target}: ${figure} → ${met ? 'met' : 'not met'}`);
    }
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
