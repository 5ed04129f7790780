// `npm run bench:memory`: builds (npm script), seeds the demo plus BENCH_CUSTOMERS (1,000) customer
// pages into a temp data dir, starts `beacon serve` from dist/ as a child process, and reads its
// resident set (VmRSS in /proc/<pid>/status):
//   1. after BENCH_REQUESTS (10,000) GETs spread over every kind of page: public pages, sub-pages,
//      incident pages, history months (real ones, far-off ones and junk), customer pages' sign-in
//      forms, signed-in customer pages (BENCH_VIEWERS viewers, signed in through the log mailer),
//      junk query strings and unknown paths; target: under 150 MB;
//   2. a soak of BENCH_ROUNDS (40) rounds, each BENCH_ROUND_REQUESTS (2,000) such GETs and
//      BENCH_ROUND_WRITES (20) incident writes (create, update, resolve) through the API spread over
//      the round; target: RSS grows by no more than 30 MB after round 5.
// Each reading also says where the resident set lies (bench/memory-maps.mjs): malloc's main arena,
// its thread arenas, V8's heap and other anonymous memory, files. BENCH_MALLOC_INFO=<file> writes
// glibc's malloc_info of the server there after the soak (needs gdb).
// The request mix comes from a seeded generator, so runs are comparable. Takes about three minutes.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { apiClient, rssMb, runRequests, signIn } from './memory-client.mjs';
import { mappingsMb } from './memory-maps.mjs';
import { SERVER_ALLOCATOR_ENV, allocatorDescription, waitForListening } from './tools.mjs';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
function knob(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`${name} must be a whole number, not ${JSON.stringify(process.env[name])}`);
    process.exit(1);
  }
  return value;
}
const CUSTOMERS = knob('BENCH_CUSTOMERS', 1000);
const REQUESTS = knob('BENCH_REQUESTS', 10_000);
const ROUNDS = knob('BENCH_ROUNDS', 40);
const ROUND_REQUESTS = knob('BENCH_ROUND_REQUESTS', 2000);
const ROUND_WRITES = knob('BENCH_ROUND_WRITES', 20);
// Under the sign-in limit of 30 link requests per client IP and hour.
const VIEWERS = Math.min(knob('BENCH_VIEWERS', 25), 29);
const CONNECTIONS = Math.max(1, knob('BENCH_CONNECTIONS', 16));
const RSS_TARGET_MB = 150;
const GROWTH_TARGET_MB = 30;
const SETTLED_ROUND = 5;

if (!existsSync(CLI)) {
  console.error('dist/ is missing: run `npm run bench:memory` (it builds first).');
  process.exit(1);
}

const dataDir = mkdtempSync(join(tmpdir(), 'beacon-memory-'));
const logPath = join(dataDir, 'server.log');
const probePath = join(dataDir, 'memory.json');
let child;
process.on('exit', () => {
  if (child?.exitCode === null) child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});
process.on('SIGINT', () => process.exit(130));

/** mulberry32: a small seeded generator, so every run sends the same mix. */
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seededRandom(20261207);
const pick = (list) => list[Math.floor(random() * list.length)];
const junk = () => Math.floor(random() * 1e9).toString(36);

async function startBeacon(env) {
  const probe = [
    '--import',
    join(import.meta.dirname, 'memory-probe.mjs'),
    ...(process.env.BENCH_MEMORY_GC === '1' ? ['--expose-gc'] : []),
  ];
  child = spawn(process.execPath, [...probe, CLI, 'serve'], {
    env: { ...process.env, ...SERVER_ALLOCATOR_ENV, ...env, BENCH_MEMORY_PROBE: probePath },
    stdio: ['ignore', openSync(logPath, 'w'), 'ignore'],
  });
  return waitForListening(child, logPath);
}

/** Adds `count` customers (one customer page each) to the demo's Customer type in one bulk upsert. */
async function seedCustomers(api, count) {
  const types = await api('GET', '/catalog/types');
  const customerType = types.data.find((type) => type.name === 'Customer');
  const components = (await api('GET', '/components')).data;
  const entries = Array.from({ length: count }, (_, i) => ({
    external_id: `bench-${i}`,
    name: `Bench Customer ${i}`,
    rank: 10 + i,
    values: { domains: [`bench-${i}.example`], components: [components[i % components.length].id], region: pick(['eu', 'us', 'apac']) },
  }));
  await api('PUT', `/catalog/types/${customerType.id}/entries`, { entries });
  return components;
}

