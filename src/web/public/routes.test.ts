import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, expect, it, vi } from 'vitest';
import { describeOnSqlite } from '../../../test/helpers/describe-each-engine.js';
import { createTestApp } from '../../../test/helpers/test-app.js';
import { createComponent } from '../../services/status/components.js';
import type { ServiceContext } from '../../services/context.js';
import { createIncident, postIncidentUpdate } from '../../services/status/incidents.js';
import { scheduleMaintenance } from '../../services/status/maintenances.js';
import { createPage } from '../../services/pages/pages.js';
import type { Database } from '../../store/database.js';
import { SCRIPT, STYLESHEET } from './render.js';
import { RenderCache } from '../render-cache.js';
import { PUBLIC_CACHE, createPublicRoutes } from './routes.js';
import { TEST_CACHES } from '../../../test/helpers/test-config.js';

const HTML = { accept: 'text/html' };

/** The whole app over a fresh database, on a clock the test moves, with the snapshot wired to writes. */
async function buildApp(database: Database) {
  const testApp = await createTestApp(database, { now: new Date('2025-03-03T12:00:00.000Z') });
  return {
    ctx: testApp.deps.ctx,
    close: testApp.close,
    advance: testApp.advance,
    get: (path: string, headers: Record<string, string> = {}, method = 'GET') =>
      Promise.resolve(testApp.app.request(path, { method, headers: { ...HTML, ...headers } })),
  };
}

type TestHttpApp = Awaited<ReturnType<typeof buildApp>>;

/** GET `path` until it comes back in `encoding`: compressed forms are made off the request path, so the first answers are identity. */
async function getEncoded(
  app: TestHttpApp,
  path: string,
  encoding: 'br' | 'gzip',
  headers: Record<string, string> = {},
): Promise<Response> {
  let res: Response | undefined;
  await vi.waitFor(
    async () => {
      res = await app.get(path, { 'accept-encoding': encoding === 'br' ? 'gzip, deflate, br' : 'gzip', ...headers });
      expect(res.headers.get('content-encoding')).toBe(encoding);
    },
    // An upper bound on a failure, not a timing claim: on a loaded machine the one compression queue may be busy for seconds.
    { timeout: 15_000, interval: 10 },
  );
  return res!;
}

async function seedPage(ctx: ServiceContext) {
  const api = await createComponent(ctx, { name: 'Public API' });
  const hidden = await createComponent(ctx, { name: 'Internal Billing' });
  const page = await createPage(ctx, {
    slug: 'acme',
    name: 'Acme Status',
    isDefault: true,
    items: [{ kind: 'component', componentId: api.id, showUptime: true }],
  });
  return { api, hidden, page };
}

