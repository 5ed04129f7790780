import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../../../test/helpers/describe-each-engine.js';
import { buildWebhookRig } from '../../../../../test/helpers/webhook-fixtures.js';
import { startWebhookReceiver } from '../../../../../test/helpers/webhook-receiver.js';
import { createApiKey } from '../../../../services/sessions/api-keys.js';
import { createWebhookChannel } from '../../../../services/webhooks/webhook-channel.js';

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

describeEachEngine('/api/v1/webhooks', (database) => {
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('staff subscribe, list, disable, rotate, read the delivery log, replay and delete', async () => {
    const t = await buildWebhookRig(database());
    try {
      const scope = `page:${t.pageId}`;
      const created = await t.requestJson('POST', '/api/v1/webhooks', { scope, url: `${receiver.url}/hook` });
      expect(created.status).toBe(201);
      expect(created.headers.get('cache-control')).toBe('no-store');
      const endpoint = (await created.json()) as { id: string; secret: string; format: string; state: string };
      expect(endpoint).toMatchObject({ format: 'beacon', state: 'active', secret: expect.stringMatching(/^whsec_/) });

      const listed = (await (await t.request(`/api/v1/webhooks?scope=${encodeURIComponent(scope)}`)).json()) as { data: object[] };
      expect(listed.data).toEqual([expect.objectContaining({ id: endpoint.id, url: `${receiver.url}/hook` })]);
      expect(JSON.stringify(listed)).not.toContain('whsec_');

      const rotated = (await (await t.request(`/api/v1/webhooks/${endpoint.id}/rotate-secret`, { method: 'POST' })).json()) as {
        secret: string;
      };
      expect(rotated.secret).not.toBe(endpoint.secret);

      const { incidentId, updateId } = await t.declare();
      await createWebhookChannel(t.webhookDeps).fanOut(t.deps.ctx, {
        id: 'n1',
        event: { type: 'incident.update', incidentId, updateId },
        componentIds: new Set([t.componentId]),
        scopes: [scope],
        at: t.deps.ctx.clock(),
        content: { title: 'Incident', status: 'investigating', message: null, componentNames: [] },
      });
      receiver.answerNext({ status: 500, body: 'x'.repeat(5000) });
      await t.deliver();
      const log = (await (await t.request(`/api/v1/webhooks/${endpoint.id}/deliveries`)).json()) as {
        data: { id: string; status_code: number; response_excerpt: string; outcome: string }[];
      };
      // WH-3: staff see a capped excerpt of what the receiver answered.
      expect(log.data[0]).toMatchObject({ status_code: 500, outcome: 'failed' });
      expect(log.data[0]!.response_excerpt).toHaveLength(1024);

      expect((await t.request(`/api/v1/webhooks/${endpoint.id}/deliveries/${log.data[0]!.id}/replay`, { method: 'POST' })).status).toBe(
        202,
      );

      const disabled = await t.requestJson('PATCH', `/api/v1/webhooks/${endpoint.id}`, { state: 'disabled', reason: 'maintenance' });
      expect(await disabled.json()).toMatchObject({ state: 'disabled', disabled_reason: 'maintenance' });
      expect((await t.request(`/api/v1/webhooks/${endpoint.id}`, { method: 'DELETE' })).status).toBe(204);
      expect((await t.request(`/api/v1/webhooks/${endpoint.id}`)).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('refuses bad scopes, URLs and formats with 4xx problems, and a viewer may only read', async () => {
    const t = await buildWebhookRig(database());
    try {
      const scope = `page:${t.pageId}`;
      for (const body of [
        { scope: 'nonsense', url: `${receiver.url}/x` },
        { scope, url: 'ftp://example.com/x' },
        { scope, url: `${receiver.url}/x`, format: 'xml' },
        { scope, url: `${receiver.url}/x`, extra: 1 },
      ]) {
        const response = await t.requestJson('POST', '/api/v1/webhooks', body);
        expect([JSON.stringify(body), response.status]).toEqual([JSON.stringify(body), 400]);
        expect(response.headers.get('content-type')).toBe('application/problem+json');
      }
      expect((await t.requestJson('POST', '/api/v1/webhooks', { scope: 'page:missing', url: `${receiver.url}/x` })).status).toBe(404);
      const { token } = await createApiKey(t.deps.ctx, { name: 'v', role: 'viewer' }, 'test');
      const asViewer = await t.app.request('/api/v1/webhooks', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ scope, url: `${receiver.url}/x` }),
      });
      expect(asViewer.status).toBe(403);
    } finally {
      await t.close();
    }
  });
});
