/**
 * Clients that accept compression get it from the very first response: a page just rendered (the
 * first request after every write and every clock epoch) and the OpenAPI document. An identity copy
 * sent as `public, max-age` would be kept by a CDN for every such client until it expires. Each form
 * is made only when a client first asks for it, once however many ask.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { capturingLogger } from '../../test/helpers/capturing-logger.js';
import { createTestDatabase } from '../../test/helpers/databases.js';
import { rawRequest } from '../../test/helpers/raw-http.js';
import { type TestApp, createTestApp } from '../../test/helpers/test-app.js';
import { createComponent } from '../services/status/components.js';
import { createPage } from '../services/pages/pages.js';
import type { Database } from '../store/database.js';
import { CachedResponse, type SendOptions } from './cached-response.js';
import { MAX_WAITING_COMPRESSIONS, enqueueCompression } from './compression-queue.js';
import { PUBLIC_CACHE } from './public/routes.js';
import { sendCached } from './send-cached.js';
import type { Listening } from './server.js';

const BR = { 'accept-encoding': 'gzip, deflate, br' };

/** Holds the process's compression queue until `open()`: every compression asked for meanwhile waits behind it. */
function holdCompressions() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  void enqueueCompression(() => gate);
  return { open: () => open() };
}

describe('compression of the first response', () => {
  let database: Database | undefined;
  let testApp: TestApp | undefined;
  let served: Listening | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (served ? served.server.close(resolve) : resolve(undefined)));
    await testApp?.close();
    await database?.close();
    served = testApp = database = undefined;
  });

  async function start() {
    database = await createTestDatabase('sqlite');
    const { logger, lines } = capturingLogger();
    testApp = await createTestApp(database, { logger });
    const api = await createComponent(testApp.deps.ctx, { name: 'Public API' });
    await createPage(testApp.deps.ctx, {
      slug: 'acme',
      name: 'Acme',
      items: [{ kind: 'component', componentId: api.id, showUptime: true }],
    });
    await testApp.deps.snapshots.fresh();
    served = await testApp.web.listen({ port: 0, host: '127.0.0.1' });
    let received = 0;
    served.server.on('request', () => received++);
    const appAnswered = () => lines.filter((line) => line.msg === 'request' && line.path === '/acme').length;
    return { url: served.url, appAnswered, received: () => received };
  }

  it('sends a page just rendered compressed to a client that accepts it, waiting for the form rather than sending identity', async () => {
    const { url, appAnswered, received } = await start();
    const held = holdCompressions();
    // The render happens now; its compression waits behind the held queue.
    const first = rawRequest(`${url}/acme`, BR);
    await vi.waitFor(() => expect(received()).toBe(1), { timeout: 15_000, interval: 5 });
    held.open();
    const answer = await first;
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['cache-control']).toBe(PUBLIC_CACHE.cacheControl);
    expect(brotliDecompressSync(answer.body).toString()).toContain('Public API');
    expect(appAnswered()).toBe(1);
    // Only brotli was made: a gzip client is left to the app, which has gzip made; then the fast path sends both.
    expect((await rawRequest(`${url}/acme`, BR)).headers['content-encoding']).toBe('br');
    expect(appAnswered()).toBe(1);
    expect((await rawRequest(`${url}/acme`, { 'accept-encoding': 'gzip' })).headers['content-encoding']).toBe('gzip');
    expect(appAnswered()).toBe(2);
    expect((await rawRequest(`${url}/acme`, { 'accept-encoding': 'gzip' })).headers['content-encoding']).toBe('gzip');
    expect(appAnswered()).toBe(2);
  }, 30_000);

  it('lets the app answer while the forms are being made, even for a page the fast path holds', async () => {
    const { url, appAnswered, received } = await start();
    const held = holdCompressions();
    // An identity client first: answered at once, and the page is offered to the fast path.
    const plain = await rawRequest(`${url}/acme`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const gzipped = rawRequest(`${url}/acme`, { 'accept-encoding': 'gzip' });
    await vi.waitFor(() => expect(received()).toBe(2), { timeout: 15_000, interval: 5 });
    held.open();
    const answer = await gzipped;
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(answer.body).equals(plain.body)).toBe(true);
    expect(appAnswered()).toBe(2);
    // Now the fast path has the gzip form too, but not brotli, which nobody asked for yet: that goes to the app once.
    expect((await rawRequest(`${url}/acme`, { 'accept-encoding': 'gzip' })).headers['content-encoding']).toBe('gzip');
    expect(appAnswered()).toBe(2);
    expect((await rawRequest(`${url}/acme`, BR)).headers['content-encoding']).toBe('br');
    expect(appAnswered()).toBe(3);
    expect((await rawRequest(`${url}/acme`, BR)).headers['content-encoding']).toBe('br');
    expect(appAnswered()).toBe(3);
  }, 30_000);
});