describeOnSqlite('public routes', (database) => {
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('serves the default page at / and at its slug, with public caching headers', async () => {
    app = await buildApp(database());
    await seedPage(app.ctx);
    for (const path of ['/', '/acme']) {
      const res = await app.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe(PUBLIC_CACHE.cacheControl);
      expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/);
      expect(res.headers.get('vary')).toBe('Accept-Encoding');
      const html = await res.text();
      expect(html).toContain('Acme Status');
      expect(html).toContain('Public API');
      expect(html).not.toContain('Internal Billing');
    }
  });

  it('shows a write made through the services on the very next request', async () => {
    app = await buildApp(database());
    const { api } = await seedPage(app.ctx);
    const before = await app.get('/acme');
    expect(await before.text()).not.toContain('Elevated error rates');

    const incident = await createIncident(app.ctx, {
      name: 'Elevated error rates',
      status: 'investigating',
      message: 'We are looking into it.',
      impacts: [{ componentId: api.id, impact: 'partial_outage' }],
    });
    const after = await app.get('/acme');
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(await after.text()).toContain('Elevated error rates');

    await postIncidentUpdate(app.ctx, incident.id, { status: 'identified', message: 'A bad deploy; rolling back.' });
    expect(await (await app.get(`/acme/incidents/${incident.id}`)).text()).toContain('A bad deploy; rolling back.');
  });

  it('answers 304 to If-None-Match and sends brotli or gzip by Accept-Encoding', async () => {
    app = await buildApp(database());
    await seedPage(app.ctx);
    const identity = await app.get('/acme');
    const etag = identity.headers.get('etag') ?? '';
    const html = await identity.text();

    const notModified = await app.get('/acme', { 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');

    const br = await getEncoded(app, '/acme', 'br');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(html);
    const brEtag = br.headers.get('etag') ?? '';
    expect((await app.get('/acme', { 'accept-encoding': 'br', 'if-none-match': brEtag })).status).toBe(304);

    const gzip = await getEncoded(app, '/acme', 'gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(html);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    app = await buildApp(database());
    await seedPage(app.ctx);
    const get = await app.get('/acme');
    const head = await app.get('/acme', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
    expect(head.headers.get('content-length')).toBe(get.headers.get('content-length'));
    expect(await head.text()).toBe('');
  });

  it('shows an incident on its page, and a 404 page for anything not on it', async () => {
    app = await buildApp(database());
    const { api, hidden } = await seedPage(app.ctx);
    const shown = await createIncident(app.ctx, {
      name: 'Slow responses',
      status: 'monitoring',
      message: 'Latency is back to normal; watching.',
      impacts: [{ componentId: api.id, impact: 'degraded_performance' }],
    });
    const elsewhere = await createIncident(app.ctx, {
      name: 'Invoices delayed',
      status: 'investigating',
      message: 'Billing runs late.',
      impacts: [{ componentId: hidden.id, impact: 'full_outage' }],
    });

    const res = await app.get(`/acme/incidents/${shown.id}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Latency is back to normal; watching.');

    for (const path of [
      `/acme/incidents/${elsewhere.id}`,
      '/acme/incidents/nosuchincident00',
      '/nosuchpage',
      '/nosuchpage/history',
      '/acme/history?month=March',
      '/assets/nothing.css',
    ]) {
      const missing = await app.get(path);
      expect(missing.status, path).toBe(404);
      expect(missing.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
      expect(missing.headers.get('cache-control'), path).toBe(PUBLIC_CACHE.cacheControl);
      expect(await missing.text(), path).not.toContain('Invoices delayed');
    }
  });

  it('serves the history of a page by month', async () => {
    app = await buildApp(database());
    const { api } = await seedPage(app.ctx);
    await createIncident(app.ctx, {
      name: 'Login failures',
      status: 'resolved',
      message: 'Fixed.',
      impacts: [{ componentId: api.id, impact: 'full_outage' }],
    });
    for (const path of ['/acme/history', '/acme/history?month=2025-03']) {
      const res = await app.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control')).toBe(PUBLIC_CACHE.cacheControl);
      expect(await res.text(), path).toContain('Login failures');
    }
    const february = await app.get('/acme/history?month=2025-02');
    if (february.status === 200) expect(await february.text()).not.toContain('Login failures');
  });

  it('answers months no history can hold with the one shared 404 entry', async () => {
    app = await buildApp(database());
    await seedPage(app.ctx);
    const shared = (await app.get('/nosuchpage')).headers.get('etag');
    for (const month of ['1234-05', '2024-12', '2025-05', '9999-12']) {
      const res = await app.get(`/acme/history?month=${month}`);
      expect(res.status, month).toBe(404);
      expect(res.headers.get('etag'), month).toBe(shared);
    }
  });

  it('answers months before a page’s own history (another page’s months) and junk months with the shared 404 entry, adding no entry', async () => {
    const testApp = await createTestApp(database(), { now: new Date('2025-03-03T12:00:00.000Z') });
    try {
      const { ctx } = testApp.deps;
      await seedPage(ctx);
      testApp.advance(62 * 24 * 60 * 60_000); // 2025-05-04
      const edge = await createComponent(ctx, { name: 'Edge' });
      await createPage(ctx, { slug: 'edge', name: 'Edge', items: [{ kind: 'component', componentId: edge.id, showUptime: true }] });
      const cache = new RenderCache({ ...TEST_CACHES.renderCache, clock: ctx.clock });
      const routes = createPublicRoutes(testApp.deps, { cache });
      const get = async (path: string) => routes.request(path, { headers: HTML });
      expect((await get('/acme/history?month=2025-03')).status).toBe(200);
      expect((await get('/edge/history?month=2025-05')).status).toBe(200);
      expect((await get('/nosuchpage')).status).toBe(404);
      const entries = cache.size;
      // 2025-03 and 2025-04 are history on /acme, not on /edge.
      for (const month of ['2025-03', '2025-04', '2025-06', '1000-06', '0001-01'])
        expect((await get(`/edge/history?month=${month}`)).status, month).toBe(404);
      expect(cache.size).toBe(entries);
    } finally {
      await testApp.close();
    }
  });

  it('re-renders when the clock starts a maintenance window, with no write', async () => {
    app = await buildApp(database());
    const { api } = await seedPage(app.ctx);
    app.advance(4 * 60 * 60_000); // a freshly created component has "no data" yet; let it age
    const start = new Date('2025-03-03T17:00:00.000Z');
    await scheduleMaintenance(app.ctx, {
      name: 'Database upgrade',
      componentIds: [api.id],
      scheduledStart: start,
      scheduledEnd: new Date(start.getTime() + 60 * 60_000),
    });
    const upcoming = await app.get('/acme');
    app.advance(30 * 60_000);
    expect((await app.get('/acme')).headers.get('etag')).toBe(upcoming.headers.get('etag'));
    app.advance(31 * 60_000);
    const started = await app.get('/acme');
    expect(started.headers.get('etag')).not.toBe(upcoming.headers.get('etag'));
    expect(await started.text()).toContain('Database upgrade');
  });

  it('serves content-hashed assets as immutable', async () => {
    app = await buildApp(database());
    for (const [asset, contentType] of [
      [STYLESHEET, 'text/css; charset=utf-8'],
      [SCRIPT, 'text/javascript; charset=utf-8'],
    ] as const) {
      const res = await getEncoded(app, asset.path, 'br');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(contentType);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(asset.body);
    }
  });
});
