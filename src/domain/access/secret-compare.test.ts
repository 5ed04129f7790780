import { afterEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ timingSafeEqual: [] as [number, number][] }));

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return {
    ...actual,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      calls.timingSafeEqual.push([a.byteLength, b.byteLength]);
      return actual.timingSafeEqual(a, b);
    },
  };
});

const { safeEqual } = await import('./secret-compare.js');

afterEach(() => {
  calls.timingSafeEqual.length = 0;
});

describe('safeEqual', () => {
  it('TOK-9 is true for identical secrets and false for any difference', () => {
    expect(safeEqual('s3cret-token', 's3cret-token')).toBe(true);
    expect(safeEqual('s3cret-token', 's3cret-tokeN')).toBe(false);
    expect(safeEqual('s3cret-token', 's3cret-toke')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
    expect(safeEqual('', 'x')).toBe(false);
  });

  it('TOK-9 compares Unicode by its UTF-8 bytes, not by normalisation', () => {
    expect(safeEqual('café', 'café')).toBe(true);
    expect(safeEqual('caf\u00e9', 'cafe\u0301')).toBe(false);
  });

  it('TOK-9/SES-1 goes through crypto.timingSafeEqual: on the bytes of equal-length non-ASCII text, else on equal-length digests', () => {
    safeEqual('short', 'a much longer secret value than the other one');
    safeEqual('x'.repeat(10_000), 'y');
    safeEqual('caf\u00e9', 'cafe\u0301'); // 5 and 6 bytes of UTF-8
    safeEqual('caf\u00e9', 'caf\u00e8');
    expect(calls.timingSafeEqual).toEqual([
      [32, 32],
      [32, 32],
      [32, 32],
      [5, 5],
    ]);
  });

  it('TOK-9/SES-1 compares equal-length ASCII (hashes, tokens) itself, looking at every character whatever differs', () => {
    const hash = 'q'.repeat(43);
    expect(safeEqual(hash, hash)).toBe(true);
    for (const at of [0, 21, 42]) expect(safeEqual(hash, `${hash.slice(0, at)}r${hash.slice(at + 1)}`)).toBe(false);
    expect(calls.timingSafeEqual).toEqual([]);
    // Every character is read, wherever the first difference is.
    const seen: number[] = [];
    const spy = { length: 43, charCodeAt: (i: number) => (seen.push(i), 114) };
    expect(safeEqual(hash, spy as unknown as string)).toBe(false);
    expect(new Set(seen).size).toBe(43);
  });

  it('TOK-9 never throws on unequal lengths (timingSafeEqual alone would)', () => {
    expect(() => safeEqual('a', 'bb')).not.toThrow();
  });
});
