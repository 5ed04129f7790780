import type { CacheBounds } from './cache-bounds.js';

/**
 * A map bounded by entry count and by approximate bytes (each entry's size is given when it is
 * set), evicting the least recently used first. `get` counts as a use; `peek` does not.
 * `onEvict` hears of entries pushed out by the bounds (not of `delete` or `clear`), so a cache
 * that keeps side maps (a token → hash index, say) can drop them too.
 *
 * @example
 * const lru = new ByteLru<string, Buffer>({ maxEntries: 100, maxBytes: 1 << 20 });
 * lru.set(key, body, body.length);
 */
export class ByteLru<K, V> {
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  readonly #onEvict: ((key: K, value: V) => void) | undefined;
  // A Map iterates in insertion order: re-inserting on use keeps the least recent first.
  readonly #entries = new Map<K, { value: V; bytes: number }>();
  #bytes = 0;

  constructor(bounds: CacheBounds, onEvict?: (key: K, value: V) => void) {
    this.#maxEntries = bounds.maxEntries;
    this.#maxBytes = bounds.maxBytes;
    this.#onEvict = onEvict;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The accounted bytes of every entry held. */
  get bytes(): number {
    return this.#bytes;
  }

  get(key: K): V | undefined {
    const held = this.#entries.get(key);
    if (held === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, held);
    return held.value;
  }

  peek(key: K): V | undefined {
    return this.#entries.get(key)?.value;
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  /** Stores `value` as the most recent entry; one larger than the whole budget is not kept. */
  set(key: K, value: V, bytes: number): void {
    this.delete(key);
    if (bytes > this.#maxBytes || this.#maxEntries < 1) return;
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
    this.#trim();
  }

  delete(key: K): boolean {
    const held = this.#entries.get(key);
    if (held === undefined) return false;
    this.#entries.delete(key);
    this.#bytes -= held.bytes;
    return true;
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  *entries(): IterableIterator<[K, V]> {
    for (const [key, held] of this.#entries) yield [key, held.value];
  }

  #trim(): void {
    for (const [key, held] of this.#entries) {
      if (this.#entries.size <= this.#maxEntries && this.#bytes <= this.#maxBytes) return;
      this.#entries.delete(key);
      this.#bytes -= held.bytes;
      this.#onEvict?.(key, held.value);
    }
  }
}

/** Approximate heap bytes of a string: V8 keeps most strings as one or two bytes a character. */
export const stringBytes = (text: string): number => 2 * text.length;
