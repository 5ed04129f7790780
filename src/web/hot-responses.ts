import { ByteLru } from '../domain/byte-lru.js';
import { type Clock, systemClock } from '../domain/clock.js';
import type { Snapshot } from '../domain/snapshot.js';
import type { Context } from 'hono';
import type { CachedResponse, SendOptions } from './cached-response.js';
import { isCoveredByFastPath } from './middleware/fast-path-stand-in.js';
import type { RenderCache } from './render-cache.js';

/** What every hot entry holds: a cached response, where it was asked for, and how long it holds. */
export interface HotEntry {
  response: CachedResponse;
  /** What the access log may show: the path, never the query string. */
  logPath: string;
  /** The snapshot it was rendered from, and the end of the render cache's clock epoch it belongs to. */
  snapshot: Snapshot;
  epochEndsAtMs: number;
}

/** A public response the app has sent, ready to be sent again by the fast path (see fast-path.ts). */
export interface HotResponse extends HotEntry {
  options: SendOptions;
  /**
   * Headers a route's own middleware adds (declared with `fastPathStandsIn`), after the baseline ones
   * and before the entry's: the v2 API's `Access-Control-Allow-Origin`, the badges' CORS and CSP. One
   * object per route, shared.
   */
  headers?: Readonly<Record<string, string>>;
}

export interface HotResponsesOptions {
  /** The snapshot the app serves now (the snapshot holder's `current()`). */
  currentSnapshot: () => Snapshot | undefined;
  /** The render cache's clock, so that both agree on when an epoch is over. */
  clock?: Clock;
  maxEntries: number;
  /**
   * Most bytes of responses held (every form made, counted again as each is added). Entries mostly
   * share their bytes with the render cache, but one the render cache has since evicted lives on here
   * until it goes too.
   */
  maxBytes: number;
}

// Never offered, whatever a route does: private, authenticated and staff areas always go through the app.
const PRIVATE_FIRST_SEGMENTS = new Set(['c', 'api', 'admin']);

/**
 * Responses hot enough to skip the app, keyed by the exact request target (`/acme`,
 * `/acme/history?month=2026-03`), each usable only while it is current, that is while
 * - the snapshot it was rendered from is still the one the app serves,
 * - no newer revision has been published (a write here, another process's NOTIFY, or the poll; see
 *   `createWebServer`), even before the snapshot holder has finished reloading, and
 * - the render cache's clock epoch it belongs to has not ended.
 * The app's routes fill it (`keep`, through a subclass's `offer`); the fast path in front of the
 * app reads it (`lookup`).
 */
export class HotEntries<T extends HotEntry> {
  readonly #currentSnapshot: () => Snapshot | undefined;
  readonly #nowMs: () => number;
  #announced = -1;
  readonly #entries: ByteLru<string, T>;
  /** The targets each response already reports its growth to (see `keep`). */
  readonly #observed = new WeakMap<CachedResponse, Set<string>>();

  constructor(options: HotResponsesOptions) {
    this.#currentSnapshot = options.currentSnapshot;
    const clock = options.clock ?? systemClock;
    this.#nowMs = clock === systemClock ? Date.now : () => clock().getTime();
    // Oldest kept first out: lookups do not reorder, so the fast path's hit costs one map read.
    this.#entries = new ByteLru({ maxEntries: options.maxEntries, maxBytes: options.maxBytes });
  }

