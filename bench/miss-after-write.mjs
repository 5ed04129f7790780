// Over HTTP, against a running Beacon: the first GET of each path right after a write, which must be
// re-rendered (the write moved the revision). Declares an incident on the default page's first
// component through the staff API, then, `iterations` times, posts an update to it and GETs each path
// once (identity, as wrk asks), in turn, checking each answer that shows the message is new. Latency is the client's: the
// request through the server's routing, the render, the cache entry and the bytes.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function request(url, { method = 'GET', headers = {}, json } = {}) {
  return new Promise((resolve, reject) => {
    const body = json === undefined ? undefined : JSON.stringify(json);
    const started = performance.now();
    const req = http.request(
      url,
      { method, agent, headers: body ? { ...headers, 'Content-Type': 'application/json' } : headers },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode, etag: res.headers.etag, body: Buffer.concat(chunks), ms: performance.now() - started }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** @returns per path: p50 and p99 of the GET right after a write, in ms. */
export async function measureMissAfterWrite({ beacon, auth, paths, iterations = 100 }) {
  const api = async (method, path, json) => {
    const answer = await request(`${beacon}/api/v1${path}`, { method, headers: auth, json });
    if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${answer.body}`);
    return JSON.parse(answer.body.toString());
  };
  const pages = (await api('GET', '/pages')).data;
  const home = pages.find((page) => page.is_default) ?? pages[0];
  const [first] = home.items;
  if (!first) throw new Error('the default page lists nothing');
  const componentId = first.type === 'component' ? first.component_id : (await api('GET', `/groups/${first.group_id}`)).component_ids[0];
  const incident = await api('POST', '/incidents', {
    name: 'Bench: the first read after a write',
    message: 'Check 0.',
    components: [{ component_id: componentId, impact: 'degraded_performance' }],
  });
  const samples = new Map(paths.map((path) => [path, []]));
  const etags = new Map();
  for (let i = 1; i <= iterations + 5; i++) {
    await api('POST', `/incidents/${incident.id}/updates`, { status: i % 2 ? 'identified' : 'monitoring', message: `Check ${i}.` });
    for (const path of paths) {
      const answer = await request(`${beacon}${path}`);
      if (answer.status !== 200) throw new Error(`GET ${path} after a write answered ${answer.status}`);
      // A badge reads the same after most updates (its status, not the message): re-rendered all the same.
      if (answer.etag === etags.get(path) && !path.endsWith('.svg'))
        throw new Error(`GET ${path} after a write was not re-rendered (same ETag)`);
      etags.set(path, answer.etag);
      if (i > 5) samples.get(path).push(answer.ms); // the first few warm the JIT
    }
  }
  await api('POST', `/incidents/${incident.id}/resolve`, { message: 'Done.' });
  agent.destroy();
  return paths.map((path) => {
    const sorted = samples.get(path).sort((a, b) => a - b);
    return { path, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  });
}
