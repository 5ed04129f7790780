import http from 'node:http';
import { afterEach, expect, it } from 'vitest';
import { serveWeb } from '../../../../test/helpers/browser.js';
import { describeEachEngine } from '../../../../test/helpers/describe-each-engine.js';
import { KeepAliveConnection } from '../../../../test/helpers/keep-alive-client.js';
import { seedCustomerPages } from '../../../../test/helpers/customer-pages.js';
import { type TestApp, createTestApp } from '../../../../test/helpers/test-app.js';

/** A POST with an empty chunked body (`0\r\n\r\n`), as some clients send a body-less write. */
function postEmptyChunked(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describeEachEngine('the staff API reads JSON bodies only', (database) => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('refuses a write whose body is not JSON with 415 and says what to send; nothing is written', async () => {
    app = await createTestApp(database());
    for (const contentType of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
      const res = await app.request('/api/v1/components', { method: 'POST', headers: { 'content-type': contentType }, body: 'name=API' });
      expect(res.status, contentType).toBe(415);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(((await res.json()) as { detail: string }).detail).toMatch(/Content-Type: application\/json/);
    }
    const noType = await app.app.request('/api/v1/components', {
      method: 'POST',
      headers: { authorization: `Bearer ${app.token}` },
      body: '{"name":"API"}',
    });
    expect(noType.status).toBe(415);
    const list = await app.request('/api/v1/components');
    expect(((await list.json()) as { data: unknown[] }).data).toEqual([]);
  });

  it('takes JSON with parameters or a +json type, and writes without a body', async () => {
    app = await createTestApp(database());
    const created = await app.request('/api/v1/components', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ name: 'API' }),
    });
    expect(created.status).toBe(201);
    const merged = await app.request(`/api/v1/components/${((await created.json()) as { id: string }).id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ name: 'Public API' }),
    });
    expect(merged.status).toBe(200);
    const incident = await app.requestJson('POST', '/api/v1/incidents', { name: 'Down', message: 'Looking' });
    const { id } = (await incident.json()) as { id: string };
    const resolved = await app.app.request(`/api/v1/incidents/${id}/resolve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.token}` },
    });
    expect(resolved.status).toBe(200);
  });

  it('takes a body-less POST over real HTTP on every route whose body is optional: no body, Content-Length: 0, empty chunked, empty JSON', async () => {
    app = await createTestApp(database());
    const seeded = await seedCustomerPages(app.deps.ctx, app.deps.config.publicUrl);
    const served = await serveWeb(app.web);
    try {
      const auth = { Authorization: `Bearer ${app.token}`, Connection: 'close' };
      const created = async (path: string, body: unknown) =>
        ((await (await app!.requestJson('POST', path, body)).json()) as { id: string }).id;
      // The test clock stands at 2025-03-01T12:00Z: this window is in progress (to complete) and may be cancelled.
      const window = {
        name: 'W',
        component_ids: [seeded.sharedComponentId],
        scheduled_start: '2025-03-01T11:00:00Z',
        scheduled_end: '2025-03-01T13:00:00Z',
      };
      const routes: [string, () => Promise<string>][] = [
        ['resolve', async () => `/api/v1/incidents/${await created('/api/v1/incidents', { name: 'Down', message: 'Looking' })}/resolve`],
        ['complete', async () => `/api/v1/maintenances/${await created('/api/v1/maintenances', window)}/complete`],
        ['cancel', async () => `/api/v1/maintenances/${await created('/api/v1/maintenances', window)}/cancel`],
        ['rotate-token', async () => `/api/v1/customer-pages/${seeded.acme.customerPageId}/rotate-token`],
      ];
      const framings: [string, Record<string, string>][] = [
        ['no body, no Content-Length', {}],
        ['Content-Length: 0', { 'Content-Length': '0' }],
        ['no body, JSON type', { 'Content-Type': 'application/json' }],
        ['Content-Length: 0, JSON type', { 'Content-Type': 'application/json', 'Content-Length': '0' }],
      ];
      for (const [name, target] of routes) {
        for (const [framing, headers] of framings) {
          const connection = await KeepAliveConnection.open(served.origin);
          const { response } = await connection.send('POST', await target(), { ...auth, ...headers });
          connection.destroy();
          expect(response?.status, `${name}, ${framing}: ${response?.body.toString()}`).toBe(200);
        }
        expect(await postEmptyChunked(`${served.origin}${await target()}`, auth), `${name}, empty chunked`).toBe(200);
      }
      // A body that is there and is not JSON is still refused.
      const connection = await KeepAliveConnection.open(served.origin);
      const { response } = await connection.send('POST', await routes[0]![1](), { ...auth, 'Content-Type': 'text/plain' }, 'done');
      connection.destroy();
      expect(response?.status).toBe(415);
    } finally {
      await served.close();
    }
  });
});
