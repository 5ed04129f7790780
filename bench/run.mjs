// `npm run bench`: builds (npm script), seeds the demo into a temp data dir, starts Beacon from
// dist/ as a child process, and measures in one run, side by side:
//   a bare node:http server sending the public page's bytes · the public page `/` · an incident
//   page · a signed-in customer page (`/c/<token>` with a session cookie, signed in through the
//   HTTP flow with the development log mailer) · a staff API read (GET /api/v1/incidents with a key)
// then the cache-miss cost of a 100-component page with 90 days of history.
// Knobs: BENCH_SECONDS (10), BENCH_CONNECTIONS (50), BENCH_RENDER_ITERATIONS (200).
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generatorName, measure } from './load.mjs';
import { measureRenderMiss } from './render-miss.mjs';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Math.max(1, Math.round(SECONDS / 4));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const RENDER_ITERATIONS = Number(process.env.BENCH_RENDER_ITERATIONS ?? 200);

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
    const request = http.request(url, { method, agent: false, headers: body ? { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' } : headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode,
          contentType: response.headers['content-type'],
          cookies: (response.headers['set-cookie'] ?? []).map((line) => line.split(';')[0]),
          body: Buffer.concat(chunks),
        }),
      );
    });
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
    link = readFileSync(logPath, 'utf8').split('\n').map((line) => (line.includes('"mail"') ? JSON.parse(line).mail?.link : undefined)).find(Boolean);
  }
  if (!link) throw new Error('no sign-in link appeared in the server log');
  const redeemed = await send(`${beacon}${path}/auth`, { method: 'POST', headers: { ...sameOrigin, Cookie: pending }, form: { link } });
  const session = redeemed.cookies.find((cookie) => cookie.includes('beacon_s_') && !cookie.endsWith('='));
  if (redeemed.status !== 303 || !session) throw new Error(`redeeming the sign-in link answered ${redeemed.status}`);
  const page200 = await get(`${beacon}${path}`, { Cookie: session });
  if (page200.status !== 200 || !page200.body.includes('Sign out')) throw new Error('the session cookie does not open the customer page');
  return { path, cookie: session, bytes: page200.body.length };
}

async function startBeacon(env) {
  const logPath = join(dataDir, 'server.log');
  // Logs go to a file: the server pays for its access log as in production, the bench does not read it.
  const child = spawn(process.execPath, [CLI, 'serve'], { env: { ...process.env, ...env }, stdio: ['ignore', openSync(logPath, 'w'), 'ignore'] });
  children.push(child);
  for (let waited = 0; waited < 30_000; waited += 100) {
    const line = readFileSync(logPath, 'utf8').split('\n').find((text) => text.includes('"beacon is listening"'));
    if (line) return JSON.parse(line).url;
    if (child.exitCode !== null) throw new Error(`beacon exited with ${child.exitCode}:\n${readFileSync(logPath, 'utf8')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('beacon did not start within 30 s');
}

async function startBareServer(bodyPath, contentType) {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'bare-server.mjs'), bodyPath, contentType], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const [chunk] = await once(child.stdout, 'data');
  return `http://127.0.0.1:${JSON.parse(chunk.toString()).port}`;
}

const fmt = (value, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function main() {
  const env = { BEACON_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' };
  console.log(`Beacon bench · ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}) · Node ${process.version}`);
  console.log(`Load generator: ${generatorName()} · ${CONNECTIONS} connections · ${SECONDS} s per target after ${WARMUP_SECONDS} s warm-up\n`);

  const { stdout: apiKey } = await promisify(execFile)(process.execPath, [CLI, 'demo'], { env: { ...process.env, ...env } });
  const key = apiKey.trim();
  const beacon = await startBeacon(env);
  const customer = await signInToCustomerPage(beacon, env, join(dataDir, 'server.log'));
  const auth = { Authorization: `Bearer ${key}` };

  const page = await get(`${beacon}/`);
  if (page.status !== 200) throw new Error(`GET / answered ${page.status}`);
  const list = JSON.parse((await get(`${beacon}/api/v1/incidents?limit=1`, auth)).body.toString());
  const incidentId = list.data[0].id;
  const incidentPath = `/acme-cloud/incidents/${incidentId}`;
  if ((await get(`${beacon}${incidentPath}`)).status !== 200) throw new Error(`GET ${incidentPath} failed`);

  const bodyPath = join(dataDir, 'page.html');
  writeFileSync(bodyPath, page.body);
  const bare = await startBareServer(bodyPath, page.contentType);

  const targets = [
    { name: 'bare node:http (same bytes as /)', url: `${bare}/` },
    { name: 'public page /', url: `${beacon}/` },
    { name: `incident page`, url: `${beacon}${incidentPath}` },
    { name: 'customer page /c/… (signed in)', url: `${beacon}${customer.path}`, headers: { Cookie: customer.cookie } },
    { name: 'GET /api/v1/incidents (API key)', url: `${beacon}/api/v1/incidents`, headers: auth },
  ];
  const results = [];
  for (const target of targets) {
    const options = { connections: CONNECTIONS, headers: target.headers ?? {} };
    await measure(target.url, { ...options, seconds: WARMUP_SECONDS });
    const result = await measure(target.url, { ...options, seconds: SECONDS });
    if (result.non2xx > 0) throw new Error(`${target.name}: ${result.non2xx} responses were not 2xx/3xx`);
    results.push({ ...target, ...result });
    console.log(`  measured ${target.name}: ${fmt(result.requestsPerSecond)} req/s`);
  }

  const baseline = results[0].requestsPerSecond;
  console.log(`\n| target | requests/s | p99 latency | vs bare |`);
  console.log(`|---|---:|---:|---:|`);
  for (const result of results) {
    console.log(`| ${result.name} | ${fmt(result.requestsPerSecond)} | ${fmt(result.p99Ms, 2)} ms | ${fmt(result.requestsPerSecond / baseline, 2)}× |`);
  }
  console.log(`\nPage sizes (identity): public ${fmt(page.body.length)} bytes, customer ${fmt(customer.bytes)} bytes.`);
  console.log('Targets: public page ≥ 0.85× bare; signed-in customer page ≥ 0.75× bare.');

  console.log(`\nCache miss on a page of 100 components with 90 days of history (${RENDER_ITERATIONS} iterations):`);
  const miss = await measureRenderMiss({ iterations: RENDER_ITERATIONS });
  console.log(`  ${miss.incidents} incidents, page ${fmt(miss.bytes)} bytes (${fmt(miss.compressedBytes)} with brotli)`);
  const line = (label, { p50, p99 }) => console.log(`  ${label.padEnd(38)} p50 ${fmt(p50, 2).padStart(7)} ms · p99 ${fmt(p99, 2).padStart(7)} ms`);
  line('render (view model + HTML)', miss.render);
  line('cache entry (bytes + ETag)', miss.entry);
  line('cache miss: render + entry', miss.miss);
  console.log('    (target: cache miss p99 < 20 ms)');
  line('gzip + brotli (thread pool, after)', miss.compress);
  line('snapshot reload (after a write)', miss.reload);
  line('reload + cache miss', miss.total);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
