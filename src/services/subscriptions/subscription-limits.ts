import { type CanonicalEmail, formatMailboxKey } from '../../domain/access/email-address.js';
import type { Tx } from '../../store/transaction.js';
import { clientIpKey } from '../sign-in/sign-in-limits.js';
import { type NamedLimit, firstRefusedLimit } from '../sign-in/rate-limit.js';

/**
 * SUB-5 (as REQ-4): limits on subscription requests (subscribe and "manage my subscription" alike),
 * held in the database. Only the client IP limit is visible (429); the others silently queue nothing,
 * so they reveal nothing about the address (SUB-1).
 */
export const SUBSCRIPTION_LIMITS = {
  /** Per client IP (an IPv6 /64 counts as one client), across all pages. */
  clientIpPerHour: 30,
  /** Per mailbox (`+tag` stripped), across all pages: nobody gets mail-bombed with confirmations. */
  mailboxPerMinute: 2,
  mailboxPerHour: 10,
  /** Per page (scope): a flood of made-up addresses against one page stops here. */
  scopePerHour: 500,
} as const;

export type SubscriptionLimitName = 'client_ip' | 'mailbox_minute' | 'mailbox_hour' | 'scope_hour';

/**
 * Counts one subscription request against its limits, in order: client IP, mailbox per minute and
 * per hour, scope. Returns the limit that refused, or null.
 */
export async function countSubscriptionRequest(
  tx: Tx,
  input: { scope: string; email: CanonicalEmail; clientIp: string; now: Date },
): Promise<SubscriptionLimitName | null> {
  const { now } = input;
  const mailbox = `subscribe:mailbox:${formatMailboxKey(input.email)}`;
  const checks: NamedLimit<SubscriptionLimitName>[] = [
    ['client_ip', `subscribe:ip:${clientIpKey(input.clientIp)}`, SUBSCRIPTION_LIMITS.clientIpPerHour, 3600],
    ['mailbox_minute', mailbox, SUBSCRIPTION_LIMITS.mailboxPerMinute, 60],
    ['mailbox_hour', mailbox, SUBSCRIPTION_LIMITS.mailboxPerHour, 3600],
    ['scope_hour', `subscribe:scope:${input.scope}`, SUBSCRIPTION_LIMITS.scopePerHour, 3600],
  ];
  return firstRefusedLimit(tx, checks, now);
}
