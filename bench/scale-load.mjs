// The scale bench's three measurements, all over HTTP against a running Beacon:
//   writes from several writers as fast as they go · `GET /` right after each of a single client's
//   writes · a steady 50 writes/s with `/healthz` probed and the server's event loop measured.
// Every write is one step of an incident's life through the staff API (declared investigating on a
// component of the default page, then identified, monitoring, resolved; then the next incident), so
// the organisation never piles up open incidents however long the bench runs.
import { expectStatus, keepAlive, percentile, send } from './scale-http.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const STEPS = ['identified', 'monitoring', 'resolved'];

/** The API at `base` with a staff key. */
export function apiClient(base, apiKey) {
  const headers = { Authorization: `Bearer ${apiKey}` };
  return {
    base,
    get: (path, agent) => expectStatus(200, `${base}/api/v1${path}`, { headers, agent }).then((answer) => JSON.parse(answer.body.toString())),
    post: (path, json, agent) => expectStatus(201, `${base}/api/v1${path}`, { method: 'POST', headers, json, agent }),
  };
}

/** The components the default page shows, in page order, through the staff API. */
export async function defaultPageComponentIds(api) {
  const { data: pages } = await api.get('/pages');
  const page = pages.find((candidate) => candidate.is_default);
  if (!page) throw new Error('there is no default page');
  const ids = [];
  for (const item of page.items) {
    if (item.type === 'component') ids.push(item.component_id);
    else ids.push(...(await api.get(`/groups/${item.group_id}`)).component_ids);
  }
  if (ids.length === 0) throw new Error(`the default page "${page.slug}" shows no component`);
  return ids;
}

/**
 * One writer's incidents, one write per `next()`; `componentIds` are taken in turn from `offset`.
 * Lives carry on from one measurement to the next, so open incidents never outnumber the lives.
 */
export function incidentLife(api, componentIds, label, offset) {
  const agent = keepAlive();
  let turn = offset;
  let incident = null;
  let step = 0;
  return {
    /** Makes the next write; resolves with its response (and the name of the incident it declared, if it did). */
    async next() {
      if (incident === null) {
        const componentId = componentIds[turn++ % componentIds.length];
        const name = `${label} incident ${turn}`;
        const answer = await api.post('/incidents', { name, message: 'Investigating slow responses.', components: [{ component_id: componentId, impact: 'partial_outage' }] }, agent);
        incident = { id: JSON.parse(answer.body.toString()).id, name };
        step = 0;
        return { ...answer, created: incident.name };
      }
      const status = STEPS[step++];
      const answer = await api.post(`/incidents/${incident.id}/updates`, { status, message: `Now ${status}.` }, agent);
      if (status === 'resolved') incident = null;
      return answer;
    },
    close: () => agent.destroy(),
  };
}

/** Each of `lives` writes as soon as its previous write is answered, for `seconds`; writes in flight then are waited for. */
export async function measureWriters(lives, { seconds }) {
  const latencies = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let lastAnswer = started;
  await Promise.all(
    lives.map(async (life) => {
      while (performance.now() < deadline) {
        const { ms } = await life.next();
        latencies.push(ms);
        lastAnswer = performance.now();
      }
    }),
  );
  const elapsed = (lastAnswer - started) / 1000;
  return { count: latencies.length, perSecond: latencies.length / elapsed, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

/**
 * One client writes, and as soon as the write is answered GETs `/` (the default page), timing the
 * GET. The page must come back re-rendered: a new ETag each time, naming the incident just declared.
 * Runs for `seconds` and at least `minSamples` GETs, at most twice `seconds`.
 */
export async function measureGetAfterWrite(base, life, { seconds, minSamples }) {
  const agent = keepAlive();
  const latencies = [];
  let bytes = 0;
  const started = performance.now();
  let etag = (await expectStatus(200, `${base}/`, { agent })).headers.etag;
  const enough = () => {
    const elapsed = performance.now() - started;
    return elapsed > 2 * seconds * 1000 || (elapsed > seconds * 1000 && latencies.length >= minSamples);
  };
  while (!enough()) {
    const { created } = await life.next();
    const page = await send(`${base}/`, { agent });
    if (page.status !== 200) throw new Error(`GET / after a write answered ${page.status}`);
    if (page.headers.etag === etag) throw new Error('GET / after a write sent the page from before the write (same ETag)');
    if (created && !page.body.includes(created)) throw new Error(`GET / after declaring "${created}" does not show it`);
    etag = page.headers.etag;
    bytes = page.body.length;
    latencies.push(page.ms);
  }
  agent.destroy();
  return { count: latencies.length, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), bytes };
}

/**
 * Writes at a steady `rate` per second for `seconds` (a new write every 1/rate s, on whichever of
 * `lives` has no write in flight; a tick finding none free is skipped and counted), while one client
 * GETs `/healthz` every 50 ms. `server.loopDelay()` brackets the run, so the event-loop figures cover
 * exactly this load; writes still in flight at the end are waited for, and not counted.
 */
export async function measureSteadyWrites(base, lives, server, { rate, seconds }) {
  const slots = lives.map((life) => ({ life, busy: false }));
  const health = [];
  let written = 0;
  let skipped = 0;
  let failure;
  await server.loopDelay(); // starts the count afresh
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const inFlight = new Set();

  const healthAgent = keepAlive();
  const probing = (async () => {
    while (performance.now() < deadline) {
      const tick = performance.now();
      const answer = await send(`${base}/healthz`, { agent: healthAgent });
      if (answer.status !== 200) throw new Error(`/healthz answered ${answer.status}`);
      health.push(answer.ms);
      await sleep(Math.max(0, 50 - (performance.now() - tick)));
    }
  })();

  for (let tick = 0; started + (tick * 1000) / rate < deadline; tick++) {
    await sleep(Math.max(0, started + (tick * 1000) / rate - performance.now()));
    const slot = slots.find((candidate) => !candidate.busy);
    if (!slot) {
      skipped++;
      continue;
    }
    slot.busy = true;
    const write = slot.life.next().then(
      () => {
        if (performance.now() <= deadline) written++;
        slot.busy = false;
        inFlight.delete(write);
      },
      (error) => {
        failure ??= error;
        inFlight.delete(write);
      },
    );
    inFlight.add(write);
  }
  await sleep(Math.max(0, deadline - performance.now()));
  const [loop] = await Promise.all([server.loopDelay(), probing]);
  await Promise.all(inFlight);
  if (failure) throw failure;
  healthAgent.destroy();
  return {
    writesPerSecond: written / seconds,
    skipped,
    healthCount: health.length,
    healthP99Ms: percentile(health, 99),
    healthMaxMs: Math.max(...health),
    loopP99Ms: loop.p99Ms,
    loopMaxMs: loop.maxMs,
  };
}
