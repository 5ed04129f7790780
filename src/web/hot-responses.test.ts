import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { describe, expect, it } from 'vitest';
import { snapshotWith } from '../../test/helpers/snapshot-fixtures.js';
import type { Snapshot } from '../domain/snapshot.js';
import { CachedResponse, type SendOptions } from './cached-response.js';
import { type HotResponse, HotResponses, isPublicTarget, requestTarget } from './hot-responses.js';
import { fastPathStandsIn } from './middleware/fast-path-stand-in.js';
import { RenderCache } from './render-cache.js';
import { TEST_CACHES } from '../../test/helpers/test-config.js';

const OPTIONS: SendOptions = { cacheControl: 'public, max-age=10' };
const snapshotAt = (revision: number): Snapshot => snapshotWith({ revision, loadedAt: new Date() });

function setUp(initial: Snapshot = snapshotAt(1)) {
  let current: Snapshot | undefined = initial;
  let now = Date.parse('2026-03-20T12:00:00Z');
  const hot = new HotResponses({ ...TEST_CACHES.hotResponses, currentSnapshot: () => current, clock: () => new Date(now), maxEntries: 3 });
  const entry = (overrides: Partial<HotResponse> = {}): HotResponse => ({
    response: new CachedResponse({ contentType: 'text/html', body: '<p>hi</p>' }, { compress: false }),
    options: OPTIONS,
    logPath: '/acme',
    snapshot: initial,
    epochEndsAtMs: now + 60_000,
    ...overrides,
  });
  return {
    hot,
    entry,
    setCurrent: (snapshot: Snapshot | undefined) => (current = snapshot),
    advance: (ms: number) => (now += ms),
  };
}

