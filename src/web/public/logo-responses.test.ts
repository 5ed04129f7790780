import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { type LogoBytes, LogoResponses } from './logo-responses.js';

/** A fake logo of `size` bytes and its name. */
function logoOf(seed: string, size = 1000): { sha256: string; image: LogoBytes } {
  const bytes = Buffer.alloc(size, seed);
  return { sha256: createHash('sha256').update(bytes).digest('hex'), image: { contentType: 'image/png', bytes } };
}

/** A store read that answers from `logos` and counts its calls. */
function storeOf(...logos: ReturnType<typeof logoOf>[]) {
  const byName = new Map(logos.map(({ sha256, image }) => [sha256, image]));
  return vi.fn((sha256: string) => Promise.resolve(byName.get(sha256) ?? null));
}

describe('LogoResponses', () => {
  it('reads a logo from the store once, then answers from memory while a page names it', async () => {
    const logo = logoOf('a');
    const read = storeOf(logo);
    const logos = new LogoResponses({ maxEntries: 10, maxBytes: 1 << 20 });
    const first = await logos.find(logo.sha256, { isNamed: true, read });
    expect(first?.path).toBe(`/assets/logo-${logo.sha256}.png`);
    expect(first?.response.joinedBody().equals(logo.image.bytes)).toBe(true);
    const second = await logos.find(logo.sha256, { isNamed: true, read });
    expect(second).toBe(first);
    expect(read).toHaveBeenCalledOnce();
  });

  it('shares one read among concurrent misses, and remembers no name without a logo', async () => {
    const logo = logoOf('a');
    const read = storeOf(logo);
    const logos = new LogoResponses({ maxEntries: 10, maxBytes: 1 << 20 });
    const found = await Promise.all([1, 2, 3].map(() => logos.find(logo.sha256, { isNamed: true, read })));
    expect(new Set(found).size).toBe(1);
    expect(read).toHaveBeenCalledOnce();
    const junk = '0'.repeat(64);
    expect(await logos.find(junk, { isNamed: false, read })).toBeNull();
    expect(await logos.find(junk, { isNamed: false, read })).toBeNull();
    expect(read).toHaveBeenCalledTimes(3);
    expect(logos.size).toBe(1);
  });

  it('asks the store again for a logo no page names any more, so a removed logo is gone', async () => {
    const logo = logoOf('a');
    const logos = new LogoResponses({ maxEntries: 10, maxBytes: 1 << 20 });
    await logos.find(logo.sha256, { isNamed: true, read: storeOf(logo) });
    const removed = storeOf();
    expect(await logos.find(logo.sha256, { isNamed: false, read: removed })).toBeNull();
    expect(removed).toHaveBeenCalledOnce();
    expect(logos.size).toBe(0);
    expect(logos.bytes).toBe(0);
  });

  it('holds at most its byte bound, least recently used out first', async () => {
    const all = ['a', 'b', 'c', 'd', 'e'].map((seed) => logoOf(seed, 256 * 1024));
    const read = storeOf(...all);
    const logos = new LogoResponses({ maxEntries: 100, maxBytes: 3 * 256 * 1024 + 1024 });
    for (const { sha256 } of all.slice(0, 3)) await logos.find(sha256, { isNamed: true, read });
    await logos.find(all[0]!.sha256, { isNamed: true, read }); // a is now the most recently used
    for (const { sha256 } of all.slice(3)) {
      await logos.find(sha256, { isNamed: true, read });
      expect(logos.bytes).toBeLessThanOrEqual(3 * 256 * 1024 + 1024);
    }
    expect(logos.size).toBe(3);
    expect(read).toHaveBeenCalledTimes(5);
    // a stayed; b and c went, so asking for b reads the store again.
    await logos.find(all[0]!.sha256, { isNamed: true, read });
    expect(read).toHaveBeenCalledTimes(5);
    await logos.find(all[1]!.sha256, { isNamed: true, read });
    expect(read).toHaveBeenCalledTimes(6);
  });
});
