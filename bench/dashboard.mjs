// `npm run bench:dashboard` (and the last part of `npm run bench`): the staff dashboard at size.
// Seeds a SQLite database with 500 components in groups, 20 pages, a Customer catalog type of 1,000
// entries with 1,000 customer pages, 10,000 incidents (5 open, the rest resolved, each with its
// updates), 1,000 maintenance windows and 20,000 audit events (bench/dashboard-seed.mjs), starts
// Beacon from dist/ with a staff admin's session, then:
//   1. requests every dashboard screen BENCH_DASHBOARD_REQUESTS times one after another, then as many
//      times again from BENCH_DASHBOARD_CLIENTS clients at once, and prints p50/p99 per screen against
//      the 100 ms target (each client has its keep-alive connection, as a browser does);
//   2. measures the public page `/` under wrk beside the bare node:http server, in rounds, each round
//      once quiet and once while a staff client publishes an update to an open incident on that page
//      through the dashboard every 500 ms: the dashboard must not slow the public page (≥ 0.90× quiet).
// Knobs: BENCH_DASHBOARD_REQUESTS (40), BENCH_DASHBOARD_CLIENTS (3), BENCH_DASHBOARD_ROUNDS (3),
// BENCH_SECONDS (3, per public measurement), BENCH_CONNECTIONS (50), BENCH_DASHBOARD_ONLY (screens
// whose name contains this text; skips the public part).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCookieJar } from '../dist/web/customer/cookies.js';
import { startBareServer } from './bare-server-start.mjs';
import { prepareDashboardDatabase, DASHBOARD_SECRET } from './dashboard-seed.mjs';
import { generatorName, measure } from './load.mjs';
import { pinningDescription } from './pinning.mjs';
import { expectStatus, keepAlive, percentile, send } from './scale-http.mjs';
import { startBeacon } from './scale-server.mjs';