describe('HotResponses', () => {
  it('serves an offered response while its snapshot, revision and clock epoch are current', () => {
    const { hot, entry, setCurrent, advance } = setUp();
    const offered = entry();
    hot.offer('/acme', '/acme', offered);
    expect(hot.lookup('/acme')).toBe(offered);
    advance(59_999);
    expect(hot.lookup('/acme')).toBe(offered);
    advance(1);
    expect(hot.lookup('/acme')).toBeUndefined();

    hot.offer('/acme', '/acme', entry({ epochEndsAtMs: Infinity }));
    setCurrent(snapshotAt(2)); // the holder reloaded (e.g. another process's write, found by polling)
    expect(hot.lookup('/acme')).toBeUndefined();
  });

  it('drops everything at a revision announcement, before the snapshot has even reloaded, and refuses older renders', () => {
    const { hot, entry } = setUp();
    hot.offer('/acme', '/acme', entry());
    hot.noteRevision(2);
    expect(hot.size).toBe(0);
    // A render of revision 1 that finishes after the announcement of 2 must not come back.
    hot.offer('/acme', '/acme', entry());
    expect(hot.lookup('/acme')).toBeUndefined();
  });

  it('takes only 200s of public targets that are exactly their cache key', () => {
    const { hot, entry } = setUp();
    hot.offer('/acme?utm=1', '/acme', entry());
    hot.offer('/c/token', '/c/token', entry());
    hot.offer(
      '/missing',
      '/missing',
      entry({ response: new CachedResponse({ status: 404, contentType: 'text/html', body: 'no' }, { compress: false }) }),
    );
    expect(hot.size).toBe(0);
    hot.offer('/acme/history?month=2026-03', '/acme/history?month=2026-03', entry());
    expect(hot.lookup('/acme/history?month=2026-03')).toBeDefined();
  });

  it('keeps at most its bound, oldest out first', () => {
    const { hot, entry } = setUp();
    for (const path of ['/a', '/b', '/c2', '/d']) hot.offer(path, path, entry());
    expect(hot.size).toBe(3);
    expect(hot.lookup('/a')).toBeUndefined();
    expect(hot.lookup('/d')).toBeDefined();
  });

  it('keeps within its byte budget, oldest out first', () => {
    const snapshot = snapshotAt(1);
    const hot = new HotResponses({ ...TEST_CACHES.hotResponses, currentSnapshot: () => snapshot, maxEntries: 100, maxBytes: 3_000 });
    const page = () => new CachedResponse({ contentType: 'text/html', body: 'x'.repeat(900) }, { compress: false });
    for (const path of ['/a', '/b', '/c2', '/d']) {
      hot.offer(path, path, { response: page(), options: OPTIONS, logPath: path, snapshot, epochEndsAtMs: Infinity });
      expect(hot.bytes).toBeLessThanOrEqual(3_000);
    }
    expect(hot.size).toBe(3);
    expect(hot.lookup('/a')).toBeUndefined();
    expect(hot.lookup('/b')).toBeDefined();
    expect(hot.lookup('/d')).toBeDefined();
  });

  it('counts a compressed form made after the response was kept, while it is held', async () => {
    const snapshot = snapshotAt(1);
    const hot = new HotResponses({ ...TEST_CACHES.hotResponses, currentSnapshot: () => snapshot, maxEntries: 100, maxBytes: 1 << 20 });
    const response = new CachedResponse({ contentType: 'text/html', body: '<p>All systems operational</p>'.repeat(200) });
    hot.offer('/a', '/a', { response, options: OPTIONS, logPath: '/a', snapshot, epochEndsAtMs: Infinity });
    expect(hot.bytes).toBe(response.bodyLength + 4);
    await response.prepare('br');
    expect(hot.bytes).toBe(response.bodyLength + response.br!.length + 4);
    hot.clear();
    await response.prepare('gzip');
    expect(hot.bytes).toBe(0);
  });

  it('offers what a route sent only while it is the render cache’s current entry', async () => {
    const snapshot = snapshotAt(1);
    const { hot } = setUp(snapshot);
    const cache = new RenderCache({ ...TEST_CACHES.renderCache, compress: false });
    const sent = cache.fill(snapshot, '/acme', () => ({ contentType: 'text/html', body: 'page' })) as CachedResponse;
    const stray = new CachedResponse({ contentType: 'text/html', body: 'other' }, { compress: false });
    const routes = new Hono().get('/:path', (c) => {
      hot.offerSent(c, c.req.path, { snapshot, entry: c.req.path === '/acme' ? sent : stray, cache, options: OPTIONS });
      return c.body(null, 204);
    });
    await routes.request('http://localhost:3000/acme');
    expect(hot.lookup('/acme')?.response).toBe(sent);
    expect(hot.lookup('/acme')?.epochEndsAtMs).toBe(cache.epochEndsAtMs);

    await routes.request('http://localhost:3000/other');
    expect(hot.lookup('/other')).toBeUndefined();
  });

  it('takes no response that went through a middleware the fast path does not stand in for', async () => {
    const snapshot = snapshotAt(1);
    const { hot } = setUp(snapshot);
    const cache = new RenderCache({ ...TEST_CACHES.renderCache, compress: false });
    const sent = cache.fill(snapshot, '/acme', () => ({ contentType: 'text/html', body: 'page' })) as CachedResponse;
    const route = (c: Context) => {
      hot.offerSent(c, '/acme', { snapshot, entry: sent, cache, options: OPTIONS });
      return c.body(null, 204);
    };
    const declared = fastPathStandsIn<MiddlewareHandler>((_c, next) => next());
    const undeclared: MiddlewareHandler = async (c, next) => {
      await next();
      c.header('X-New', 'the fast path would not send this');
    };

    await new Hono().use(declared).use(undeclared).get('/acme', route).request('http://localhost:3000/acme');
    expect(hot.lookup('/acme')).toBeUndefined();
    // The same middleware on a route group (or only on a sub-app) counts too.
    const group = new Hono().use('/acme', undeclared).get('/acme', route);
    await new Hono().use(declared).route('/', group).request('http://localhost:3000/acme');
    expect(hot.lookup('/acme')).toBeUndefined();

    await new Hono().use(declared).get('/acme', route).request('http://localhost:3000/acme');
    expect(hot.lookup('/acme')?.response).toBe(sent);
  });
});

describe('isPublicTarget and requestTarget', () => {
  it.each([
    ['/', true],
    ['/acme', true],
    ['/acme/history?month=2026-03', true],
    ['/administration', true],
    ['/c/abc', false],
    ['/C/abc', false],
    ['/api/v1/incidents', false],
    ['/api/v2/summary.json', true],
    ['/acme/api/v2/status.json', true],
    ['/API/v2/summary.json', false],
    ['/api/v2', false],
    ['/c/abc/api/v2/status.json', false],
    ['/feed.atom', true],
    ['/acme/eu/maintenance.ics', true],
    ['/c/abc/feed.rss', false],
    ['/admin', false],
    ['/admin/pages', false],
    ['/admin?x=1', false],
    ['http://evil/acme', false],
    ['*', false],
  ] as const)('%s → %s', (target, expected) => {
    expect(isPublicTarget(target)).toBe(expected);
  });

  it('reads the path and query of an absolute URL', () => {
    expect(requestTarget('http://localhost:3000/acme?month=2026-03')).toBe('/acme?month=2026-03');
    expect(requestTarget('https://status.example.com/')).toBe('/');
    expect(requestTarget('http://localhost:3000')).toBe('/');
  });
});
