import { type Clock, systemClock } from '../domain/clock.js';
import { nextClockChange } from '../domain/history/clock-horizon.js';
import type { Snapshot } from '../domain/snapshot.js';
import { CachedResponse, type CachedResponseOptions, type Rendered } from './cached-response.js';
import { timeZones } from './time-zones.js';

export { CachedResponse, type Rendered } from './cached-response.js';
export { sendCached, type SendOptions } from './send-cached.js';

/** Renders one response at `now`; the result must depend only on the snapshot and the clock epoch. */
export type Render = (now: Date) => Rendered | Promise<Rendered>;

export interface RenderCacheOptions {
  clock?: Clock;
  /** Most entries kept (least recently used go first). */
  maxEntries: number;
  /** Most bytes kept, counting every form made (identity, and gzip and brotli once asked for). */
  maxBytes: number;
  /** When what the snapshot renders to next changes by the clock alone (tests may replace it). */
  horizon?: (snapshot: Snapshot, now: Date) => Date;
  /**
   * Longest life of an epoch whatever the horizon says: output that drifts with the clock between
   * horizons (today's uptime while an incident is open) is at most this stale. Re-rendering to the
   * same bytes keeps the same ETag, so clients still get 304s.
   */
  maxEpochMs?: number;
  /** Make gzip and brotli forms of each entry when a request asks for them (default true). */
  compress?: boolean;
}

// A horizon that is already past would re-render on every request; never expire sooner than this.
const MIN_EPOCH_MS = 1000;

interface Slot {
  entry: CachedResponse | undefined;
  pending: Promise<CachedResponse> | undefined;
  /** Insertion sequence number, for the approximate LRU. */
  seq: number;
  /** The entry's bytes as counted in the cache's total (its compressed forms arrive later, each when asked for). */
  bytes: number;
}

/**
 * Rendered responses of the current (snapshot revision, clock epoch), as bytes with their ETag and
 * gzip/brotli forms. A newer revision or a passed clock horizon drops every entry at once; within
 * one, entries are evicted least-recently-used first. Concurrent misses for a key render once.
 * A miss costs the render and the ETag only: the entry is served as identity at once, and each
 * compressed form is made when a client first asks for it (see CachedResponse).
 *
 * @example
 * const entry = cache.lookup(snapshot, c.req.path) ?? (await cache.fill(snapshot, c.req.path, render));
 * return sendCached(c, entry, { cacheControl: 'public, max-age=10' });
 */
export class RenderCache {
  readonly #clock: Clock;
  readonly #nowMs: () => number;
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  readonly #horizon: (snapshot: Snapshot, now: Date) => Date;
  readonly #maxEpochMs: number;
  readonly #entryOptions: CachedResponseOptions;
  #revision = -1;
  #expiresAtMs = -Infinity;
  #entries = new Map<string, Slot>();
  #bytes = 0;
  #seq = 0;

  constructor(options: RenderCacheOptions) {
    this.#clock = options.clock ?? systemClock;
    const clock = this.#clock;
    // The hot path reads the time on every request; Date.now() spares a Date allocation.
    this.#nowMs = clock === systemClock ? Date.now : () => clock().getTime();
    this.#maxEntries = options.maxEntries;
    this.#maxBytes = options.maxBytes;
    this.#horizon = options.horizon ?? ((snapshot, now) => nextClockChange(snapshot, now, timeZones));
    this.#maxEpochMs = options.maxEpochMs ?? 60_000;
    this.#entryOptions = { compress: options.compress ?? true };
  }

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** When the current clock epoch ends (ms since the epoch): every entry served now is current until then. */
  get epochEndsAtMs(): number {
    return this.#expiresAtMs;
  }

