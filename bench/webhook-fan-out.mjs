// Webhook fan-out bench: N endpoints (default 10,000; WEBHOOK_BENCH_ENDPOINTS) on one page, all pointed at
// one local receiver, one incident fanned out and delivered through the outbox worker. Prints the
// fan-out time, deliveries a second and the peak RSS of this process (which runs Beacon and the receiver).
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../dist/config/load-config.js';
import { createApiKey } from '../dist/services/sessions/api-keys.js';
import { runOutboxOnce } from '../dist/services/outbox/outbox-worker.js';
import { createWebhookChannel } from '../dist/services/webhooks/webhook-channel.js';
import { createWebhookDeliveryHandler } from '../dist/services/webhooks/webhook-delivery.js';
import { createWebhookDeps } from '../dist/services/webhooks/webhook-deps.js';
import { createWebhookEndpoint } from '../dist/services/webhooks/webhook-endpoints.js';
import { WEBHOOK_DELIVERY_KIND } from '../dist/services/webhooks/webhook-message.js';
import { migrateDatabase, openDatabase } from '../dist/store/database.js';
import { createWebServer } from '../dist/web/server.js';

const ENDPOINTS = Number(process.env.WEBHOOK_BENCH_ENDPOINTS ?? 10_000);
const BATCH = 50;

let peakRss = process.memoryUsage.rss();
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 25);

let received = 0;
const receiver = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    received += 1;
    response.writeHead(204).end();
  });
});
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${receiver.address().port}`;

const dir = mkdtempSync(join(tmpdir(), 'beacon-webhook-bench-'));
const config = loadConfig({
  BEACON_DATA_DIR: dir,
  BEACON_SECRET: 'x'.repeat(40),
  WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8',
  LOG_LEVEL: 'silent',
});
const database = openDatabase(config.databaseUrl, {
  busyTimeoutMs: config.busyTimeoutMs,
  statementCache: config.caches.statementCache,
  synchronous: config.sqliteSynchronous,
});
await migrateDatabase(database);
const logger = pino({ level: 'silent' });
const web = createWebServer({ database, config, logger, clock: () => new Date() });
const { ctx, snapshots } = web.deps;
const { token } = await createApiKey(ctx, { name: 'bench' }, 'bench');
const api = async (method, path, body) => {
  const response = await web.app.request(`/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.json();
};
const component = await api('POST', '/components', { name: 'API' });
const page = await api('POST', '/pages', { slug: 'status', name: 'Bench', items: [{ type: 'component', component_id: component.id }] });
const deps = createWebhookDeps(ctx, { secret: config.secret, publicUrl: config.publicUrl, ...config.webhooks }, snapshots);
const scope = `page:${page.id}`;

let started = performance.now();
for (let i = 0; i < ENDPOINTS; i += 1)
  await createWebhookEndpoint(deps, { scope, url: `${receiverUrl}/hook/${i}`, createdBy: 'cli' }, 'cli');
const subscribeSeconds = (performance.now() - started) / 1000;

const incident = await api('POST', '/incidents', {
  name: 'Bench incident',
  message: 'Fanned out',
  components: [{ component_id: component.id, impact: 'full_outage' }],
});
const rssBefore = process.memoryUsage.rss();
started = performance.now();
const queued = await createWebhookChannel(deps).fanOut(ctx, {
  id: 'bench-notice',
  event: { type: 'incident.update', incidentId: incident.id, updateId: incident.updates[0].id },
  componentIds: new Set([component.id]),
  scopes: [scope],
  at: new Date(),
});
const fanOutSeconds = (performance.now() - started) / 1000;

const handlers = { [WEBHOOK_DELIVERY_KIND]: createWebhookDeliveryHandler(deps) };
started = performance.now();
let sent = 0;
for (;;) {
  const round = await runOutboxOnce(ctx, { handlers, logger, batchSize: BATCH });
  sent += round.sent;
  if (round.claimed === 0) break;
}
const deliverSeconds = (performance.now() - started) / 1000;
clearInterval(sampler);

console.log(
  JSON.stringify(
    {
      endpoints: ENDPOINTS,
      subscribeSeconds: +subscribeSeconds.toFixed(1),
      queued,
      fanOutSeconds: +fanOutSeconds.toFixed(2),
      sent,
      received,
      deliverSeconds: +deliverSeconds.toFixed(1),
      deliveriesPerSecond: Math.round(sent / deliverSeconds),
      rssBeforeFanOutMb: Math.round(rssBefore / 1048576),
      peakRssMb: Math.round(peakRss / 1048576),
      outboxBatch: BATCH,
    },
    null,
    2,
  ),
);
await web.close();
await database.close();
receiver.close();
rmSync(dir, { recursive: true, force: true });
