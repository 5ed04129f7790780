import { BlockList, isIP } from 'node:net';

/**
 * WH-2: where a webhook may not connect: loopback, private, shared (CGNAT), link-local, multicast,
 * unspecified, reserved and documentation ranges, IPv6 unique-local, link-local and site-local, and the
 * IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4), which are judged by the
 * IPv4 address inside them.
 */
const REFUSED_V4: readonly [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const REFUSED_V6: readonly [string, number][] = [
  ['::', 96],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
  ['64:ff9b:1::', 48],
];

/** An IPv6 address as eight 16-bit groups, or null. */
function groupsOf(address: string): number[] | null {
  let text = address.toLowerCase().split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const parts = dotted[1]!.split('.').map(Number);
    text = `${text.slice(0, -dotted[1]!.length)}${((parts[0]! << 8) | parts[1]!).toString(16)}:${((parts[2]! << 8) | parts[3]!).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<string>(Math.max(fill, 0)).fill('0'), ...right].map((group) => parseInt(group, 16));
  return groups.length === 8 && groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : null;
}

const v4Of = (high: number, low: number): string => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;

/** The IPv4 address an IPv6 address carries (mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`), if any. */
function embeddedV4(groups: readonly number[]): string | null {
  const zeros = (from: number, to: number): boolean => groups.slice(from, to).every((group) => group === 0);
  if (zeros(0, 5) && groups[5] === 0xffff) return v4Of(groups[6]!, groups[7]!);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return v4Of(groups[6]!, groups[7]!);
  if (groups[0] === 0x2002) return v4Of(groups[1]!, groups[2]!);
  return null;
}

export interface AddressPolicy {
  /** Why a connection to `address` (an IP literal) is refused, or null when it may go ahead. */
  refusal(address: string): string | null;
}

/**
 * The policy with staff's explicit exceptions (WEBHOOK_ALLOWED_CIDRS, e.g. `10.1.0.0/16,::1/128`): an
 * address in an allowed range is let through even when a refused range holds it.
 */
export function createAddressPolicy(allowedCidrs: readonly string[]): AddressPolicy {
  const refused = new BlockList();
  for (const [network, prefix] of REFUSED_V4) refused.addSubnet(network, prefix, 'ipv4');
  for (const [network, prefix] of REFUSED_V6) refused.addSubnet(network, prefix, 'ipv6');
  const allowed = new BlockList();
  for (const cidr of allowedCidrs) {
    const [network, prefix] = parseCidr(cidr);
    allowed.addSubnet(network, prefix, isIP(network) === 6 ? 'ipv6' : 'ipv4');
  }
  const judge = (address: string, family: 'ipv4' | 'ipv6'): string | null => {
    if (allowed.check(address, family)) return null;
    return refused.check(address, family) ? `${address} is a loopback, private, link-local, multicast or reserved address` : null;
  };
  return {
    refusal(address) {
      const version = isIP(address.split('%')[0]!);
      if (version === 4) return judge(address, 'ipv4');
      if (version !== 6) return `${address} is not an IP address`;
      const groups = groupsOf(address);
      if (groups === null) return `${address} is not an IP address`;
      const inner = embeddedV4(groups);
      if (inner !== null) return allowed.check(address, 'ipv6') ? null : judge(inner, 'ipv4');
      return judge(address.split('%')[0]!, 'ipv6');
    },
  };
}

/** An address or `network/prefix`, checked, or a RangeError naming it (loadConfig validates its settings with this). */
export function parseCidr(cidr: string): [string, number] {
  const [network = '', prefixText, ...rest] = cidr.trim().split('/');
  const version = isIP(network);
  const prefix = prefixText === undefined ? (version === 6 ? 128 : 32) : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (version === 0 || rest.length > 0 || !(prefix <= (version === 6 ? 128 : 32))) {
    throw new RangeError(`not a CIDR range: ${JSON.stringify(cidr)}`);
  }
  return [network, prefix];
}
