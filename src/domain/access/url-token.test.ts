import { describe, expect, it } from 'vitest';
import { newUrlToken } from './url-token.js';

describe('newUrlToken', () => {
  it('gives 144 random bits as 24 base64url characters', () => {
    const token = newUrlToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(18);
  });

  it('never repeats', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newUrlToken));
    expect(tokens.size).toBe(1000);
  });
});
