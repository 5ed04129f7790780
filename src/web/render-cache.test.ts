import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { rawRequest } from '../../test/helpers/raw-http.js';
import { snapshotWith } from '../../test/helpers/snapshot-fixtures.js';
import type { Snapshot } from '../domain/snapshot.js';
import { CachedResponse, RenderCache, type Rendered, type SendOptions, sendCached } from './render-cache.js';
import { matchesEtag, pickEncoding } from './send-cached.js';
import { TEST_CACHES } from '../../test/helpers/test-config.js';

/** Both compressed forms of `entry`, made now (as two requests, one for each, would). */
const prepareBoth = (entry: CachedResponse) => Promise.all([entry.prepare('gzip'), entry.prepare('br')]);

const snapshotAt = (revision: number): Snapshot => snapshotWith({ revision, loadedAt: new Date() });

const page = (text: string, status = 200): Rendered => ({
  status,
  contentType: 'text/html; charset=utf-8',
  body: `<!doctype html><title>${text}</title>${'<p>All systems operational</p>'.repeat(50)}`,
});

/** A cache on a clock the test moves, whose horizon is a fixed instant. */
function buildCache(options: { maxEntries?: number; maxBytes?: number; maxEpochMs?: number } = {}) {
  let now = Date.parse('2025-03-01T12:00:00Z');
  let horizon = Date.parse('2025-03-01T13:00:00Z');
  const cache = new RenderCache({
    ...TEST_CACHES.renderCache,
    clock: () => new Date(now),
    horizon: () => new Date(horizon),
    maxEpochMs: 86_400_000,
    ...options,
  });
  return {
    cache,
    setNow: (iso: string) => {
      now = Date.parse(iso);
    },
    setHorizon: (iso: string) => {
      horizon = Date.parse(iso);
    },
  };
}

