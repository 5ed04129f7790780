import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  LINK_TOKEN_BYTES,
  PENDING_COOKIE_BYTES,
  SESSION_TOKEN_BYTES,
  hashSecret,
  hmac,
  isTokenShaped,
  normaliseCode,
  randomCode,
  randomToken,
} from './secrets.js';
import { openSealed, seal } from './seal.js';

const SECRET = 'a-server-secret-of-at-least-32-characters!';

describe('secrets', () => {
  it('TOK-1: a link token is 32 random bytes, base64url, and never repeats', () => {
    const tokens = Array.from({ length: 2000 }, () => randomToken(LINK_TOKEN_BYTES));
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens.slice(0, 50)) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(isTokenShaped(token, LINK_TOKEN_BYTES)).toBe(true);
    }
  });

  it('SES-1/RED-3: session ids carry at least 128 bits, pending cookies exactly 128', () => {
    expect(SESSION_TOKEN_BYTES).toBeGreaterThanOrEqual(16);
    expect(Buffer.from(randomToken(SESSION_TOKEN_BYTES), 'base64url').length).toBe(SESSION_TOKEN_BYTES);
    expect(PENDING_COOKIE_BYTES).toBe(16);
    expect(randomToken(PENDING_COOKIE_BYTES)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(() => randomToken(15)).toThrow(RangeError);
  });

  it('refuses anything not shaped like a token before hashing', () => {
    const token = randomToken(32);
    expect(isTokenShaped(`${token}=`, 32)).toBe(false);
    expect(isTokenShaped(token.slice(1), 32)).toBe(false);
    expect(isTokenShaped(`${token.slice(1)}+`, 32)).toBe(false);
    expect(isTokenShaped(undefined, 32)).toBe(false);
    expect(isTokenShaped(token, 16)).toBe(false);
  });

  it('TOK-8: codes are 8 digits, independent draws, spread evenly over every digit position', () => {
    const draws = 20_000;
    const counts = Array.from({ length: 8 }, () => new Array<number>(10).fill(0));
    const seen = new Set<string>();
    for (let i = 0; i < draws; i++) {
      const code = randomCode();
      expect(code).toMatch(/^[0-9]{8}$/);
      seen.add(code);
      [...code].forEach((digit, position) => {
        counts[position]![Number(digit)]! += 1;
      });
    }
    // Leading zeros are kept (a number would drop them) and nearly every draw is new.
    expect(counts[0]![0]).toBeGreaterThan(0);
    expect(seen.size).toBeGreaterThan(draws * 0.99);
    // Each digit is expected 2000 times per position; 1700–2300 is over 6 standard deviations wide.
    for (const position of counts) {
      for (const count of position) {
        expect(count).toBeGreaterThan(1700);
        expect(count).toBeLessThan(2300);
      }
    }
  });

  it('accepts typed codes with spaces or dashes, nothing else', () => {
    expect(normaliseCode('1234 5678')).toBe('12345678');
    expect(normaliseCode('1234-5678')).toBe('12345678');
    expect(normaliseCode('1234567')).toBeNull();
    expect(normaliseCode('123456789')).toBeNull();
    expect(normaliseCode('１２３４５６７８')).toBeNull();
    expect(normaliseCode(12345678)).toBeNull();
  });

  it('TOK-2: HMACs are keyed by the server secret and separated by purpose', () => {
    expect(hmac(SECRET, 'x')).toMatch(/^[0-9a-f]{64}$/);
    expect(hmac(SECRET, 'x')).toBe(hmac(SECRET, 'x'));
    expect(hmac(`${SECRET}!`, 'x')).not.toBe(hmac(SECRET, 'x'));
    expect(hashSecret(SECRET, 'session', 'x')).not.toBe(hashSecret(SECRET, 'sign-in-token', 'x'));
    expect(hashSecret(SECRET, 'session', 'x')).not.toContain('x');
    // The stored hashes too are keyed by the server secret: HMAC-SHA256 under it, of purpose and value.
    expect(hashSecret(`${SECRET}!`, 'session', 'x')).not.toBe(hashSecret(SECRET, 'session', 'x'));
    expect(hashSecret(SECRET, 'sign-in-token', 'x')).toBe(createHmac('sha256', SECRET).update('beacon:sign-in-token:x').digest('hex'));
  });

  it('TOK-2: sealed values hide their plaintext and open only under the same secret, untampered', () => {
    const plaintext = JSON.stringify({ token: randomToken(32), code: randomCode() });
    const sealed = seal(SECRET, plaintext);
    expect(sealed).not.toContain(plaintext.slice(10, 30));
    expect(seal(SECRET, plaintext)).not.toBe(sealed);
    expect(openSealed(SECRET, sealed)).toBe(plaintext);
    expect(openSealed(`${SECRET}x`, sealed)).toBeNull();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[2]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(openSealed(SECRET, [parts[0], parts[1], body.toString('base64url'), parts[3]].join('.'))).toBeNull();
    expect(openSealed(SECRET, 'garbage')).toBeNull();
  });
});