/** Everything the request mix draws from. */
async function readSite(api, beacon) {
  const pages = (await api('GET', '/pages')).data;
  const publicSlugs = pages.filter((page) => page.kind !== 'customer_set').map((page) => page.slug);
  const regionType = (await api('GET', '/catalog/types')).data.find((type) => type.name === 'Region');
  const subPages = (await api('GET', `/catalog/types/${regionType.id}/entries`)).data.map((entry) => `/regions/${entry.slug}`);
  const customerPages = (await api('GET', '/customer-pages')).data.map((page) => ({
    path: new URL(page.url).pathname,
    domain: page.domains[0],
  }));
  const customerPaths = customerPages.map((page) => page.path);
  const months = Array.from({ length: 24 }, (_, i) => {
    const date = new Date();
    date.setUTCDate(1);
    date.setUTCMonth(date.getUTCMonth() - i);
    return date.toISOString().slice(0, 7);
  });
  return { beacon, publicSlugs, subPages, customerPages, customerPaths, months, incidentIds: [], viewers: [] };
}

async function refreshIncidents(api, site) {
  site.incidentIds = (await api('GET', '/incidents?limit=100')).data.map((incident) => incident.id);
}

/** One request of the mix: what a crowd of browsers, crawlers and scanners asks for. */
function nextRequest(site) {
  const headers = random() < 0.7 ? { 'Accept-Encoding': 'br, gzip' } : {};
  const slug = pick(site.publicSlugs);
  const roll = random();
  let path;
  if (roll < 0.15) path = pick(['/', `/${slug}`, pick(site.subPages)]);
  else if (roll < 0.25) path = `/${slug}/incidents/${pick(site.incidentIds)}`;
  else if (roll < 0.33) path = `/${slug}/history?month=${pick(site.months)}`;
  // Far-off months are well-formed: each one a page of its own unless Beacon says otherwise.
  else if (roll < 0.38)
    path = `/${slug}/history?month=${1000 + Math.floor(random() * 9000)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`;
  else if (roll < 0.48)
    path = pick([`/${slug}?utm_source=${junk()}`, `/?q=${junk()}`, `/${slug}/history?month=${junk()}`, `/${junk()}`, `/c/${junk()}`]);
  else if (roll < 0.78) {
    const customer = pick(site.customerPaths);
    path = pick([
      customer,
      `${customer}/history?month=${pick(site.months)}`,
      `${customer}/incidents/${pick(site.incidentIds)}`,
      `${customer}?ref=${junk()}`,
    ]);
  } else if (site.viewers.length > 0) {
    const viewer = pick(site.viewers);
    headers.Cookie = viewer.cookie;
    path = pick([
      viewer.path,
      viewer.path,
      `${viewer.path}/history`,
      `${viewer.path}/history?month=${pick(site.months)}`,
      `${viewer.path}/incidents/${pick(site.incidentIds)}`,
    ]);
  } else path = `/${slug}`;
  return { url: `${site.beacon}${path}`, headers };
}

/** Write `n` of a round: a create, then an update of it, then its resolution, in turn. */
function writer(api, components) {
  let open;
  return async (n) => {
    if (n % 3 === 0 || open === undefined) {
      const component = pick(components);
      open = (
        await api('POST', '/incidents', {
          name: `Soak incident ${junk()}`,
          message: 'Investigating.',
          components: [{ component_id: component.id, impact: 'degraded_performance' }],
        })
      ).id;
    } else if (n % 3 === 1) {
      await api('POST', `/incidents/${open}/updates`, { status: 'identified', message: `Found it (${junk()}).` });
    } else {
      await api('POST', `/incidents/${open}/resolve`, { message: 'Resolved.' });
      open = undefined;
    }
  };
}

