import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { buildWebhookRig } from '../../../test/helpers/webhook-fixtures.js';
import { startWebhookReceiver } from '../../../test/helpers/webhook-receiver.js';

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

describeEachEngine('/subscriptions/webhook', (database) => {
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  const rig = async (allowed?: string[]) => {
    const t = await buildWebhookRig(database(), allowed);
    const path = `/subscriptions/webhook?scope=${encodeURIComponent(`page:${t.pageId}`)}`;
    const post = (to: string, fields: Record<string, string>, ip = '203.0.113.7') =>
      t.app.request(to, {
        method: 'POST',
        headers: { origin: t.deps.config.publicUrl, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
        body: new URLSearchParams(fields).toString(),
      });
    return { ...t, path, post };
  };

  it('anyone subscribes a URL to a public page: the secret and a manage link are shown once; the manage link unsubscribes on POST only', async () => {
    const t = await rig();
    try {
      const form = await t.app.request(t.path);
      expect(form.status).toBe(200);
      expect(await form.text()).toContain('<label for="url">Webhook URL</label>');
      const created = await t.post(t.path, { url: `${receiver.url}/hook`, format: '' });
      expect(created.status).toBe(200);
      expect(created.headers.get('cache-control')).toBe('no-store');
      const html = await created.text();
      expect(html).toMatch(/whsec_[A-Za-z0-9+/=]{44}/);
      const manage = /href="(http[^"]+\/subscriptions\/webhook\/manage\/[^"]+)"/.exec(html)![1]!;
      const managePath = new URL(manage).pathname;
      const [row] = await database().db.selectFrom('webhook_endpoints').selectAll().execute();
      expect(row).toMatchObject({ created_by: 'form', format: 'beacon', state: 'active' });
      // SUB-3's rule for links: a GET changes nothing.
      expect((await t.app.request(managePath)).status).toBe(200);
      expect(await database().db.selectFrom('webhook_endpoints').selectAll().execute()).toHaveLength(1);
      expect((await t.post(managePath, {})).status).toBe(200);
      expect(await database().db.selectFrom('webhook_endpoints').selectAll().execute()).toHaveLength(0);
      // A forged token names nothing.
      expect((await t.app.request(`${managePath.slice(0, -4)}0000`)).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('refuses customer scopes, cross-site posts and (WH-2) loopback URLs, and rate limits per client IP (SUB-5)', async () => {
    const t = await rig([]);
    try {
      expect((await t.app.request('/subscriptions/webhook?scope=customer:abc')).status).toBe(404);
      expect((await t.app.request('/subscriptions/webhook?scope=page:nope')).status).toBe(404);
      const crossSite = await t.app.request(t.path, {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'url=https%3A%2F%2Fexample.com%2F',
      });
      expect(crossSite.status).toBe(403);
      const loopback = await t.post(t.path, { url: `${receiver.url}/hook` });
      expect(loopback.status).toBe(400);
      expect(await loopback.text()).toContain('cannot be delivered to');
      for (let i = 0; i < 4; i += 1) expect((await t.post(t.path, { url: `http://127.0.0.1:1/${i}` }, '198.51.100.9')).status).toBe(400);
      expect((await t.post(t.path, { url: `http://127.0.0.1:1/x` }, '198.51.100.9')).status).toBe(429);
      expect(await database().db.selectFrom('webhook_endpoints').selectAll().execute()).toHaveLength(0);
    } finally {
      await t.close();
    }
  });
});
