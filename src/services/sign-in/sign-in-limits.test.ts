import { describe, expect, it } from 'vitest';
import { clientIpKey } from './sign-in-limits.js';

describe('clientIpKey', () => {
  it('REQ-4: counts an IPv4 client by its address and an IPv6 client by its /64', () => {
    expect(clientIpKey('203.0.113.9')).toBe('203.0.113.9');
    expect(clientIpKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(clientIpKey('2001:db8:1:2:3:4:5:6')).toBe('2001:0db8:0001:0002::/64');
    expect(clientIpKey('2001:DB8:1:2::ffff')).toBe('2001:0db8:0001:0002::/64');
    expect(clientIpKey('2001:db8::1')).toBe('2001:0db8:0000:0000::/64');
    expect(clientIpKey('::1')).toBe('0000:0000:0000:0000::/64');
    expect(clientIpKey('fe80::1%eth0')).toBe('fe80:0000:0000:0000::/64');
    expect(clientIpKey('64:ff9b::192.0.2.1')).toBe('0064:ff9b:0000:0000::/64');
    expect(clientIpKey('not an ip')).toBe('unknown');
    expect(clientIpKey('')).toBe('unknown');
  });
});
