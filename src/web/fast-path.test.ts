import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/databases.js';
import { type RawAnswer, rawRequest } from '../../test/helpers/raw-http.js';
import { type TestApp, createTestApp } from '../../test/helpers/test-app.js';
import { useServedBeacon } from '../../test/helpers/served-beacon.js';
import { createComponent } from '../services/status/components.js';
import type { ServiceContext } from '../services/context.js';
import { scheduleMaintenance } from '../services/status/maintenances.js';
import { createPage } from '../services/pages/pages.js';
import type { Database } from '../store/database.js';
import type { Listening } from './server.js';

/** The header lines that must match between the two paths: all but the date and the request id. */
const comparable = (answer: RawAnswer): string[] => answer.lines.filter((line) => !/^(date|x-request-id):/i.test(line));

async function seedPage(ctx: ServiceContext, options: { maintenanceAt?: Date } = {}) {
  const api = await createComponent(ctx, { name: 'Public API' });
  await createPage(ctx, {
    slug: 'acme',
    name: 'Acme',
    isDefault: true,
    items: [{ kind: 'component', componentId: api.id, showUptime: true }],
  });
  if (options.maintenanceAt) {
    await scheduleMaintenance(ctx, {
      name: 'Database upgrade',
      componentIds: [api.id],
      scheduledStart: options.maintenanceAt,
      scheduledEnd: new Date(options.maintenanceAt.getTime() + 3_600_000),
    });
  }
  return { api };
}

