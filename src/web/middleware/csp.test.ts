import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce } from './csp.js';

describe('contentSecurityPolicy (HDR-1)', () => {
  it('has every directive security.md asks for, with the nonce as the only script source', () => {
    const policy = contentSecurityPolicy('abc123==');
    const directives = new Map(policy.split('; ').map((part) => [part.split(' ')[0], part.split(' ').slice(1).join(' ')]));
    expect(Object.fromEntries(directives)).toEqual({
      'default-src': "'none'",
      'script-src': "'nonce-abc123=='",
      'style-src': "'self'",
      'img-src': "'self' data:",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
      'object-src': "'none'",
      'base-uri': "'none'",
    });
  });

  it('allows no script at all without a nonce', () => {
    expect(contentSecurityPolicy(null)).toContain("script-src 'none';");
    expect(contentSecurityPolicy(null)).not.toContain('unsafe');
  });

  it('makes a fresh nonce of at least 128 random bits each time, as 24 base64 characters', () => {
    // Past several batch refills too.
    const nonces = Array.from({ length: 1000 }, createNonce);
    expect(new Set(nonces).size).toBe(1000);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{24}$/);
      expect(Buffer.from(nonce, 'base64').length * 8).toBeGreaterThanOrEqual(128);
    }
  });
});
