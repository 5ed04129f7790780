// `npm run bench`: builds (npm script), seeds the demo into a temp data dir, starts Beacon from
// dist/ as a child process, and measures, interleaved in rounds:
//   a bare node:http server sending the public page's bytes · the public page `/` · a bare
//   node:http server sending the signed-in customer page's bytes · a signed-in customer page
//   (`/c/<token>` with a session cookie, signed in through the HTTP flow with the development log
//   mailer) · an incident page · a staff API read (GET /api/v1/incidents with a key) · the
//   Statuspage-compatible summary (`/api/v2/summary.json`), the Atom feed, a page's status badge and the widget's
//   script, each against a bare node:http server sending its bytes
// then the cache-miss cost of a 100-component page with 90 days of history.
// Every round measures every target once, so drift in the machine's load hits all of them alike;
// each ratio is taken against its bare server of the same round, and the medians over rounds are
// reported with the ratio's spread. The 2nd, 4th… rounds measure each Beacon target before its
// bare server, so neither always runs first.
// Knobs: BENCH_SECONDS (3, per measurement), BENCH_ROUNDS (7), BENCH_CONNECTIONS (50),
// BENCH_RENDER_ITERATIONS (200), BENCH_AFTER_WRITE_ITERATIONS (100), BENCH_ONLY (a comma-separated
// subset of public, customer, incident, api, v2, feed, badge, widget, miss: for a quick A/B of one target;
// each page target keeps its bare server).
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generatorName, measure } from './load.mjs';
import { onServerCpu, pinningDescription } from './pinning.mjs';
import { measureRenderMiss } from './render-miss.mjs';
import { measureMissAfterWrite } from './miss-after-write.mjs';
import { startBareServer as startBare } from './bare-server-start.mjs';
import { SERVER_ALLOCATOR_ENV, allocatorDescription, knob, waitForListening } from './tools.mjs';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
// 3 s × 14 targets × 7 rounds, plus a 2 s warm-up each, build, seeding and the misses: about 6 minutes on 2 cores.
const SECONDS = knob('BENCH_SECONDS', 3);
const WARMUP_SECONDS = Math.max(2, Math.round(SECONDS / 2));
const ROUNDS = knob('BENCH_ROUNDS', 7);
const CONNECTIONS = knob('BENCH_CONNECTIONS', 50);
const RENDER_ITERATIONS = knob('BENCH_RENDER_ITERATIONS', 200);
const AFTER_WRITE_ITERATIONS = knob('BENCH_AFTER_WRITE_ITERATIONS', 100);
const PARTS = ['public', 'customer', 'incident', 'api', 'v2', 'feed', 'badge', 'widget', 'miss'];
const ONLY = (process.env.BENCH_ONLY ?? PARTS.join(',')).split(',').map((part) => part.trim());
for (const part of ONLY) {
  if (!PARTS.includes(part)) {
    console.error(`BENCH_ONLY names ${JSON.stringify(part)}; the parts are ${PARTS.join(', ')}`);
    process.exit(1);
  }
}
const wanted = (part) => ONLY.includes(part);

if (!existsSync(CLI)) {
  console.error('dist/ is missing: run `npm run bench` (it builds first).');
  process.exit(1);
}

const children = [];
const dataDir = mkdtempSync(join(tmpdir(), 'beacon-bench-'));
const cleanUp = () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
};
process.on('exit', cleanUp);
process.on('SIGINT', () => process.exit(130));

