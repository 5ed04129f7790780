import pino from 'pino';
import { runOutboxOnce } from '../../src/services/outbox/outbox-worker.js';
import { createWebhookDeliveryHandler } from '../../src/services/webhooks/webhook-delivery.js';
import { createWebhookDeps } from '../../src/services/webhooks/webhook-deps.js';
import { WEBHOOK_DELIVERY_KIND } from '../../src/services/webhooks/webhook-message.js';
import type { Database } from '../../src/store/database.js';
import { createTestApp } from './test-app.js';

/**
 * The whole app with a page `status` of one component `API`, webhook services over it, and an outbox
 * round that delivers webhooks. `allowedCidrs` is WEBHOOK_ALLOWED_CIDRS: loopback by default, so tests reach
 * their receiver on 127.0.0.1 (WH-2 refuses it unless staff allow it).
 */
export async function buildWebhookRig(database: Database, allowedCidrs: string[] = ['127.0.0.0/8']) {
  const t = await createTestApp(database, { env: { WEBHOOK_ALLOWED_CIDRS: allowedCidrs.join(','), WEBHOOK_TIMEOUT_MS: '2000' } });
  const json = async (response: Response | Promise<Response>) =>
    (await (await response).json()) as Record<string, unknown> & { id: string };
  const component = await json(t.requestJson('POST', '/api/v1/components', { name: 'API' }));
  const page = await json(
    t.requestJson('POST', '/api/v1/pages', {
      slug: 'status',
      name: 'Acme Status',
      items: [{ type: 'component', component_id: component.id }],
    }),
  );
  const deps = createWebhookDeps(
    t.deps.ctx,
    { secret: t.deps.config.secret, publicUrl: t.deps.config.publicUrl, ...t.deps.config.webhooks },
    t.deps.snapshots,
  );
  const handlers = { [WEBHOOK_DELIVERY_KIND]: createWebhookDeliveryHandler(deps) };
  const deliver = () => runOutboxOnce(t.deps.ctx, { handlers, logger: pino({ level: 'silent' }), batchSize: 50 });
  /** Declares an incident on `API` and answers its id and its first update's id. */
  const declare = async (name = 'API down') => {
    const incident = (await json(
      t.requestJson('POST', '/api/v1/incidents', {
        name,
        message: 'Looking into it',
        components: [{ component_id: component.id, impact: 'partial_outage' }],
        // The tests hand notices to the webhook channel themselves; no fan-out message of the write's own.
        notify: false,
      }),
    )) as unknown as { id: string; updates: { id: string }[] };
    return { incidentId: incident.id, updateId: incident.updates[0]!.id };
  };
  return { ...t, webhookDeps: deps, componentId: component.id, pageId: page.id, deliver, declare, json };
}