describe('the fast path in front of the app (beacon serve)', () => {
  const serve = useServedBeacon();

  async function start() {
    const { server, seeded, token, lines } = await serve((ctx) => seedPage(ctx));
    /** Access-log lines of requests the app (not the fast path) answered for `path`. */
    const appLogged = (path: string) => lines.filter((line) => line.msg === 'request' && line.path === path).length;
    return { server, url: server.url, api: seeded.api, token, lines, appLogged };
  }

  it('answers with the same status, headers and bytes as the app, by encoding, for GET, HEAD and If-None-Match', async () => {
    const { url, appLogged } = await start();
    const first = await rawRequest(`${url}/acme`);
    expect(first.status).toBe(200);
    expect(appLogged('/acme')).toBe(1);

    // A Cookie always goes to the app; the same request without one is answered by the fast path.
    const viaApp = (headers: Record<string, string> = {}, method = 'GET') =>
      rawRequest(`${url}/acme`, { ...headers, cookie: 'theme=dark' }, method);
    const viaFastPath = (headers: Record<string, string> = {}, method = 'GET') => rawRequest(`${url}/acme`, headers, method);

    const fast = await viaFastPath();
    expect(appLogged('/acme')).toBe(1);
    expect(comparable(fast)).toEqual(comparable(first));
    expect(fast.body.equals(first.body)).toBe(true);
    expect(fast.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(fast.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    expect(fast.headers['x-content-type-options']).toBe('nosniff');

    // A client that takes brotli gets it from the first request on (the app waits for the forms while
    // the fast path stands aside); then both paths send each form with its own ETag.
    expect((await viaFastPath({ 'accept-encoding': 'gzip, deflate, br' })).headers['content-encoding']).toBe('br');
    const before = appLogged('/acme');
    for (const acceptEncoding of ['gzip, deflate, br', 'gzip', 'identity']) {
      const headers = { 'accept-encoding': acceptEncoding, 'x-request-id': 'trace-123' };
      const [app, hot] = [await viaApp(headers), await viaFastPath(headers)];
      expect(comparable(hot), acceptEncoding).toEqual(comparable(app));
      expect(hot.body.equals(app.body), acceptEncoding).toBe(true);
      expect(hot.headers['x-request-id']).toBe('trace-123');

      const etag = hot.headers.etag!;
      const [app304, hot304] = [
        await viaApp({ ...headers, 'if-none-match': etag }),
        await viaFastPath({ ...headers, 'if-none-match': etag }),
      ];
      expect([app304.status, hot304.status]).toEqual([304, 304]);
      expect(comparable(hot304)).toEqual(comparable(app304));
      expect(hot304.body.length).toBe(0);

      // HEAD: the app lower-cases its names (it answers HEAD through a Headers object), so compare by name.
      const [appHead, hotHead] = [await viaApp(headers, 'HEAD'), await viaFastPath(headers, 'HEAD')];
      const byName = (answer: RawAnswer) =>
        comparable(answer)
          .map((line) => line.replace(/^[^:]+/, (name) => name.toLowerCase()))
          .sort();
      expect(byName(hotHead)).toEqual(byName(appHead));
      expect(hotHead.body.length).toBe(0);
    }
    // Only the requests with a cookie reached the app.
    expect(appLogged('/acme')).toBe(before + 3 * 3);
  }, 30_000);

  it('never answers the staff dashboard: every /admin request, repeated, goes to the app', async () => {
    const { url, appLogged } = await start();
    for (const path of ['/admin', '/admin/sign-in', '/admin/auth', '/admin/staff']) {
      for (let i = 0; i < 3; i++) await rawRequest(`${url}${path}`);
      await rawRequest(`${url}${path}`, { cookie: '__Host-beacon-staff=x' });
      expect([path, appLogged(path)]).toEqual([path, 4]);
    }
  });

  it('stops serving a page the moment a write changes it, and never takes stray query strings', async () => {
    const { server, url, api, token, lines, appLogged } = await start();
    await rawRequest(`${url}/acme`);
    await rawRequest(`${url}/acme`);
    expect(appLogged('/acme')).toBe(1);

    const created = await fetch(`${url}/api/v1/incidents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Elevated errors',
        message: 'Looking into it.',
        components: [{ component_id: api.id, impact: 'partial_outage' }],
      }),
    });
    expect(created.status).toBe(201);
    const after = await rawRequest(`${url}/acme`);
    expect(after.body.toString()).toContain('Elevated errors');
    expect(appLogged('/acme')).toBe(2);
    await rawRequest(`${url}/acme`);
    expect(appLogged('/acme')).toBe(2);

    // Extra query parameters are not the page's cache key: the app answers every such request.
    await rawRequest(`${url}/acme?utm_source=mail`);
    await rawRequest(`${url}/acme?utm_source=mail`);
    expect(appLogged('/acme')).toBe(4);

    // Closing flushes the fast path's summary lines (closing again after the test does nothing).
    await server.close();
    const summaries = lines.filter((line) => line.fastPath === true);
    expect(summaries).toEqual([expect.objectContaining({ method: 'GET', path: '/acme', status: 200, count: 2 })]);
    expect(JSON.stringify(lines)).not.toContain('utm_source');
  }, 30_000);
});

describe('the fast path and the clock', () => {
  let database: Database | undefined;
  let testApp: TestApp | undefined;
  let served: Listening | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (served ? served.server.close(resolve) : resolve(undefined)));
    await testApp?.close();
    await database?.close();
    served = testApp = database = undefined;
  });

  it('stops serving a page when its clock epoch ends (a maintenance window starts)', async () => {
    database = await createTestDatabase('sqlite');
    const now = new Date('2026-03-20T12:00:00.000Z');
    testApp = await createTestApp(database, { now });
    await seedPage(testApp.deps.ctx, { maintenanceAt: new Date(now.getTime() + 30 * 60_000) });
    await testApp.deps.snapshots.fresh();
    served = await testApp.web.listen({ port: 0, host: '127.0.0.1' });
    const hot = testApp.deps.hotResponses;

    const before = await rawRequest(`${served.url}/acme`);
    expect(before.body.toString()).not.toContain('Maintenance in progress');
    expect(hot.lookup('/acme')).toBeDefined();

    testApp.advance(30 * 60_000);
    expect(hot.lookup('/acme')).toBeUndefined();
    const during = await rawRequest(`${served.url}/acme`);
    expect(during.body.toString()).toContain('Maintenance in progress');
    expect(hot.lookup('/acme')?.response.joinedBody().equals(during.body)).toBe(true);
  }, 30_000);
});
