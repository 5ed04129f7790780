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

  it('TOK-9/SES-1 goes through crypto.timingSafeEqual: on the bytes when their lengths agree, else on equal-length digests', () => {
    safeEqual('short', 'a much longer secret value than the other one');
    safeEqual('x'.repeat(10_000), 'y');
    safeEqual('caf\u00e9', 'cafe\u0301'); // 5 and 6 bytes of UTF-8
    safeEqual('a'.repeat(43), 'b'.repeat(43)); // two session hashes
    expect(calls.timingSafeEqual).toEqual([
      [32, 32],
      [32, 32],
      [32, 32],
      [43, 43],
    ]);
  });

  it('TOK-9 never throws on unequal lengths (timingSafeEqual alone would)', () => {
    expect(() => safeEqual('a', 'bb')).not.toThrow();
  });
});