describe('RenderCache', () => {
  it('renders a key once and serves the same entry until something changes', () => {
    const { cache } = buildCache();
    const snapshot = snapshotAt(1);
    const render = vi.fn(() => page('home'));
    expect(cache.lookup(snapshot, '/')).toBeUndefined();
    const entry = cache.fill(snapshot, '/', render) as CachedResponse;
    expect(cache.lookup(snapshot, '/')).toBe(entry);
    expect(cache.fill(snapshot, '/', render)).toBe(entry);
    expect(render).toHaveBeenCalledOnce();
  });

  it('keeps identity, gzip and brotli forms of the same bytes', async () => {
    const entry = new CachedResponse(page('forms'));
    await prepareBoth(entry);
    expect(gunzipSync(entry.gzip!).equals(entry.joinedBody())).toBe(true);
    expect(brotliDecompressSync(entry.br!).equals(entry.joinedBody())).toBe(true);
    expect(entry.br!.length).toBeLessThan(entry.bodyLength);
    expect(entry.etag).toMatch(/^"[\w-]+"$/);
    expect(new CachedResponse(page('forms')).etag).toBe(entry.etag);
    expect(new CachedResponse(page('other')).etag).not.toBe(entry.etag);
  });

  it('makes each compressed form only when asked for, off the request path, and swaps it in', async () => {
    const entry = new CachedResponse(page('async'));
    // Nothing compressed, nor on its way: a client wanting either form must wait for it (senders ask first).
    await new Promise(setImmediate);
    expect(entry.gzip).toBeUndefined();
    expect(entry.br).toBeUndefined();
    expect(entry.isPending('br')).toBe(true);
    expect(entry.isPending('identity')).toBe(false);
    const before = entry.variantsFor(OPTIONS);
    expect(before.br).toBe(before.identity);
    expect(before.gzip.etag).toBe(entry.etag);
    await entry.prepare('br');
    const after = entry.variantsFor(OPTIONS);
    expect(after.br.headers['Content-Encoding']).toBe('br');
    expect(after.br.etag).toBe(`${entry.etag.slice(0, -1)}-br"`);
    expect(after.br.etag).toBe(entry.etagOf('br'));
    expect(entry.isPending('br')).toBe(false);
    // Only the form asked for: gzip is still to be made when a gzip client comes.
    expect(entry.gzip).toBeUndefined();
    expect(entry.isPending('gzip')).toBe(true);
    expect(after.gzip).toBe(after.identity);
    expect(entry.byteLength).toBe(entry.bodyLength + entry.br!.length);
    await entry.prepare('gzip');
    expect(entry.variantsFor(OPTIONS).gzip.chunks[0]!.equals(entry.gzip!)).toBe(true);
    expect(entry.byteLength).toBe(entry.bodyLength + entry.gzip!.length + entry.br!.length);
  });

  it('copies the bytes it is given, unless they were made for the entry alone', () => {
    const given = Buffer.from('<p>page</p>');
    const copied = new CachedResponse({ contentType: 'text/html', body: given }, { compress: false });
    given.write('<q>');
    expect(copied.joinedBody().toString()).toBe('<p>page</p>');
    const owned = Buffer.from('<p>page</p>');
    expect(new CachedResponse({ contentType: 'text/html', body: owned, bodyIsOwned: true }, { compress: false }).chunks).toEqual([owned]);
    // Chunks given: joined into one copy, or, when nothing will write to them, kept as they are.
    const pieces = [Buffer.from('<p>'), Buffer.from('page'), Buffer.from('</p>')];
    const joined = new CachedResponse({ contentType: 'text/html', body: pieces }, { compress: false });
    pieces[1]!.write('PAGE');
    expect(joined.chunks.map(String)).toEqual(['<p>page</p>']);
    const kept = new CachedResponse({ contentType: 'text/html', body: pieces, bodyIsOwned: true }, { compress: false });
    expect(kept.chunks).toHaveLength(3);
    kept.chunks.forEach((chunk, index) => expect(chunk).toBe(pieces[index]));
    expect(kept.bodyLength).toBe(11);
  });

  it('sends a chunked body as chunks once, then as one joined buffer with the same bytes, ETag and headers', () => {
    const pieces = [Buffer.from('<p>'), Buffer.from('page'), Buffer.from('</p>')];
    const entry = new CachedResponse({ contentType: 'text/html', body: pieces, bodyIsOwned: true }, { compress: false });
    const options = { cacheControl: 'no-cache' };
    const first = entry.variantsFor(options).identity;
    expect(first.chunks).toHaveLength(3);
    entry.noteIdentitySent();
    expect(entry.variantsFor(options).identity.chunks).toHaveLength(3);
    entry.noteIdentitySent();
    const joined = entry.variantsFor(options).identity;
    expect(joined.chunks).toHaveLength(1);
    expect(joined.chunks[0]!.toString()).toBe('<p>page</p>');
    expect(joined.etag).toBe(first.etag);
    expect(joined.headers).toEqual(first.headers);
    // The kept chunks themselves are never written to or replaced.
    entry.chunks.forEach((chunk, index) => expect(chunk).toBe(pieces[index]));
  });

  it('keeps a body in chunks as chunks: the same ETag and compressed bytes as the joined body, for every encoding', async () => {
    const text = page('chunks').body as string;
    const bytes = Buffer.from(text);
    // Cut anywhere, also inside a character: the chunks are bytes.
    const cuts = [0, 7, 700, 701, 1200, bytes.length];
    const chunks = cuts.slice(1).map((end, index) => bytes.subarray(cuts[index], end));
    const chunked = new CachedResponse({ contentType: 'text/html; charset=utf-8', body: chunks, bodyIsOwned: true });
    const whole = new CachedResponse({ contentType: 'text/html; charset=utf-8', body: text });
    await Promise.all([prepareBoth(chunked), prepareBoth(whole)]);
    expect(chunked.chunks).toHaveLength(5);
    expect(chunked.bodyLength).toBe(whole.bodyLength);
    expect(chunked.joinedBody().equals(whole.joinedBody())).toBe(true);
    expect(chunked.etag).toBe(whole.etag);
    expect(gunzipSync(chunked.gzip!).equals(bytes)).toBe(true);
    expect(brotliDecompressSync(chunked.br!).equals(bytes)).toBe(true);
    // Streamed through the compressors a chunk at a time, they still make what one piece makes.
    expect(chunked.gzip!.equals(whole.gzip!)).toBe(true);
    expect(chunked.br!.equals(whole.br!)).toBe(true);
    expect(chunked.byteLength).toBe(whole.byteLength);
    const variants = chunked.variantsFor(OPTIONS);
    expect(variants.identity.chunks).toBe(chunked.chunks);
    expect(variants.identity.headers['Content-Length']).toBe(String(bytes.length));
    expect(variants.br.headers['Content-Length']).toBe(String(chunked.br!.length));
  });

  it('leaves bytes that are only ever sent as identity uncompressed when asked', async () => {
    const entry = new CachedResponse(page('private'), { compress: false });
    expect(entry.isPending('br')).toBe(false);
    await prepareBoth(entry);
    expect(entry.gzip).toBeUndefined();
    expect(entry.br).toBeUndefined();
    expect(entry.variantsFor(OPTIONS).br).toBe(entry.variantsFor(OPTIONS).identity);
  });

  it('drops every entry when a newer revision arrives, and does not cache renders of an older one', () => {
    const { cache } = buildCache();
    const first = cache.fill(snapshotAt(1), '/', () => page('one')) as CachedResponse;
    expect(cache.lookup(snapshotAt(2), '/')).toBeUndefined();
    const second = cache.fill(snapshotAt(2), '/', () => page('two')) as CachedResponse;
    expect(second).not.toBe(first);
    expect(cache.lookup(snapshotAt(1), '/')).toBeUndefined();
    const stale = cache.fill(snapshotAt(1), '/', () => page('one again')) as CachedResponse;
    expect(stale.joinedBody().toString()).toContain('one again');
    expect(cache.lookup(snapshotAt(2), '/')).toBe(second);
  });

  it('expires every entry at the clock horizon and re-renders after it', () => {
    const { cache, setNow, setHorizon } = buildCache();
    const snapshot = snapshotAt(1);
    const render = vi.fn(() => page('maintenance'));
    const before = cache.fill(snapshot, '/', render);
    setNow('2025-03-01T12:59:59.999Z');
    expect(cache.lookup(snapshot, '/')).toBe(before);
    setHorizon('2025-03-02T00:00:00Z');
    setNow('2025-03-01T13:00:00.000Z');
    expect(cache.lookup(snapshot, '/')).toBeUndefined();
    const after = cache.fill(snapshot, '/', render);
    expect(after).not.toBe(before);
    expect(render).toHaveBeenCalledTimes(2);
    expect(render).toHaveBeenLastCalledWith(new Date('2025-03-01T13:00:00.000Z'));
    setNow('2025-03-01T23:00:00Z');
    expect(cache.lookup(snapshot, '/')).toBe(after);
  });

  it('re-renders after the longest epoch even before the horizon, keeping the ETag of equal bytes', () => {
    const { cache, setNow } = buildCache({ maxEpochMs: 60_000 });
    const snapshot = snapshotAt(1);
    const render = vi.fn(() => page('drifting'));
    const first = cache.fill(snapshot, '/', render) as CachedResponse;
    setNow('2025-03-01T12:00:59.999Z');
    expect(cache.lookup(snapshot, '/')).toBe(first);
    setNow('2025-03-01T12:01:00.000Z');
    expect(cache.lookup(snapshot, '/')).toBeUndefined();
    const second = cache.fill(snapshot, '/', render) as CachedResponse;
    expect(render).toHaveBeenCalledTimes(2);
    expect(second.etag).toBe(first.etag);
  });

  it('evicts the least recently used entry beyond its bound', () => {
    const { cache } = buildCache({ maxEntries: 3 });
    const snapshot = snapshotAt(1);
    for (const key of ['a', 'b', 'c']) cache.fill(snapshot, key, () => page(key));
    expect(cache.lookup(snapshot, 'a')).toBeDefined(); // a is now the most recently used
    cache.fill(snapshot, 'd', () => page('d'));
    expect(cache.size).toBe(3);
    expect(cache.lookup(snapshot, 'b')).toBeUndefined();
    for (const key of ['a', 'c', 'd']) expect(cache.lookup(snapshot, key)).toBeDefined();
  });

  it('evicts beyond its byte bound, counting each compressed form when it is made, whenever it is asked for', async () => {
    const sample = new CachedResponse(page('x'));
    await prepareBoth(sample);
    const identity = sample.bodyLength;
    const br = sample.br!.length;
    const gzip = sample.gzip!.length;
    // Room for three identity forms and one form of each encoding.
    const { cache } = buildCache({ maxBytes: 3 * identity + br + gzip });
    const snapshot = snapshotAt(1);
    const [a, b, c] = ['a', 'b', 'c'].map((key) => cache.fill(snapshot, key, () => page('x')) as CachedResponse);
    // Identity only so far: nobody asked for a compressed form.
    expect(cache.size).toBe(3);
    expect(cache.bytes).toBe(3 * identity);
    await c!.prepare('br');
    expect(cache.bytes).toBe(3 * identity + br);
    await c!.prepare('gzip');
    expect(cache.bytes).toBe(3 * identity + br + gzip);
    expect(cache.size).toBe(3);
    // One form more is over the bound: the least recently used entry goes.
    await b!.prepare('br');
    expect(cache.size).toBe(2);
    expect(cache.lookup(snapshot, 'a')).toBeUndefined();
    expect(cache.bytes).toBe(2 * identity + 2 * br + gzip);
    expect(cache.bytes).toBeLessThanOrEqual(3 * identity + br + gzip);
    // The dropped entry makes no form any more, and its one remaining reader is not kept waiting.
    await a!.prepare('br');
    expect(a!.br).toBeUndefined();
    expect(a!.isPending('br')).toBe(false);
    expect(cache.bytes).toBe(2 * identity + 2 * br + gzip);
  });

  it('evicts the least recently used first when the byte bound binds long before the entry bound', () => {
    const size = new CachedResponse(page('a'), { compress: false }).bodyLength;
    const cache = new RenderCache({ compress: false, maxEntries: 2000, maxBytes: 3 * size });
    const snapshot = snapshotAt(1);
    for (const key of ['a', 'b', 'c']) cache.fill(snapshot, key, () => page(key));
    expect(cache.lookup(snapshot, 'a')).toBeDefined(); // a is now the most recently used
    for (const key of ['d', 'e']) {
      cache.fill(snapshot, key, () => page(key));
      expect(cache.bytes).toBeLessThanOrEqual(3 * size);
    }
    expect(cache.lookup(snapshot, 'b')).toBeUndefined();
    expect(cache.lookup(snapshot, 'c')).toBeUndefined();
    for (const key of ['a', 'd', 'e']) expect(cache.lookup(snapshot, key)).toBeDefined();
  });

  it('does not compress entries it has dropped', async () => {
    const { cache } = buildCache({ maxEntries: 1 });
    const snapshot = snapshotAt(1);
    const first = cache.fill(snapshot, 'a', () => page('a')) as CachedResponse;
    const firstAsked = first.prepare('br');
    const second = cache.fill(snapshot, 'b', () => page('b')) as CachedResponse; // evicts a before its compression's turn
    const secondAsked = second.prepare('br');
    const newer = cache.fill(snapshotAt(2), 'c', () => page('c')) as CachedResponse; // drops b
    await Promise.all([firstAsked, secondAsked, newer.prepare('br')]);
    expect(first.br).toBeUndefined();
    expect(second.br).toBeUndefined();
    expect(newer.br).toBeDefined();
    // Those asking for the dropped entries get identity kept by no shared cache (see compressed-responses.test.ts).
    expect(first.variantsFor(OPTIONS).br.headers['Cache-Control']).toBe('no-store');
  });

  it('renders once for concurrent misses of the same key', async () => {
    const { cache } = buildCache();
    const snapshot = snapshotAt(1);
    let release: (rendered: Rendered) => void = () => {};
    const render = vi.fn(() => new Promise<Rendered>((resolve) => (release = resolve)));
    const misses = [cache.fill(snapshot, '/', render), cache.fill(snapshot, '/', render), cache.fill(snapshot, '/', render)];
    expect(cache.lookup(snapshot, '/')).toBeUndefined();
    release(page('slow'));
    const entries = await Promise.all(misses);
    expect(render).toHaveBeenCalledOnce();
    expect(new Set(entries).size).toBe(1);
    expect(cache.lookup(snapshot, '/')).toBe(entries[0]);
  });

  it('forgets a failed render so the next request tries again', async () => {
    const { cache } = buildCache();
    const snapshot = snapshotAt(1);
    await expect(cache.fill(snapshot, '/', () => Promise.reject(new Error('template bug')))).rejects.toThrow('template bug');
    const entry = await cache.fill(snapshot, '/', async () => page('fixed'));
    expect(entry.joinedBody().toString()).toContain('fixed');
  });
});