/** A request with no Accept-Encoding (as wrk sends it): status, identity bytes, content type, cookies set. */
function send(url, { method = 'GET', headers = {}, form } = {}) {
  return new Promise((resolve, reject) => {
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const request = http.request(
      url,
      { method, agent: false, headers: body ? { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' } : headers },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode,
            contentType: response.headers['content-type'],
            contentEncoding: response.headers['content-encoding'],
            cookies: (response.headers['set-cookie'] ?? []).map((line) => line.split(';')[0]),
            rawHeaders: response.rawHeaders,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
const get = (url, headers = {}) => send(url, { headers });

/**
 * Signs in to a demo customer page the way a viewer does: asks for a link (the development log
 * mailer writes it to the server log), then redeems it in the same browser (pending cookie).
 * @returns the page's path and the session cookie (`name=value`).
 */
async function signInToCustomerPage(beacon, env, logPath) {
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'pages', 'list', '--json'], { env: { ...process.env, ...env } });
  const page = JSON.parse(stdout).find((candidate) => candidate.kind === 'customer_page' && candidate.name === 'Globex Corporation');
  if (!page) throw new Error('the demo has no Globex customer page');
  const path = new URL(page.url).pathname;
  const sameOrigin = { 'Sec-Fetch-Site': 'same-origin' };
  const asked = await send(`${beacon}${path}/sign-in`, { method: 'POST', headers: sameOrigin, form: { email: 'bench@globex.example' } });
  const pending = asked.cookies.find((cookie) => cookie.includes('beacon_p_'));
  if (asked.status !== 200 || !pending) throw new Error(`asking for a sign-in link answered ${asked.status}`);
  let link;
  for (let waited = 0; !link && waited < 15_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    link = readFileSync(logPath, 'utf8')
      .split('\n')
      .map((line) => (line.includes('"mail"') ? JSON.parse(line).mail?.link : undefined))
      .find(Boolean);
  }
  if (!link) throw new Error('no sign-in link appeared in the server log');
  const redeemed = await send(`${beacon}${path}/auth`, { method: 'POST', headers: { ...sameOrigin, Cookie: pending }, form: { link } });
  const session = redeemed.cookies.find((cookie) => cookie.includes('beacon_s_') && !cookie.endsWith('='));
  if (redeemed.status !== 303 || !session) throw new Error(`redeeming the sign-in link answered ${redeemed.status}`);
  const page200 = await fetchCustomerPage(beacon, path, session);
  return { path, cookie: session, body: page200.body, contentType: page200.contentType };
}

/** The signed-in customer page in identity encoding; throws unless the cookie opens it. */
async function fetchCustomerPage(beacon, path, cookie) {
  const response = await get(`${beacon}${path}`, { Cookie: cookie });
  if (response.status !== 200 || !response.body.includes('Sign out'))
    throw new Error(`the session cookie does not open the customer page (${response.status})`);
  return identity(response, path);
}

function identity(response, path) {
  if (response.contentEncoding && response.contentEncoding !== 'identity')
    throw new Error(`${path} came ${response.contentEncoding}-encoded without Accept-Encoding`);
  return response;
}

async function startBeacon(env) {
  const logPath = join(dataDir, 'server.log');
  // Logs go to a file: the server pays for its access log as in production, the bench does not read it.
  const [command, args] = onServerCpu(process.execPath, [CLI, 'serve']);
  const child = spawn(command, args, {
    env: { ...process.env, ...SERVER_ALLOCATOR_ENV, ...env },
    stdio: ['ignore', openSync(logPath, 'w'), 'ignore'],
  });
  children.push(child);
  return waitForListening(child, logPath);
}

async function startBareServer(bodyPath, contentType) {
  const { child, url } = await startBare(bodyPath, contentType);
  children.push(child);
  return url;
}

const fmt = (value, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** One round's order: the groups in turn, each bare/target pair reversed in odd rounds. */
const roundOrder = (groups, round) => groups.flatMap((group) => (round % 2 === 1 ? [...group].reverse() : group));

function checkStatuses(target, result) {
  if (result.non2xx > 0) throw new Error(`${target.name}: ${result.non2xx} responses were not 2xx/3xx`);
  return result;
}

/** "met"/"not met" for a figure against its target, noting when the rounds fell on both sides of it. */
function verdict(label, figure, met, { spread, crosses } = {}) {
  const note = crosses ? ' (the rounds fall on both sides of the target)' : '';
  console.log(`  ${label}: ${figure}${spread ? ` (rounds ${spread})` : ''} → ${met ? 'met' : 'not met'}${note}`);
}

async function main() {
  const env = { BEACON_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' };
  const load = () =>
    loadavg()
      .map((value) => value.toFixed(2))
      .join(', ');
  console.log(
    `Beacon bench · ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}) · Node ${process.version} · load average ${load()} · server allocator: ${allocatorDescription()}`,
  );
  console.log(
    `Load generator: ${generatorName()} · ${CONNECTIONS} connections · ${ROUNDS} rounds × ${SECONDS} s per target` +
      ` (${WARMUP_SECONDS} s warm-up before a target's first measurement) · ${pinningDescription()}\n`,
  );

  const { stdout: apiKey } = await promisify(execFile)(process.execPath, [CLI, 'demo'], { env: { ...process.env, ...env } });
  const key = apiKey.trim();
  const beacon = await startBeacon(env);
  const customer = await signInToCustomerPage(beacon, env, join(dataDir, 'server.log'));
  const auth = { Authorization: `Bearer ${key}` };

  const page = identity(await get(`${beacon}/`), '/');
  if (page.status !== 200) throw new Error(`GET / answered ${page.status}`);
  // The customer page differs per request only by its CSP nonce, of one length: any response stands for all.
  const customerAgain = await fetchCustomerPage(beacon, customer.path, customer.cookie);
  if (customerAgain.body.length !== customer.body.length) {
    throw new Error(`the customer page changed length between requests (${customer.body.length} then ${customerAgain.body.length} bytes)`);
  }
  const list = JSON.parse((await get(`${beacon}/api/v1/incidents?limit=1`, auth)).body.toString());
  const incidentId = list.data[0].id;
  const incidentPath = `/acme-cloud/incidents/${incidentId}`;
  if ((await get(`${beacon}${incidentPath}`)).status !== 200) throw new Error(`GET ${incidentPath} failed`);

  const publicBodyPath = join(dataDir, 'public.html');
  writeFileSync(publicBodyPath, page.body);
  const customerBodyPath = join(dataDir, 'customer.html');
  writeFileSync(customerBodyPath, customer.body);
  const barePublic = { name: 'bare node:http (public bytes)', url: `${await startBareServer(publicBodyPath, page.contentType)}/` };
  const bareCustomer = {
    name: 'bare node:http (customer bytes)',
    url: `${await startBareServer(customerBodyPath, customer.contentType)}/`,
  };
  const publicPage = { name: 'public page /', short: 'public', url: `${beacon}/`, bare: barePublic };
  const customerPage = {
    name: 'customer page /c/… (signed in)',
    short: 'customer',
    url: `${beacon}${customer.path}`,
    headers: { Cookie: customer.cookie },
    bare: bareCustomer,
  };
  const incidentPage = { name: 'incident page', short: 'incident', url: `${beacon}${incidentPath}`, bare: barePublic };
  // The API read queues work under 50 connections (each request reads the database): Beacon is left
  // to drain it before anything else is measured, or the next round's first target would pay for it.
  const apiRead = {
    name: 'GET /api/v1/incidents (API key)',
    short: 'API',
    url: `${beacon}/api/v1/incidents`,
    headers: auth,
    bare: barePublic,
    settleMs: 2000,
  };
  /**
   * A small public response with two bare servers measured beside it: one sending its body with two
   * headers (the bench's usual baseline), one sending the same response, every header Beacon sent
   * with it and the body. node:http adds Date, Connection and Keep-Alive to both, so those are left out.
   */
  const pairOf = async (part, name, path) => {
    if (!wanted(part)) return false;
    const response = identity(await get(`${beacon}${path}`), path);
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
    const bodyPath = join(dataDir, `${part}.body`);
    writeFileSync(bodyPath, response.body);
    const headersPath = join(dataDir, `${part}.headers.json`);
    const added = new Set(['date', 'connection', 'keep-alive']);
    const sent = [];
    for (let i = 0; i < response.rawHeaders.length; i += 2)
      if (!added.has(response.rawHeaders[i].toLowerCase())) sent.push(response.rawHeaders[i], response.rawHeaders[i + 1]);
    writeFileSync(headersPath, JSON.stringify(sent));
    const bare = { name: `bare node:http (${part} bytes)`, url: `${await startBareServer(bodyPath, response.contentType)}/` };
    const sameResponse = {
      name: `bare node:http (${part} response)`,
      url: `${await startBareServer(bodyPath, response.contentType, headersPath)}/`,
    };
    return [bare, sameResponse, { name, short: part, url: `${beacon}${path}`, bare: sameResponse, bodyOnlyBare: bare }];
  };
  const summaryPair = await pairOf('v2', 'GET /api/v2/summary.json', '/api/v2/summary.json');
  const feedPair = await pairOf('feed', 'Atom feed /feed.atom', '/feed.atom');
  const badgePair = await pairOf('badge', 'status badge /acme-cloud/badge.svg', '/acme-cloud/badge.svg');
  const groups = [
    wanted('public') && [barePublic, publicPage],
    wanted('customer') && [bareCustomer, customerPage],
    // The incident page and the API read are compared with the public bare server, measured with them.
    wanted('incident') && (wanted('public') ? [incidentPage] : [barePublic, incidentPage]),
    wanted('api') && (wanted('public') || wanted('incident') ? [apiRead] : [barePublic, apiRead]),
    summaryPair,
    feedPair,
    badgePair,
    await pairOf('widget', 'widget script /embed/status.js', '/embed/status.js'),
  ].filter(Boolean);
  const targets = groups.flat();
  const compared = targets.filter((target) => target.bare);
  for (const target of targets) target.rounds = [];

  for (let round = 0; round < ROUNDS; round++) {
    console.log(`Round ${round + 1} of ${ROUNDS} · load average ${load()}`);
    for (const target of roundOrder(groups, round)) {
      const options = { connections: CONNECTIONS, headers: target.headers ?? {} };
      if (round === 0) checkStatuses(target, await measure(target.url, { ...options, seconds: WARMUP_SECONDS }));
      const result = checkStatuses(target, await measure(target.url, { ...options, seconds: SECONDS }));
      target.rounds.push(result);
      console.log(
        `  ${target.name.padEnd(34)} ${fmt(result.requestsPerSecond).padStart(7)} req/s · p99 ${fmt(result.p99Ms, 2).padStart(6)} ms`,
      );
      if (target.settleMs) await new Promise((resolve) => setTimeout(resolve, target.settleMs));
    }
    for (const target of compared)
      target.rounds[round].ratio = target.rounds[round].requestsPerSecond / target.bare.rounds[round].requestsPerSecond;
    console.log(`  ratios this round: ${compared.map((target) => `${target.short} ${fmt(target.rounds[round].ratio, 2)}×`).join(' · ')}\n`);
  }
  // A session that lapsed mid-run would have measured some other page: check it still opens the page.
  await fetchCustomerPage(beacon, customer.path, customer.cookie);

  for (const target of targets) {
    target.requestsPerSecond = median(target.rounds.map((result) => result.requestsPerSecond));
    target.p99Ms = median(target.rounds.map((result) => result.p99Ms));
    if (!target.bare) continue;
    const ratios = target.rounds.map((result) => result.ratio);
    target.ratio = median(ratios);
    target.min = Math.min(...ratios);
    target.max = Math.max(...ratios);
  }
  const spread = (target) => `${fmt(target.min, 2)}–${fmt(target.max, 2)}×`;
  /** `target` against another bare server, round by round, as the table's ratios are. */
  const ratioOf = (target, bare) => {
    const ratios = target.rounds.map((result, round) => result.requestsPerSecond / bare.rounds[round].requestsPerSecond);
    return { ratio: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
  };
  console.log(
    `Medians over ${ROUNDS} rounds; each ratio is taken against its bare server in the same round, spread = min–max of those ratios.`,
  );
  console.log(`\n| target | compared with | requests/s | p99 latency | vs bare | spread |`);
  console.log(`|---|---|---:|---:|---:|---:|`);
  for (const target of targets) {
    const comparison = target.bare
      ? `| ${target.bare.name} | ${fmt(target.requestsPerSecond)} | ${fmt(target.p99Ms, 2)} ms | ${fmt(target.ratio, 2)}× | ${spread(target)} |`
      : `| (baseline) | ${fmt(target.requestsPerSecond)} | ${fmt(target.p99Ms, 2)} ms | — | — |`;
    console.log(`| ${target.name} ${comparison}`);
  }
  console.log(
    `\nPage sizes (identity, as each bare server sends them): public ${fmt(page.body.length)} bytes, customer ${fmt(customer.body.length)} bytes.`,
  );

  // Read documents re-rendered after a write, over HTTP (the server's own cost of a miss plus the trip).
  const afterWrite = wanted('miss')
    ? await measureMissAfterWrite({
        beacon,
        auth,
        paths: ['/', '/api/v2/summary.json', '/feed.atom', '/badge.svg'],
        iterations: AFTER_WRITE_ITERATIONS,
      })
    : [];
  if (afterWrite.length > 0) {
    console.log(`\nThe first GET right after a write (re-rendered), ${AFTER_WRITE_ITERATIONS} writes, demo data:`);
    for (const { path, p50, p99 } of afterWrite)
      console.log(`  ${path.padEnd(38)} p50 ${fmt(p50, 2).padStart(7)} ms · p99 ${fmt(p99, 2).padStart(7)} ms`);
  }

  const miss = wanted('miss') ? await measureRenderMiss({ iterations: RENDER_ITERATIONS }) : null;
  if (miss) {
    console.log(`\nCache miss on a page of 100 components with 90 days of history (${RENDER_ITERATIONS} iterations):`);
    console.log(`  ${miss.incidents} incidents, page ${fmt(miss.bytes)} bytes (${fmt(miss.compressedBytes)} with brotli)`);
    const line = (label, { p50, p99 }) =>
      console.log(`  ${label.padEnd(38)} p50 ${fmt(p50, 2).padStart(7)} ms · p99 ${fmt(p99, 2).padStart(7)} ms`);
    line('render (view model + HTML)', miss.render);
    line('cache entry (bytes + ETag)', miss.entry);
    line('cache miss: render + entry', miss.miss);
    line('gzip + brotli (thread pool, after)', miss.compress);
    line('snapshot reload (after a write)', miss.reload);
    line('reload + cache miss', miss.total);
  }
  console.log(`\nLoad average at the end: ${load()}.`);

  console.log(`\nVerdict (median over ${ROUNDS} rounds):`);
  const ratioVerdict = (label, target, floor) =>
    verdict(label, `${fmt(target.ratio, 2)}×`, target.ratio >= floor, {
      spread: spread(target),
      crosses: target.min < floor && target.max >= floor,
    });
  if (wanted('public')) ratioVerdict('public page ≥ 0.85× bare (public bytes)', publicPage, 0.85);
  if (wanted('customer')) ratioVerdict('signed-in customer page ≥ 0.75× bare (customer bytes)', customerPage, 0.75);
  if (wanted('customer') && barePublic.rounds !== undefined) {
    // The customer page's target was first set against the bench's usual bare server, which sends the
    // public page's bytes. Shown too, beside the stricter comparison above with the customer page's own bytes.
    const versusPublicBare = ratioOf(customerPage, barePublic);
    verdict('signed-in customer page ≥ 0.75× bare (public bytes)', `${fmt(versusPublicBare.ratio, 2)}×`, versusPublicBare.ratio >= 0.75, {
      spread: `${fmt(versusPublicBare.min, 2)}–${fmt(versusPublicBare.max, 2)}×`,
      crosses: versusPublicBare.min < 0.75 && versusPublicBare.max >= 0.75,
    });
  }
  // The read documents' target: a bare server sending the same bytes, headers and body. Beside it, the
  // ratio against a bare server sending the body alone, which also counts the cost of the headers Beacon must send.
  for (const [label, pair] of [
    ['v2 summary', summaryPair],
    ['Atom feed', feedPair],
    ['status badge', badgePair],
  ]) {
    if (!pair) continue;
    const target = pair[2];
    ratioVerdict(`${label} ≥ 0.90× bare (the same response)`, target, 0.9);
    const bodyOnly = ratioOf(target, target.bodyOnlyBare);
    verdict(`${label} ≥ 0.90× bare (its body, two headers)`, `${fmt(bodyOnly.ratio, 2)}×`, bodyOnly.ratio >= 0.9, {
      spread: `${fmt(bodyOnly.min, 2)}–${fmt(bodyOnly.max, 2)}×`,
      crosses: bodyOnly.min < 0.9 && bodyOnly.max >= 0.9,
    });
  }
  for (const { path, p99 } of afterWrite.filter((read) => read.path !== '/'))
    verdict(`${path} re-rendered after a write, p99 < 10 ms`, `${fmt(p99, 2)} ms`, p99 < 10);
  if (miss) {
    verdict('cache miss (render + entry) p99 < 20 ms', `${fmt(miss.miss.p99, 2)} ms`, miss.miss.p99 < 20);
    verdict('reload + cache miss p99 < 20 ms', `${fmt(miss.total.p99, 2)} ms`, miss.total.p99 < 20);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
