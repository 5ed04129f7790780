import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../../test/helpers/test-app.js';

describeEachEngine('/api/v1 requests no route takes', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(database());
  });
  afterEach(() => t.close());

  /** The request with the test's API key, and without any. */
  const bothWays = async (path: string, init: RequestInit = {}): Promise<Response[]> => [
    await t.request(path, init),
    await t.app.request(path, { ...init, headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) } }),
  ];

  it('answers an unknown path with a 404 problem, with or without a key', async () => {
    for (const path of ['/api/v1/nope', '/api/v1/incidents/x/y', '/api/v1/', '/api/v1', '/api/v1/incidents/', '/api/v1/OPENAPI.json']) {
      for (const method of ['GET', 'POST', 'DELETE']) {
        for (const [i, res] of (await bothWays(path, { method, ...(method === 'POST' ? { body: '{}' } : {}) })).entries()) {
          const label = `${method} ${path} ${i === 0 ? 'with' : 'without'} a key`;
          expect(res.status, label).toBe(404);
          expect(res.headers.get('content-type'), label).toBe('application/problem+json');
          expect(await res.json(), label).toMatchObject({ type: 'https://beacon.dev/problems/not_found', status: 404, title: 'Not found' });
        }
      }
    }
  });

  it('answers a method a path does not take with a 405 problem and Allow, with or without a key', async () => {
    const incident = (await (await t.requestJson('POST', '/api/v1/incidents', { name: 'Down', message: 'Looking' })).json()) as {
      id: string;
    };
    const cases: [string, string, string][] = [
      ['PUT', '/api/v1/incidents', 'GET, HEAD, POST'],
      ['DELETE', '/api/v1/incidents', 'GET, HEAD, POST'],
      ['POST', `/api/v1/incidents/${incident.id}`, 'DELETE, GET, HEAD, PATCH'],
      ['GET', `/api/v1/incidents/${incident.id}/resolve`, 'POST'],
      ['OPTIONS', '/api/v1/components', 'GET, HEAD, POST'],
      ['POST', '/api/v1/openapi.json', 'GET, HEAD'],
      ['PATCH', '/api/v1/catalog/types/some-type/entries', 'GET, HEAD, POST, PUT'],
    ];
    for (const [method, path, allow] of cases) {
      for (const [i, res] of (
        await bothWays(path, { method, ...(method === 'GET' || method === 'OPTIONS' ? {} : { body: '{}' }) })
      ).entries()) {
        const label = `${method} ${path} ${i === 0 ? 'with' : 'without'} a key`;
        expect(res.status, label).toBe(405);
        expect(res.headers.get('allow'), label).toBe(allow);
        expect(res.headers.get('content-type'), label).toBe('application/problem+json');
        expect(await res.json(), label).toMatchObject({ type: 'https://beacon.dev/problems/method_not_allowed', status: 405 });
      }
    }
  });

  it('still asks for a key on a route that exists, and HEAD is answered wherever GET is', async () => {
    expect((await t.app.request('/api/v1/incidents')).status).toBe(401);
    expect((await t.app.request('/api/v1/incidents', { method: 'HEAD' })).status).toBe(401);
    expect((await t.request('/api/v1/incidents', { method: 'HEAD' })).status).toBe(200);
    expect((await t.app.request('/api/v1/openapi.json', { method: 'HEAD' })).status).toBe(200);
  });
});
