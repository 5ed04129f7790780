/**
 * Clients that accept compression get it from the very first response: a page just rendered (the
 * first request after every write and every clock epoch) and the OpenAPI document. An identity copy
 * sent as `public, max-age` would be kept by a CDN for every such client until it expires.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
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
    // Now the fast path has the forms too.
    expect((await rawRequest(`${url}/acme`, BR)).headers['content-encoding']).toBe('br');
    expect(appAnswered()).toBe(2);
  }, 30_000);

  it('marks identity bytes no-store for a client that accepts compression when the forms never come (the queue was full)', async () => {
    const held = holdCompressions();
    await new Promise(setImmediate); // the held job is running now, no longer waiting
    const waiting = Array.from({ length: MAX_WAITING_COMPRESSIONS }, () => enqueueCompression(async () => {}));
    const entry = new CachedResponse({ contentType: 'text/html', body: '<p>hello</p>'.repeat(1000) });
    const options: SendOptions = { cacheControl: 'public, max-age=10' };
    await entry.compressed;
    expect(entry.isCompressing).toBe(false);
    expect(entry.br).toBeUndefined();
    const variants = entry.variantsFor(options);
    expect(variants.br.headers['Cache-Control']).toBe('no-store');
    expect(variants.gzip.headers['Cache-Control']).toBe('no-store');
    expect(variants.br.headers['Content-Encoding']).toBeUndefined();
    expect(variants.identity.headers['Cache-Control']).toBe('public, max-age=10');
    held.open();
    await Promise.all(waiting);
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