const OPTIONS: SendOptions = { cacheControl: 'public, max-age=10' };
const body = () => '<p>All systems operational</p>'.repeat(1000);

/** `entry` behind sendCached, in a Hono app; `request(headers)` asks for it. */
function serveEntry(entry: CachedResponse) {
  const app = new Hono();
  app.get('/', (c) => sendCached(c, entry, OPTIONS));
  return (headers: Record<string, string> = {}) => app.request('/', { headers });
}

/** How many compressed forms `entry` has had added so far. */
function countForms(entry: CachedResponse) {
  let made = 0;
  entry.observeGrowth(() => made++);
  return () => made;
}

describe('compressed forms, each made when first asked for', () => {
  it('makes only the form a client asks for', async () => {
    const entry = new CachedResponse({ contentType: 'text/html', body: body() });
    const made = countForms(entry);
    const res = await serveEntry(entry)(BR);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await res.arrayBuffer())).equals(entry.joinedBody())).toBe(true);
    expect(made()).toBe(1);
    expect(entry.br).toBeDefined();
    expect(entry.gzip).toBeUndefined();
    expect(entry.byteLength).toBe(entry.bodyLength + entry.br!.length);
    // Identity clients never cause a compression.
    expect((await serveEntry(entry)()).headers.get('content-encoding')).toBeNull();
    expect(made()).toBe(1);
  });

  it('makes both forms when clients ask for both, each once', async () => {
    const entry = new CachedResponse({ contentType: 'text/html', body: body() });
    const made = countForms(entry);
    const send = serveEntry(entry);
    const [br, gzip] = await Promise.all([send(BR), send({ 'accept-encoding': 'gzip' })]);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).equals(entry.joinedBody())).toBe(true);
    expect(br.headers.get('etag')).toBe(entry.etagOf('br'));
    expect(gzip.headers.get('etag')).toBe(entry.etagOf('gzip'));
    await Promise.all([send(BR), send({ 'accept-encoding': 'gzip' })]);
    expect(made()).toBe(2);
    expect(entry.byteLength).toBe(entry.bodyLength + entry.br!.length + entry.gzip!.length);
  });

  it('has a flood of readers on a fresh render share one compression, and sends none of them identity meanwhile', async () => {
    const held = holdCompressions();
    try {
      const entry = new CachedResponse({ contentType: 'text/html', body: body() });
      const made = countForms(entry);
      const send = serveEntry(entry);
      const readers = Array.from({ length: 20 }, () => send(BR));
      expect(entry.prepare('br')).toBe(entry.prepare('br'));
      expect(entry.br).toBeUndefined();
      held.open();
      const answers = await Promise.all(readers);
      for (const answer of answers) {
        expect(answer.headers.get('content-encoding')).toBe('br');
        expect(answer.headers.get('cache-control')).toBe(OPTIONS.cacheControl);
        expect(Buffer.from(await answer.arrayBuffer()).equals(entry.br!)).toBe(true);
      }
      expect(made()).toBe(1);
    } finally {
      held.open();
    }
  });

  it('answers a revalidation of a form not made yet with 304, without making it', async () => {
    const entry = new CachedResponse({ contentType: 'text/html', body: body() });
    const res = await serveEntry(entry)({ ...BR, 'if-none-match': entry.etagOf('br') });
    expect(res.status).toBe(304);
    expect(res.headers.get('etag')).toBe(entry.etagOf('br'));
    expect(res.headers.get('cache-control')).toBe(OPTIONS.cacheControl);
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(entry.isPending('br')).toBe(true);
    expect(entry.br).toBeUndefined();
    // Once made, the same revalidation is answered from the form's own headers.
    await entry.prepare('br');
    const again = await serveEntry(entry)({ ...BR, 'if-none-match': entry.etagOf('br') });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(res.headers.get('etag'));
    // Another form's tag does not validate this one.
    expect((await serveEntry(entry)({ 'accept-encoding': 'gzip', 'if-none-match': entry.etagOf('br') })).status).toBe(200);
  });

  it('marks identity bytes no-store for a client that accepts compression while its form cannot come (the queue is full), and asks again on the next request', async () => {
    const held = holdCompressions();
    await new Promise(setImmediate); // the held job is running now, no longer waiting
    const waiting = Array.from({ length: MAX_WAITING_COMPRESSIONS }, () => enqueueCompression(async () => {}));
    try {
      const entry = new CachedResponse({ contentType: 'text/html', body: body() });
      const send = serveEntry(entry);
      const dropped = await send(BR);
      expect(dropped.headers.get('content-encoding')).toBeNull();
      expect(dropped.headers.get('cache-control')).toBe('no-store');
      expect(Buffer.from(await dropped.arrayBuffer()).equals(entry.joinedBody())).toBe(true);
      // Dropped, not given up: the next request asks again (the fast path stands aside meanwhile).
      expect(entry.isPending('br')).toBe(true);
      expect(entry.br).toBeUndefined();
      expect(entry.variantsFor(OPTIONS).identity.headers['Cache-Control']).toBe(OPTIONS.cacheControl);
      held.open();
      await Promise.all(waiting);
      // The other form was never asked for, so never dropped: it is made when asked, once the queue has room.
      const gzip = await send({ 'accept-encoding': 'gzip' });
      expect(gzip.headers.get('content-encoding')).toBe('gzip');
      expect(gzip.headers.get('cache-control')).toBe(OPTIONS.cacheControl);
      // The dropped form is asked for again by the next request, now that the queue has room.
      const retried = await send(BR);
      expect(retried.headers.get('content-encoding')).toBe('br');
      expect(retried.headers.get('cache-control')).toBe(OPTIONS.cacheControl);
      expect(entry.isPending('br')).toBe(false);
    } finally {
      held.open();
      await Promise.all(waiting);
    }
  });
});

