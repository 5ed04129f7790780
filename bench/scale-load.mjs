// The scale bench's three measurements, all over HTTP against a running Beacon:
//   `GET /` right after each of a single client's writes · writes from several writers as fast as
//   they go · a steady 50 writes/s with `/healthz` probed and the server's event loop measured.
// `GET /` goes first, so that the figure never depends on how many incidents the other measurements
// managed to declare: its writes are updates to an open incident on the default page (whose card
// shows only the latest update). As in a long outage, an incident takes UPDATES_PER_INCIDENT updates,
// then is resolved (its timeline joins the page's recent incidents, so the page grows as the run goes
// on) and the next one declared; each of those writes is timed too. One incident taking every update
// of the run would time re-reading an incident of hundreds of updates, which no outage has. Their writes are steps of incidents'
// lives (declared investigating, then identified, monitoring, resolved; then the next), on components
// taken across the whole organisation as the seeded history's are, so open incidents never pile up.
import { expectStatus, keepAlive, percentile, send } from './scale-http.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const STEPS = ['identified', 'monitoring', 'resolved'];
/** Untimed write-then-GET rounds first: the server has just started, and its code is not yet compiled hot. */
const GET_WARMUP_ROUNDS = 5;
/** Updates an incident of the `GET /` measurement takes before it is resolved and the next one declared. */
const UPDATES_PER_INCIDENT = 40;

/** The API at `base` with a staff key. */
export function apiClient(base, apiKey) {
  const headers = { Authorization: `Bearer ${apiKey}` };
  return {
    base,
    get: (path, agent) =>
      expectStatus(200, `${base}/api/v1${path}`, { headers, agent }).then((answer) => JSON.parse(answer.body.toString())),
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

/** Every component of the organisation, through the staff API. */
export async function allComponentIds(api) {
  const { data } = await api.get('/components');
  return data.map((component) => component.id);
}

/**
 * One writer's incidents, one write per `next()`; each new incident hits the component `stride`
 * places after the previous one's (from `offset`), so the writers spread over the organisation.
 * Lives carry on from one measurement to the next, so open incidents never outnumber the lives.
 */
export function incidentLife(api, componentIds, label, offset, stride = 37) {
  const agent = keepAlive();
  let declared = 0;
  let incident = null;
  let step = 0;
  return {
    /** Makes the next write; resolves with its response. */
    async next() {
      if (incident === null) {
        const componentId = componentIds[(offset + stride * declared++) % componentIds.length];
        const body = {
          name: `${label} incident ${declared}`,
          message: 'Investigating slow responses.',
          components: [{ component_id: componentId, impact: 'partial_outage' }],
        };
        const answer = await api.post('/incidents', body, agent);
        incident = JSON.parse(answer.body.toString()).id;
        step = 0;
        return answer;
      }
      const status = STEPS[step++];
      const answer = await api.post(`/incidents/${incident}/updates`, { status, message: `Now ${status}.` }, agent);
      if (status === 'resolved') incident = null;
      return answer;
    },
    close: () => agent.destroy(),
  };
}

/**
 * One client posts an update to an open incident on the default page's first component (alternating
 * its impact; every UPDATES_PER_INCIDENT updates it resolves it and declares the next), and as soon as
 * the write is answered GETs `/`, timing the GET. The page must come back
 * re-rendered: a new ETag each time, showing the update just written. Runs for `seconds` and at least
 * `minSamples` GETs, at most twice `seconds`.
 */
export async function measureGetAfterWrite(api, componentId, { seconds, minSamples }) {
  const agent = keepAlive();
  const declare = async (message) => {
    const body = { name: 'Bench: the page after a write', message, components: [{ component_id: componentId, impact: 'partial_outage' }] };
    return JSON.parse((await api.post('/incidents', body, agent)).body.toString()).id;
  };
  let incident = await declare('Check 0.');
  let updates = 0;
  let etag = (await expectStatus(200, `${api.base}/`, { agent })).headers.etag;
  const latencies = [];
  let bytes = 0;
  let started;
  const enough = () => {
    const elapsed = performance.now() - started;
    return elapsed > 2 * seconds * 1000 || (elapsed > seconds * 1000 && latencies.length >= minSamples);
  };
  for (let round = 1; started === undefined || !enough(); round++) {
    const message = `Check ${round}.`;
    const impact = round % 2 === 0 ? 'partial_outage' : 'degraded_performance';
    if (incident === null) {
      incident = await declare(message);
      updates = 0;
    } else {
      const status = ++updates === UPDATES_PER_INCIDENT ? 'resolved' : round % 2 === 0 ? 'identified' : 'monitoring';
      const update = status === 'resolved' ? { status, message } : { status, message, components: [{ component_id: componentId, impact }] };
      await api.post(`/incidents/${incident}/updates`, update, agent);
      if (status === 'resolved') incident = null;
    }
    const page = await send(`${api.base}/`, { agent });
    if (page.status !== 200) throw new Error(`GET / after a write answered ${page.status}`);
    if (page.headers.etag === etag) throw new Error('GET / after a write sent the page from before the write (same ETag)');
    if (!page.body.includes(message)) throw new Error(`GET / after posting "${message}" does not show it`);
    etag = page.headers.etag;
    bytes = page.body.length;
    if (round === GET_WARMUP_ROUNDS) started = performance.now();
    if (round > GET_WARMUP_ROUNDS) latencies.push(page.ms);
  }
  agent.destroy();
  return { count: latencies.length, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), bytes };
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
  return {
    count: latencies.length,
    perSecond: latencies.length / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
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