  /** Approximate bytes of the responses held (shared with the render cache while it holds them too). */
  get bytes(): number {
    return this.#entries.bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Subscribed to the revision feed (web/server.ts): older entries stop being served at once. */
  noteRevision(revision: number): void {
    if (revision <= this.#announced) return;
    this.#announced = revision;
    this.#entries.clear();
  }

  /** Keeps `hot` for `target`, unless it was rendered before the latest announced revision. */
  protected keep(target: string, hot: T): void {
    if (hot.snapshot.revision < this.#announced) return;
    const existing = this.#entries.peek(target);
    if (existing !== undefined && existing.response === hot.response && existing.snapshot === hot.snapshot) return;
    const bytes = (entry: T) => entry.response.byteLength + 2 * target.length;
    this.#entries.set(target, hot, bytes(hot));
    // A compressed form made later (when first asked for) is counted too, while the response is held
    // for the target. One listener per response and target, however often it is kept again.
    let targets = this.#observed.get(hot.response);
    if (targets === undefined) this.#observed.set(hot.response, (targets = new Set()));
    if (targets.has(target)) return;
    targets.add(target);
    hot.response.observeGrowth(() => {
      const held = this.#entries.peek(target);
      if (held !== undefined && held.response === hot.response) this.#entries.set(target, held, bytes(held));
    });
  }

  /** The current entry for `target`, or undefined (then the app answers). The fast path's only question. */
  lookup(target: string): T | undefined {
    const hot = this.#entries.peek(target);
    if (hot === undefined) return undefined;
    if (hot.snapshot !== this.#currentSnapshot() || hot.snapshot.revision < this.#announced || this.#nowMs() >= hot.epochEndsAtMs) {
      this.#entries.delete(target);
      return undefined;
    }
    return hot;
  }

  clear(): void {
    this.#entries.clear();
  }
}

/** The public responses the fast path may send to anyone (no cookie, no key). */
export class HotResponses extends HotEntries<HotResponse> {
  /**
   * Offers the response just sent for `target` (the request's path and query), rendered under the
   * cache key `key`. Kept only when the target is exactly the key (no stray query parameters, so junk
   * URLs cannot fill the map), the response is a 200 and the path is public.
   */
  offer(target: string, key: string, hot: HotResponse): void {
    if (target !== key || hot.response.status !== 200 || !isPublicTarget(target)) return;
    this.keep(target, hot);
  }

  /**
   * Offers what a route just sent for request `c`: `entry`, the render cache's entry for `key`, is kept
   * if it is still that cache's current entry and every middleware the request went through is one
   * the fast path stands in for (`isCoveredByFastPath`).
   *
   * @example deps.hotResponses.offerSent(c, key, { snapshot, entry, cache, options: PUBLIC_CACHE })
   */
  offerSent(
    c: Context,
    key: string,
    sent: {
      snapshot: Snapshot;
      entry: CachedResponse;
      cache: RenderCache;
      options: SendOptions;
      headers?: Readonly<Record<string, string>>;
    },
  ): void {
    const { snapshot, entry, cache } = sent;
    if (entry.status !== 200 || cache.lookup(snapshot, key) !== entry || !isCoveredByFastPath(c)) return;
    this.offer(requestTarget(c.req.url), key, {
      response: entry,
      options: sent.options,
      ...(sent.headers === undefined ? {} : { headers: sent.headers }),
      logPath: c.req.path,
      snapshot,
      epochEndsAtMs: cache.epochEndsAtMs,
    });
  }
}

/**
 * `/acme`, `/acme/history?month=…`, `/api/v2/…` (the default page's public read API); not `/c/…`,
 * any other `/api/…`, `/admin…`, nor anything but an origin-form target.
 */
export function isPublicTarget(target: string): boolean {
  if (target.charCodeAt(0) !== 47 /* / */) return false;
  if (target.startsWith(PUBLIC_API_PREFIX)) return true;
  let end = 1;
  while (end < target.length && !SEGMENT_ENDS.has(target.charCodeAt(end))) end++;
  return !PRIVATE_FIRST_SEGMENTS.has(target.slice(1, end).toLowerCase());
}

// Case-sensitive, as the router is: `/API/v2/…` is no route of the read API.
const PUBLIC_API_PREFIX = '/api/v2/';

const SEGMENT_ENDS = new Set([47 /* / */, 63 /* ? */, 35 /* # */]);

/** `http://host/acme?month=2026-03` → `/acme?month=2026-03` (what the request line carried). */
export function requestTarget(url: string): string {
  const scheme = url.indexOf('://');
  const slash = url.indexOf('/', scheme === -1 ? 0 : scheme + 3);
  return slash === -1 ? '/' : url.slice(slash);
}
