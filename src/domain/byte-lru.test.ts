import { describe, expect, it } from 'vitest';
import { ByteLru } from './byte-lru.js';

describe('ByteLru', () => {
  it('evicts the least recently used entries once the bytes pass the budget', () => {
    const evicted: string[] = [];
    const lru = new ByteLru<string, number>({ maxEntries: 100, maxBytes: 100 }, (key) => evicted.push(key));
    lru.set('a', 1, 40);
    lru.set('b', 2, 40);
    lru.get('a'); // b is now the least recent
    lru.set('c', 3, 40);
    expect(evicted).toEqual(['b']);
    expect(lru.bytes).toBe(80);
    expect([...lru.entries()].map(([key]) => key)).toEqual(['a', 'c']);
  });

  it('never holds more than its budget, whatever is set', () => {
    const lru = new ByteLru<number, string>({ maxEntries: 1000, maxBytes: 1000 });
    for (let i = 0; i < 500; i++) {
      lru.set(i, 'x', 1 + (i % 97));
      expect(lru.bytes).toBeLessThanOrEqual(1000);
    }
    // The survivors are the most recent ones, in order.
    const keys = [...lru.entries()].map(([key]) => key);
    expect(keys.at(-1)).toBe(499);
    expect(keys).toEqual([...keys].sort((x, y) => x - y));
  });

  it('evicts by count too, and peek does not count as a use', () => {
    const lru = new ByteLru<string, number>({ maxEntries: 2, maxBytes: 1e9 });
    lru.set('a', 1, 1);
    lru.set('b', 2, 1);
    expect(lru.peek('a')).toBe(1);
    lru.set('c', 3, 1);
    expect(lru.has('a')).toBe(false);
    expect(lru.size).toBe(2);
  });

  it('does not keep an entry larger than the whole budget, and replaces an entry with its new size', () => {
    const lru = new ByteLru<string, number>({ maxEntries: 10, maxBytes: 10 });
    lru.set('a', 1, 4);
    lru.set('huge', 2, 11);
    expect(lru.has('huge')).toBe(false);
    lru.set('a', 3, 6);
    expect(lru.bytes).toBe(6);
    expect(lru.delete('a')).toBe(true);
    expect(lru.bytes).toBe(0);
  });
});
