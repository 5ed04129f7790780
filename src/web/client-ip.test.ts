import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createClientIpResolver } from './client-ip.js';

async function resolve(trusted: string[], peer: string | undefined, forwardedFor?: string): Promise<string> {
  const app = new Hono();
  const clientIp = createClientIpResolver(trusted);
  app.get('/', (c) => c.text(clientIp(c)));
  const env = peer === undefined ? undefined : { incoming: { socket: { remoteAddress: peer } } };
  const res = await app.request('/', { headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }, env);
  return res.text();
}

describe('createClientIpResolver (REQ-4)', () => {
  it('uses the socket peer when no proxy is trusted, whatever X-Forwarded-For says', async () => {
    expect(await resolve([], '203.0.113.9', '1.2.3.4')).toBe('203.0.113.9');
    expect(await resolve(['10.0.0.0/8'], '203.0.113.9', '1.2.3.4')).toBe('203.0.113.9');
  });

  it('reads X-Forwarded-For from the right, skipping trusted proxies', async () => {
    expect(await resolve(['10.0.0.0/8'], '10.0.0.5', '203.0.113.9')).toBe('203.0.113.9');
    expect(await resolve(['10.0.0.0/8'], '10.0.0.5', '1.2.3.4, 203.0.113.9, 10.1.1.1')).toBe('203.0.113.9');
    expect(await resolve(['10.0.0.0/8', '192.168.1.1'], '192.168.1.1', '198.51.100.7, 10.2.2.2')).toBe('198.51.100.7');
  });

  it('falls back to the proxy when the header is missing, all-trusted or malformed', async () => {
    expect(await resolve(['10.0.0.1'], '10.0.0.1')).toBe('10.0.0.1');
    expect(await resolve(['10.0.0.0/8'], '10.0.0.1', '10.0.0.2')).toBe('10.0.0.1');
    expect(await resolve(['10.0.0.1'], '10.0.0.1', 'not-an-ip')).toBe('10.0.0.1');
  });

  it('REQ-4: a malformed hop stops the walk at the trusted peer, so nothing written before it is believed', async () => {
    // Whatever sits left of a hop no trusted proxy wrote can be made up by the client.
    expect(await resolve(['10.0.0.1'], '10.0.0.1', '1.2.3.4, garbage')).toBe('10.0.0.1');
    expect(await resolve(['10.0.0.0/8'], '10.0.0.1', '1.2.3.4, garbage, 10.0.0.2')).toBe('10.0.0.1');
    expect(await resolve(['10.0.0.1'], '10.0.0.1', '1.2.3.4, ')).toBe('10.0.0.1');
  });

  it('understands IPv6 and IPv4-mapped addresses', async () => {
    expect(await resolve(['::1'], '::1', '2001:db8::5')).toBe('2001:db8::5');
    expect(await resolve(['127.0.0.1'], '::ffff:127.0.0.1', '198.51.100.1')).toBe('198.51.100.1');
    expect(await resolve(['fd00::/8'], 'fd00::1', '203.0.113.1')).toBe('203.0.113.1');
  });

  it('says unknown without a socket (e.g. app.request in tests)', async () => {
    expect(await resolve([], undefined)).toBe('unknown');
  });

  it('refuses a malformed TRUSTED_PROXIES entry at start-up', () => {
    expect(() => createClientIpResolver(['not-an-ip'])).toThrow(/TRUSTED_PROXIES/);
  });
});