const ROOT = join(import.meta.dirname, '..');
/** A positive whole number from the environment, else the default; anything else stops the bench. */
function knob(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${name} must be a positive whole number, not ${JSON.stringify(process.env[name])}`);
    process.exit(1);
  }
  return value;
}
const REQUESTS = knob('BENCH_DASHBOARD_REQUESTS', 40);
const CLIENTS = knob('BENCH_DASHBOARD_CLIENTS', 3);
const ROUNDS = knob('BENCH_DASHBOARD_ROUNDS', 3);
const SECONDS = knob('BENCH_SECONDS', 3);
const CONNECTIONS = knob('BENCH_CONNECTIONS', 50);
const ONLY = process.env.BENCH_DASHBOARD_ONLY;
const TARGET_MS = 100;
const PUBLISH_EVERY_MS = 500;
const QUIET_FLOOR = 0.9;

if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
  console.error('dist/ is missing: run `npm run bench:dashboard` (it builds first).');
  process.exit(1);
}

const workDir = mkdtempSync(join(tmpdir(), 'beacon-dashboard-bench-'));
const children = [];
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  rmSync(workDir, { recursive: true, force: true });
});
process.on('SIGINT', () => process.exit(130));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (value, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
const median = (values) => percentile(values, 50);

/** Every dashboard screen, as a signed-in admin opens it; `form` makes it a POST. */
function screensOf(ids) {
  const incident = `/admin/incidents/${ids.openIncident}`;
  const maintenance = `/admin/maintenance/${ids.maintenance}`;
  const customerType = `/admin/catalog/types/${ids.customerType}`;
  const customerPage = `/admin/customer-pages/${ids.customerPage}`;
  return [
    ['home (signed-in devices)', '/admin'],
    ['incidents list', '/admin/incidents'],
    ['past incidents search', '/admin/incidents?q=Incident%2042'],
    ['past incidents, far page', `/admin/incidents?before=${ids.farIncident}`],
    ['incident detail', incident],
    ['incident timeline fragment', `${incident}/timeline`],
    ['edit an update', `${incident}/updates/${ids.update}/edit`],
    ['delete confirmation', `${incident}/delete`],
    ['declare form', '/admin/incidents/new'],
    [
      'review before declaring (POST)',
      '/admin/incidents/review',
      {
        name: 'Elevated errors',
        status: 'investigating',
        message: 'We are looking into it.',
        displayAt: '',
        [`impact.${ids.component}`]: 'degraded_performance',
      },
    ],
    ['maintenance list', '/admin/maintenance'],
    ['maintenance calendar', '/admin/maintenance/calendar'],
    ['maintenance form', '/admin/maintenance/new'],
    ['maintenance detail', maintenance],
    ['maintenance edit', `${maintenance}/edit`],
    ['components', '/admin/components'],
    ['component detail', `/admin/components/${ids.component}`],
    ['groups', '/admin/groups'],
    ['group detail', `/admin/groups/${ids.group}`],
    ['pages', '/admin/pages'],
    ['page structure (default page)', `/admin/pages/${ids.defaultPage}`],
    ['page structure (customer set)', `/admin/pages/${ids.customerSetPage}`],
    ['catalog types', '/admin/catalog'],
    ['catalog schema', `${customerType}/schema`],
    ['entries of a type', customerType],
    ['entries search', `${customerType}?q=Customer%2007`],
    ['entries, far page', `${customerType}?page=15`],
    ['entry form', `${customerType}/entries/new`],
    ['entry detail', `/admin/catalog/entries/${ids.entry}`],
    ['customer pages list', '/admin/customer-pages'],
    ['customer pages search', '/admin/customer-pages?q=Customer%2007'],
    ['customer pages, far page', '/admin/customer-pages?page=15'],
    ['customer page detail', customerPage],
    ['customer page preview', `${customerPage}/preview`],
    ['customer page preview history', `${customerPage}/preview/history`],
    ['who can access', '/admin/customer-pages/who-can-access?email=someone%40customer-0501.example'],
    ['audit log, by event', '/admin/audit?event=session.started'],
    ['audit log, by address', '/admin/audit?address=viewer-3%40customer-0042.example'],
    ['API keys', '/admin/api-keys'],
    ['staff', '/admin/staff'],
  ].map(([name, path, form]) => ({ name, path, form }));
}

async function main() {
  console.log(
    `Beacon dashboard bench · ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}) · Node ${process.version} · load average ${load()}`,
  );
  const seeded = await prepareDashboardDatabase(workDir);
  const counts = seeded.counts;
  console.log(
    `Seeded in ${fmt(seeded.seedSeconds, 1)} s: ${fmt(counts.components)} components, ${fmt(counts.component_groups ?? 0)} groups, ` +
      `${fmt(counts.pages)} pages, ${fmt(counts.catalog_entries)} catalog entries, ${fmt(counts.customer_pages)} customer pages, ` +
      `${fmt(counts.incidents)} incidents (${fmt(counts.incident_updates)} updates), ${fmt(counts.maintenances)} maintenance windows, ` +
      `${fmt(counts.audit_log)} audit events`,
  );
  const server = await startBeacon({ databaseUrl: seeded.databaseUrl, dataDir: seeded.dataDir, env: { BEACON_SECRET: DASHBOARD_SECRET } });
  children.push(server.child);
  const beacon = server.url;
  const staffCookie = `${createCookieJar(beacon).name('beacon-staff')}=${seeded.sessionToken}`;
  // What a browser sends with the dashboard's own forms (REQ-5): its pages carry no-referrer, so Origin is opaque.
  const headers = { Cookie: staffCookie, Origin: 'null', 'Sec-Fetch-Site': 'same-origin' };
  const open = (screen, agent) =>
    send(`${beacon}${screen.path}`, {
      method: screen.form ? 'POST' : 'GET',
      headers,
      agent,
      ...(screen.form ? { form: screen.form } : {}),
    });

  const screens = screensOf(seeded.ids).filter((screen) => !ONLY || screen.name.includes(ONLY));
  console.log(
    `\nDashboard screens · ${REQUESTS} requests one after another, then ${REQUESTS} from ${CLIENTS} clients at once · target p99 < ${TARGET_MS} ms`,
  );
  console.log(`\n| screen | bytes | p50 | p99 | p50, ${CLIENTS} clients | p99, ${CLIENTS} clients | < ${TARGET_MS} ms |`);
  console.log('|---|---:|---:|---:|---:|---:|---|');
  const failed = [];
  for (const screen of screens) {
    const agent = keepAlive();
    const first = await open(screen, agent);
    if (first.status !== 200)
      throw new Error(`${screen.name}: ${screen.path} answered ${first.status}: ${first.body.toString().slice(0, 300)}`);
    for (let i = 0; i < 2; i++) await open(screen, agent);
    const alone = [];
    for (let i = 0; i < REQUESTS; i++) alone.push((await open(screen, agent)).ms);
    const together = [];
    const agents = Array.from({ length: CLIENTS }, () => keepAlive());
    let left = REQUESTS;
    await Promise.all(
      agents.map(async (clientAgent) => {
        while (left-- > 0) {
          const answer = await open(screen, clientAgent);
          if (answer.status !== 200) throw new Error(`${screen.name}: answered ${answer.status} under load`);
          together.push(answer.ms);
        }
      }),
    );
    for (const each of [agent, ...agents]) each.destroy();
    const p99 = percentile(alone, 99);
    const p99Together = percentile(together, 99);
    const pass = p99 < TARGET_MS && p99Together < TARGET_MS;
    if (!pass) failed.push(screen.name);
    console.log(
      `| ${screen.name} | ${fmt(first.body.length)} | ${fmt(median(alone), 1)} ms | ${fmt(p99, 1)} ms | ` +
        `${fmt(median(together), 1)} ms | ${fmt(p99Together, 1)} ms | ${pass ? 'PASS' : 'FAIL'} |`,
    );
  }
  console.log(`\nLoad average after the screens: ${load()}.`);

  if (!ONLY) await measurePublicPath(beacon, headers, seeded.ids.openIncident);

  console.log('\nVerdict:');
  console.log(
    `  every dashboard screen p99 < ${TARGET_MS} ms (alone and ${CLIENTS} clients at once): ` +
      (failed.length === 0 ? 'met' : `not met (${failed.join(', ')})`),
  );
  if (publicVerdict) console.log(`  ${publicVerdict}`);
  await server.stop();
}

let publicVerdict;

/**
 * Publishes an update to `incidentId` through the dashboard every PUBLISH_EVERY_MS until `stop()`:
 * opens the incident's screen for its version, as the form carries it, then posts the update.
 */
function startPublishing(beacon, headers, incidentId) {
  let running = true;
  const times = [];
  const agent = keepAlive();
  const path = `${beacon}/admin/incidents/${incidentId}`;
  const done = (async () => {
    for (let n = 0; running; n++) {
      const started = performance.now();
      const screen = await expectStatus(200, path, { headers, agent });
      const version = /name="version" value="(\d+)"/.exec(screen.body.toString())?.[1];
      if (!version) throw new Error('the incident screen has no version field');
      const form = { status: n % 2 === 0 ? 'identified' : 'monitoring', message: `Bench update ${n + 1}.`, displayAt: '', version };
      await expectStatus(303, `${path}/updates`, { method: 'POST', headers, agent, form });
      times.push(performance.now() - started);
      await sleep(Math.max(0, PUBLISH_EVERY_MS - (performance.now() - started)));
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      agent.destroy();
      return times;
    },
  };
}

/** The fast public path `/`, beside the bare server, quiet and while the dashboard publishes, in rounds. */
async function measurePublicPath(beacon, headers, incidentId) {
  const page = await expectStatus(200, `${beacon}/`);
  const bodyPath = join(workDir, 'public.html');
  writeFileSync(bodyPath, page.body);
  const bare = await startBareServer(bodyPath, page.headers['content-type']);
  children.push(bare.child);
  console.log(
    `\nPublic page / under ${generatorName()} · ${CONNECTIONS} connections · ${ROUNDS} rounds × ${SECONDS} s per target · ${pinningDescription()}`,
  );
  console.log(`While publishing: one incident update through the dashboard every ${PUBLISH_EVERY_MS} ms (the incident shows on /).`);
  const targets = { bare: [], quiet: [], busy: [] };
  const options = { connections: CONNECTIONS, seconds: SECONDS };
  await measure(`${beacon}/`, { ...options, seconds: 2 });
  const etagBefore = page.headers.etag;
  let published = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? ['bare', 'quiet', 'busy'] : ['busy', 'quiet', 'bare'];
    const line = [];
    for (const name of order) {
      const publisher = name === 'busy' ? startPublishing(beacon, headers, incidentId) : null;
      const result = await measure(name === 'bare' ? `${bare.url}/` : `${beacon}/`, options);
      if (publisher) published = published.concat(await publisher.stop());
      if (result.non2xx > 0) throw new Error(`${name}: ${result.non2xx} responses were not 2xx/3xx`);
      targets[name].push(result);
      line.push(`${name} ${fmt(result.requestsPerSecond)} req/s (p99 ${fmt(result.p99Ms, 2)} ms)`);
    }
    console.log(`  round ${round + 1} · load average ${load()} · ${line.join(' · ')}`);
  }
  const etagAfter = (await expectStatus(200, `${beacon}/`)).headers.etag;
  if (etagAfter === etagBefore) throw new Error('the public page did not change while the dashboard published: the bench measured nothing');
  const ratios = (a, b) => targets[a].map((result, round) => result.requestsPerSecond / targets[b][round].requestsPerSecond);
  const row = (label, name) => {
    const rps = median(targets[name].map((result) => result.requestsPerSecond));
    const p99 = median(targets[name].map((result) => result.p99Ms));
    const vsBare = name === 'bare' ? '—' : `${fmt(median(ratios(name, 'bare')), 2)}×`;
    console.log(`| ${label} | ${fmt(rps)} | ${fmt(p99, 2)} ms | ${vsBare} |`);
  };
  console.log(`\nMedians over ${ROUNDS} rounds; each ratio is taken within a round.`);
  console.log('\n| target | requests/s | p99 latency | vs bare |');
  console.log('|---|---:|---:|---:|');
  row('bare node:http (public bytes)', 'bare');
  row('public page /, quiet', 'quiet');
  row(`public page /, dashboard publishing every ${PUBLISH_EVERY_MS} ms`, 'busy');
  const busyVsQuiet = ratios('busy', 'quiet');
  const ratio = median(busyVsQuiet);
  console.log(
    `\nPublishing vs quiet: ${fmt(ratio, 3)}× (rounds ${busyVsQuiet.map((value) => fmt(value, 2)).join(', ')}); ` +
      `${published.length} updates published, p50 ${fmt(median(published), 1)} ms, p99 ${fmt(percentile(published, 99), 1)} ms each (screen + post).`,
  );
  publicVerdict = `public page / while the dashboard publishes ≥ ${QUIET_FLOOR}× quiet: ${fmt(ratio, 3)}× → ${ratio >= QUIET_FLOOR ? 'met' : 'not met'}`;
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
