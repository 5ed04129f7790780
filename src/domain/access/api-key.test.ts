import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateApiKeyToken, hashApiKey, isApiKeyToken } from './api-key.js';

describe('generateApiKeyToken', () => {
  it('is bk_ followed by 32 bytes of base64url', () => {
    const token = generateApiKeyToken();
    expect(token).toMatch(/^bk_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(3), 'base64url')).toHaveLength(32);
  });

  it('never repeats', () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateApiKeyToken));
    expect(tokens.size).toBe(1000);
  });
});

describe('isApiKeyToken', () => {
  it('accepts generated tokens', () => {
    expect(isApiKeyToken(generateApiKeyToken())).toBe(true);
  });

  it.each([
    '',
    'bk_',
    'bk_short',
    `xx_${'a'.repeat(43)}`,
    `bk_${'a'.repeat(42)}`,
    `bk_${'a'.repeat(44)}`,
    `bk_${'a'.repeat(42)}=`,
    `bk_${'a'.repeat(42)}+`,
  ])('refuses %j', (token) => {
    expect(isApiKeyToken(token)).toBe(false);
  });
});

describe('hashApiKey', () => {
  it('is the SHA-256 hex of the token', () => {
    const token = generateApiKeyToken();
    expect(hashApiKey(token)).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashApiKey(token)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs for different tokens and is stable for one', () => {
    const token = generateApiKeyToken();
    expect(hashApiKey(token)).toBe(hashApiKey(token));
    expect(hashApiKey(token)).not.toBe(hashApiKey(generateApiKeyToken()));
  });
});