  /** The cached response for `key` if it is current for this snapshot and clock; the hot path. */
  lookup(snapshot: Snapshot, key: string): CachedResponse | undefined {
    if (snapshot.revision !== this.#revision || this.#nowMs() >= this.#expiresAtMs) return undefined;
    const slot = this.#entries.get(key);
    if (slot === undefined || slot.entry === undefined) return undefined;
    // Move to the young end only when in the older half, so hits on hot entries cost no map writes.
    // (Half of what is held, not of the entry bound: the byte bound usually binds first.)
    if (this.#seq - slot.seq > this.#entries.size >> 1) {
      this.#entries.delete(key);
      slot.seq = ++this.#seq;
      this.#entries.set(key, slot);
    }
    return slot.entry;
  }

  /** Renders and stores `key` (or joins a render already under way for it). */
  fill(snapshot: Snapshot, key: string, render: Render): CachedResponse | Promise<CachedResponse> {
    const now = this.#clock();
    this.#advance(snapshot, now);
    // An older snapshot than the cache's (a slow reader): answer it, but do not let it pollute the cache.
    // Sent once and dropped, so not worth compressing.
    if (snapshot.revision < this.#revision) return settle(render(now), (rendered) => new CachedResponse(rendered, { compress: false }));

    const existing = this.#entries.get(key);
    if (existing?.entry) return existing.entry;
    if (existing?.pending) return existing.pending;

    const entries = this.#entries;
    const produced = render(now);
    if (!(produced instanceof Promise)) return this.#store(entries, key, new CachedResponse(produced, this.#entryOptions));

    const slot: Slot = { entry: undefined, pending: undefined, seq: ++this.#seq, bytes: 0 };
    slot.pending = produced.then(
      (rendered) => {
        const entry = new CachedResponse(rendered, this.#entryOptions);
        if (entries.get(key) === slot) {
          entries.delete(key);
          this.#store(entries, key, entry);
        }
        return entry;
      },
      (error: unknown) => {
        if (entries.get(key) === slot) entries.delete(key);
        throw error;
      },
    );
    entries.set(key, slot);
    return slot.pending;
  }

  /** Drops every entry (e.g. when the templates change in development). */
  clear(): void {
    for (const slot of this.#entries.values()) slot.entry?.abandon();
    this.#entries = new Map();
    this.#bytes = 0;
  }

  #advance(snapshot: Snapshot, now: Date): void {
    const nowMs = now.getTime();
    if (snapshot.revision > this.#revision || (snapshot.revision === this.#revision && nowMs >= this.#expiresAtMs)) {
      this.clear();
      this.#revision = snapshot.revision;
      const horizonMs = Math.max(this.#horizon(snapshot, now).getTime(), nowMs + MIN_EPOCH_MS);
      this.#expiresAtMs = Math.min(horizonMs, nowMs + this.#maxEpochMs);
    }
  }

  #store(entries: Map<string, Slot>, key: string, entry: CachedResponse): CachedResponse {
    // A render that finished after the generation moved on is answered but not kept.
    if (entries !== this.#entries) return entry;
    const slot: Slot = { entry, pending: undefined, seq: ++this.#seq, bytes: entry.byteLength };
    entries.set(key, slot);
    this.#bytes += slot.bytes;
    this.#evict();
    // Each compressed form counts once it exists (made when first asked for, at any time), if the entry is
    // still held. Not `entries`: the listener lives as long as the entry, which must not keep a dropped generation.
    entry.observeGrowth(() => {
      if (this.#entries.get(key) !== slot) return;
      this.#bytes += entry.byteLength - slot.bytes;
      slot.bytes = entry.byteLength;
      this.#evict();
    });
    return entry;
  }

  #evict(): void {
    for (const [key, slot] of this.#entries) {
      if (this.#entries.size <= this.#maxEntries && this.#bytes <= this.#maxBytes) return;
      if (slot.entry === undefined) continue;
      slot.entry.abandon();
      this.#entries.delete(key);
      this.#bytes -= slot.bytes;
    }
  }
}

function settle<T, U>(value: T | Promise<T>, map: (value: T) => U): U | Promise<U> {
  return value instanceof Promise ? value.then(map) : map(value);
}