/** The server's heap and buffers in MB (bench/memory-probe.mjs answers SIGUSR2). */
async function breakdown() {
  rmSync(probePath, { force: true });
  child.kill('SIGUSR2');
  for (let waited = 0; !existsSync(probePath) && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  if (!existsSync(probePath)) return 'no breakdown';
  const usage = JSON.parse(readFileSync(probePath, 'utf8'));
  const m = (bytes) => (bytes / 1048576).toFixed(1);
  const maps = mappingsMb(child.pid);
  const f = (value) => value.toFixed(1);
  return `heap ${m(usage.heapUsed)}/${m(usage.heapTotal)} MB, external ${m(usage.external)} MB (array buffers ${m(usage.arrayBuffers)} MB) · RSS in malloc's main arena ${f(maps.brk)}, thread arenas ${f(maps.arenas)}, V8 and other anonymous ${f(maps.other)}, files ${f(maps.file)} MB`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const mb = (value) => `${value.toFixed(1)} MB`;
const verdict = (label, figure, met) => console.log(`  ${label}: ${figure} → ${met ? 'met' : 'not met'}`);
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

async function main() {
  const started = Date.now();
  const env = { BEACON_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' };
  console.log(
    `Beacon memory bench · ${cpus().length} CPUs · Node ${process.version} · ${CUSTOMERS} extra customer pages · ${CONNECTIONS} connections · allocator: ${allocatorDescription()}`,
  );
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'demo'], { env: { ...process.env, ...env } });
  const beacon = await startBeacon(env);
  const pid = child.pid;
  const api = apiClient(beacon, stdout.trim());
  console.log(`Started: ${mb(rssMb(pid))} · ${await breakdown()}`);

  const components = await seedCustomers(api, CUSTOMERS);
  const site = await readSite(api, beacon);
  await refreshIncidents(api, site);
  site.viewers = await signInViewers(site, VIEWERS);
  console.log(
    `Seeded ${site.customerPaths.length} customer pages, signed in ${site.viewers.length} viewers: ${mb(rssMb(pid))} · ${await breakdown()}`,
  );

  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
  const first = await runRequests(REQUESTS, CONNECTIONS, () => nextRequest(site));
  await settle();
  const afterLoad = rssMb(pid);
  peak = Math.max(peak, afterLoad);
  console.log(
    `After ${REQUESTS.toLocaleString('en-US')} requests (${JSON.stringify(first)}): ${mb(afterLoad)} (peak ${mb(peak)}) · ${await breakdown()}`,
  );

  console.log(`\nSoak: ${ROUNDS} rounds of ${ROUND_REQUESTS} requests and ${ROUND_WRITES} writes`);
  const write = writer(api, components);
  const spacing = Math.max(1, Math.floor(ROUND_REQUESTS / Math.max(1, ROUND_WRITES)));
  const rounds = [];
  let writes = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    const statuses = await runRequests(
      ROUND_REQUESTS,
      CONNECTIONS,
      () => nextRequest(site),
      async (i) => {
        if (i % spacing === 0 && i / spacing < ROUND_WRITES) await write(writes++);
      },
    );
    await refreshIncidents(api, site);
    await settle();
    const rss = rssMb(pid);
    rounds.push(rss);
    console.log(`  round ${String(round).padStart(2)}: ${mb(rss)} · ${await breakdown()} (${JSON.stringify(statuses)})`);
  }
  clearInterval(sampler);
  if (process.env.BENCH_MALLOC_INFO) mallocInfo(process.env.BENCH_MALLOC_INFO);

  // One round's reading lands anywhere in the garbage collector's cycle (tens of MB of dead page
  // bytes wait for the next collection), so growth compares medians: rounds 3–5 against the last five.
  const baseline = median(rounds.slice(SETTLED_ROUND - 3, SETTLED_ROUND));
  const end = median(rounds.slice(-5));
  const growth = end - baseline;
  const highest = Math.max(...rounds.slice(SETTLED_ROUND));
  console.log(
    `\nRSS, median of rounds 3–${SETTLED_ROUND}: ${mb(baseline)}; median of the last five rounds: ${mb(end)} (${growth >= 0 ? '+' : ''}${mb(growth)}); highest round after round ${SETTLED_ROUND}: ${mb(highest)} (${mb(highest - baseline)} above); peak sampled over the whole run ${mb(peak)}.`,
  );
  console.log(`Took ${Math.round((Date.now() - started) / 1000)} s.`);
  console.log('\nVerdict:');
  verdict(
    `RSS with the demo and ${CUSTOMERS} customer pages after ${REQUESTS.toLocaleString('en-US')} requests < ${RSS_TARGET_MB} MB`,
    mb(afterLoad),
    afterLoad < RSS_TARGET_MB,
  );
  verdict(
    `RSS growth after round ${SETTLED_ROUND} (median of the last five rounds − median of rounds 3–${SETTLED_ROUND}) ≤ ${GROWTH_TARGET_MB} MB`,
    mb(growth),
    growth <= GROWTH_TARGET_MB,
  );
}

/**
 * Writes glibc's malloc_info (XML: per arena, the bytes taken from the system and the bytes free in
 * it) of the server to `path`, through gdb attached for a moment. Shows how much of the resident set
 * is memory the allocator holds but nothing uses.
 */
function mallocInfo(path) {
  const commands = [`call (void*)fopen("${path}", "w")`, 'call (int)malloc_info(0, $1)', 'call (int)fclose($1)'];
  try {
    execFileSync('gdb', ['-p', String(child.pid), '-batch', ...commands.flatMap((command) => ['-ex', command])], {
      stdio: 'ignore',
      timeout: 60_000,
    });
    console.log(`malloc_info written to ${path}`);
  } catch (error) {
    console.log(`no malloc_info (is gdb installed?): ${error.message}`);
  }
}

/** Signs one viewer in to each of the first `count` bench customer pages (domain bench-<i>.example). */
async function signInViewers(site, count) {
  const pages = site.customerPages.filter((page) => page.domain?.startsWith('bench-')).slice(0, count);
  const viewers = [];
  for (const { path, domain } of pages) viewers.push({ path, cookie: await signIn(site.beacon, path, `viewer@${domain}`, logPath) });
  return viewers;
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
