import { isIP } from 'node:net';
import { type CanonicalEmail, formatMailboxKey } from '../../domain/access/email-address.js';
import type { Tx } from '../../store/transaction.js';
import { type NamedLimit, firstRefusedLimit } from './rate-limit.js';

/**
 * REQ-4 limits on asking for sign-in links. Only the client IP limit is visible (429); the others
 * silently send nothing, so they reveal nothing about the address (REQ-1).
 */
export const SIGN_IN_LIMITS = {
  mailboxPerMinute: 1,
  mailboxPerHour: 5,
  /** Per page and domain: enough for a team signing in together, not for mail-bombing it. */
  domainPerHour: 20,
  /** Per client IP (an IPv6 /64 counts as one client), across all pages. */
  clientIpPerHour: 30,
} as const;

export type SignInLimitName = 'client_ip' | 'mailbox_minute' | 'mailbox_hour' | 'domain_hour';

/**
 * The rate-limit key of a client: the IPv4 address, or the /64 prefix of an IPv6 address (one
 * subscriber usually holds a whole /64). Anything else shares one bucket.
 *
 * @example clientIpKey('2001:db8:1:2:3:4:5:6') // '2001:0db8:0001:0002::/64'
 */
export function clientIpKey(ip: string): string {
  const text = ip.trim().toLowerCase();
  const family = isIP(text);
  if (family === 4) return text;
  if (family !== 6) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (mapped?.[1]) return mapped[1];
  return `${expandIpv6(text).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(text: string): string[] {
  let address = text.split('%')[0] ?? '';
  // An IPv4 tail (`::1.2.3.4`) becomes two groups.
  const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  if (tail) {
    const [a, b, c, d] = tail.slice(1).map(Number) as [number, number, number, number];
    address = `${address.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = address.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const zeros = rest === undefined ? [] : Array.from({ length: 8 - headGroups.length - restGroups.length }, () => '0');
  return [...headGroups, ...zeros, ...restGroups].map((group) => group.padStart(4, '0'));
}

/**
 * Counts one sign-in request against its limits, in order: the client IP first (refused → 429 for
 * every address alike), then the mailbox (`+tag` stripped, DOM-6) per minute and per hour, then the
 * domain. Stops at the first refusal, so a refused request does not use up the next limit too.
 * Returns the limit that refused, or null.
 */
export async function countSignInRequest(
  tx: Tx,
  input: { customerPageId: string; email: CanonicalEmail; clientIp: string; now: Date },
): Promise<SignInLimitName | null> {
  const { customerPageId: page, email, now } = input;
  const mailbox = `sign-in:mailbox:${page}:${formatMailboxKey(email)}`;
  const checks: NamedLimit<SignInLimitName>[] = [
    ['client_ip', `sign-in:ip:${clientIpKey(input.clientIp)}`, SIGN_IN_LIMITS.clientIpPerHour, 3600],
    ['mailbox_minute', mailbox, SIGN_IN_LIMITS.mailboxPerMinute, 60],
    ['mailbox_hour', mailbox, SIGN_IN_LIMITS.mailboxPerHour, 3600],
    ['domain_hour', `sign-in:domain:${page}:${email.domain}`, SIGN_IN_LIMITS.domainPerHour, 3600],
  ];
  return firstRefusedLimit(tx, checks, now);
}
