import { describe, expect, it } from 'vitest';
import { readUnsubscribeToken, unsubscribeToken, unsubscribeUrl } from './subscription-links.js';

const SECRET = 'a-server-secret-of-enough-length-for-tests';

describe('unsubscribe tokens (SUB-2, SUB-3)', () => {
  it('names its subscription to this server only', () => {
    const token = unsubscribeToken(SECRET, 'sub_1');
    expect(readUnsubscribeToken(SECRET, token)).toBe('sub_1');
    expect(readUnsubscribeToken('another-server-secret-of-enough-length', token)).toBeNull();
  });

  it('cannot be moved to another subscription or altered', () => {
    const token = unsubscribeToken(SECRET, 'sub_1');
    const mac = token.slice(token.indexOf('.') + 1);
    expect(readUnsubscribeToken(SECRET, `sub_2.${mac}`)).toBeNull();
    const flipped = mac.slice(0, -1) + (mac.endsWith('0') ? '1' : '0');
    expect(readUnsubscribeToken(SECRET, `sub_1.${flipped}`)).toBeNull();
    for (const junk of [undefined, 42, '', 'sub_1', '.abc', `sub_1.${mac}x`, `${'x'.repeat(200)}.${mac}`])
      expect(readUnsubscribeToken(SECRET, junk)).toBeNull();
  });

  it('makes an absolute URL under PUBLIC_URL whatever its trailing slashes', () => {
    expect(unsubscribeUrl('https://status.example.com//', SECRET, 'sub_1')).toBe(
      `https://status.example.com/subscriptions/unsubscribe/${unsubscribeToken(SECRET, 'sub_1')}`,
    );
  });
});
