import { BlockList, isIP } from 'node:net';
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';

/** The client's address as far as it can be known; `'unknown'` when the socket tells nothing. */
export type ClientIpResolver = (c: Context) => string;

/**
 * REQ-4: the client address for rate limits. `X-Forwarded-For` is believed only when the socket
 * peer is one of `trustedProxies` (IPs or CIDRs, TRUSTED_PROXIES); then the list is read from the
 * right, skipping trusted proxies, and the first other address is the client. A spoofed header from
 * anyone else is ignored, so a client cannot pick its own rate-limit bucket.
 *
 * @example const clientIp = createClientIpResolver(config.trustedProxies); clientIp(c) // '203.0.113.9'
 */
export function createClientIpResolver(trustedProxies: readonly string[]): ClientIpResolver {
  const trusted = buildBlockList(trustedProxies);
  const isTrusted = (ip: string): boolean => {
    const family = isIP(ip);
    return family !== 0 && trusted.check(ip, family === 4 ? 'ipv4' : 'ipv6');
  };
  return (c) => {
    const peer = normalise((c.env as Partial<HttpBindings> | undefined)?.incoming?.socket?.remoteAddress);
    if (peer === null) return 'unknown';
    if (trustedProxies.length === 0 || !isTrusted(peer)) return peer;
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((hop) => normalise(hop.trim()));
    for (let i = hops.length - 1; i >= 0; i -= 1) {
      const hop = hops[i];
      // A malformed hop was written by someone we cannot vouch for: stop at the last proxy we trust.
      if (hop === null || hop === undefined) return peer;
      if (!isTrusted(hop)) return hop;
    }
    return peer;
  };
}

/** A plain IP, with IPv4-mapped IPv6 (`::ffff:1.2.3.4`) unwrapped; null for anything else. */
function normalise(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  const ip = mapped?.[1] ?? value;
  return isIP(ip) === 0 ? null : ip.toLowerCase();
}

function buildBlockList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.trim().split('/');
    const family = isIP(address);
    if (family === 0) throw new Error(`TRUSTED_PROXIES: ${JSON.stringify(entry)} is not an IP address or CIDR`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}