const OPTIONS: SendOptions = { cacheControl: 'public, max-age=10' };

function serve(entry: CachedResponse, options: SendOptions = OPTIONS) {
  const app = new Hono();
  app.get('/', (c) => sendCached(c, entry, options));
  return (headers: Record<string, string> = {}, method = 'GET') => app.request('/', { method, headers });
}

describe('sendCached', () => {
  const entry = new CachedResponse(page('status'));
  beforeAll(() => prepareBoth(entry));

  it('sends identity bytes with ETag, Content-Length, Cache-Control and Vary', async () => {
    const res = await serve(entry)();
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(entry.etag);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-length')).toBe(String(entry.bodyLength));
    expect(res.headers.get('cache-control')).toBe('public, max-age=10');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await res.arrayBuffer()).equals(entry.joinedBody())).toBe(true);
  });

  it('prefers brotli, then gzip, by Accept-Encoding, each with its own ETag', async () => {
    const send = serve(entry, { cacheControl: 'private', vary: 'Cookie' });
    const br = await send({ 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-length')).toBe(String(entry.br!.length));
    expect(br.headers.get('vary')).toBe('Accept-Encoding, Cookie');
    expect(Buffer.from(await br.arrayBuffer()).equals(entry.br!)).toBe(true);
    const gzip = await send({ 'accept-encoding': 'gzip' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(Buffer.from(await gzip.arrayBuffer()).equals(entry.gzip!)).toBe(true);
    const etags = new Set([br.headers.get('etag'), gzip.headers.get('etag'), entry.etag]);
    expect(etags.size).toBe(3);
  });

  it('answers 304 to a matching If-None-Match, strong, weak, in a list or *', async () => {
    const send = serve(entry);
    for (const ifNoneMatch of [entry.etag, `W/${entry.etag}`, `"other", ${entry.etag}`, '*']) {
      const res = await send({ 'if-none-match': ifNoneMatch });
      expect(res.status, ifNoneMatch).toBe(304);
      expect(res.headers.get('etag')).toBe(entry.etag);
      expect(res.headers.get('cache-control')).toBe('public, max-age=10');
      expect(await res.text()).toBe('');
    }
    expect((await send({ 'if-none-match': '"stale"' })).status).toBe(200);
    const brTag = (await send({ 'accept-encoding': 'br' })).headers.get('etag') ?? '';
    expect((await send({ 'accept-encoding': 'br', 'if-none-match': brTag })).status).toBe(304);
    // The brotli tag does not validate the identity form a client without brotli would get.
    expect((await send({ 'if-none-match': brTag })).status).toBe(200);
  });

  it('never answers 304 for an error page', async () => {
    const notFound = new CachedResponse(page('missing', 404));
    const res = await serve(notFound)({ 'if-none-match': notFound.etag });
    expect(res.status).toBe(404);
  });

  it('sends a tiny body uncompressed whatever the client accepts', async () => {
    const tiny = new CachedResponse({ contentType: 'text/plain', body: 'ok' });
    const res = await serve(tiny)({ 'accept-encoding': 'br, gzip' });
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.text()).toBe('ok');
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await serve(entry)({ 'accept-encoding': 'gzip' }, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(entry.gzip!.length));
    expect(await res.text()).toBe('');
  });

  it('sends an entry in chunks as its bytes in order, with its Content-Length, over HTTP through the Node adapter', async () => {
    const bytes = entry.joinedBody();
    const chunks = [bytes.subarray(0, 100), bytes.subarray(100, 101), bytes.subarray(101)];
    const chunked = new CachedResponse({ contentType: 'text/html; charset=utf-8', body: chunks, bodyIsOwned: true });
    const inProcess = await serve(chunked)();
    expect(inProcess.headers.get('content-length')).toBe(String(bytes.length));
    expect(Buffer.from(await inProcess.arrayBuffer()).equals(bytes)).toBe(true);
    expect(await (await serve(chunked)({}, 'HEAD')).text()).toBe('');

    const app = new Hono();
    app.get('/', (c) => sendCached(c, chunked, OPTIONS));
    const server = createServer(getRequestListener(app.fetch));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const identity = await rawRequest(url);
      expect(identity.headers['content-length']).toBe(String(bytes.length));
      expect(identity.headers['transfer-encoding']).toBeUndefined();
      expect(identity.body.equals(bytes)).toBe(true);
      const head = await rawRequest(url, {}, 'HEAD');
      expect(head.headers['content-length']).toBe(String(bytes.length));
      expect(head.body.length).toBe(0);
      const br = await rawRequest(url, { 'accept-encoding': 'br' });
      expect(br.headers['content-length']).toBe(String(chunked.br!.length));
      expect(brotliDecompressSync(br.body).equals(bytes)).toBe(true);
      // The chunks are shared, not handed over: they are whole after being sent.
      expect(chunked.joinedBody().equals(bytes)).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('pickEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['identity', 'identity'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['BR', 'br'],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['gzip;q=0, br;q=0', 'identity'],
    ['deflate', 'identity'],
  ] as const)('%s → %s', (header, expected) => {
    expect(pickEncoding(header)).toBe(expected);
  });
});

describe('matchesEtag', () => {
  it('compares weakly and reads lists', () => {
    expect(matchesEtag('"a"', '"a"')).toBe(true);
    expect(matchesEtag('W/"a"', '"a"')).toBe(true);
    expect(matchesEtag('"b" , W/"a"', '"a"')).toBe(true);
    expect(matchesEtag(' * ', '"a"')).toBe(true);
    expect(matchesEtag('"b"', '"a"')).toBe(false);
    expect(matchesEtag('"a-br"', '"a"')).toBe(false);
  });
});