describe('/api/v1/openapi.json', () => {
  let database: Database | undefined;
  let testApp: TestApp | undefined;
  afterEach(async () => {
    await testApp?.close();
    await database?.close();
    testApp = database = undefined;
  });

  it('is sent compressed to a client that accepts it, from the first request, with an ETag', async () => {
    database = await createTestDatabase('sqlite');
    testApp = await createTestApp(database);
    const compressed = await testApp.request('/api/v1/openapi.json', { headers: BR });
    expect(compressed.status).toBe(200);
    expect(compressed.headers.get('content-encoding')).toBe('br');
    expect(compressed.headers.get('vary')).toBe('Accept-Encoding');
    const body = brotliDecompressSync(Buffer.from(await compressed.arrayBuffer()));

    const plain = await testApp.request('/api/v1/openapi.json', { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-type')).toBe('application/json');
    const identity = Buffer.from(await plain.arrayBuffer());
    expect(body.equals(identity)).toBe(true);
    expect(Number(compressed.headers.get('content-length'))).toBeLessThan(identity.length / 5);
    expect((JSON.parse(identity.toString()) as { openapi: string }).openapi).toBe('3.1.0');

    const revalidated = await testApp.request('/api/v1/openapi.json', {
      headers: { ...BR, 'if-none-match': compressed.headers.get('etag')! },
    });
    expect(revalidated.status).toBe(304);
  });
});
