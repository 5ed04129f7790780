import { expect, it } from 'vitest';
import { canonicaliseEmail } from '../../domain/access/email-address.js';
import { writeWithoutRevision } from '../../store/transaction.js';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { SUBSCRIPTION_LIMITS, countSubscriptionRequest } from './subscription-limits.js';

const email = (address: string) => {
  const parsed = canonicaliseEmail(address);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.address;
};

describeEachEngine('subscription request limits', (db) => {
  it('SUB-5: a page takes so many requests an hour from any number of addresses and clients, then refuses', async () => {
    const now = new Date('2025-03-01T12:00:00Z');
    const results = await writeWithoutRevision(db(), async (tx) => {
      const out: (string | null)[] = [];
      for (let i = 0; i <= SUBSCRIPTION_LIMITS.scopePerHour; i++) {
        const ip = `10.${(i >> 8) & 255}.${i & 255}.1`;
        out.push(await countSubscriptionRequest(tx, { scope: 'page:p1', email: email(`user${i}@example.com`), clientIp: ip, now }));
      }
      // Another page is not affected.
      out.push(await countSubscriptionRequest(tx, { scope: 'page:p2', email: email('other@example.com'), clientIp: '10.9.9.9', now }));
      return out;
    });
    expect(results.slice(0, SUBSCRIPTION_LIMITS.scopePerHour).every((result) => result === null)).toBe(true);
    expect(results[SUBSCRIPTION_LIMITS.scopePerHour]).toBe('scope_hour');
    expect(results.at(-1)).toBeNull();
  });

  it('SUB-5: one mailbox across pages, `+tag` stripped, and one IPv6 /64 count as one', async () => {
    const now = new Date('2025-03-01T12:00:00Z');
    const results = await writeWithoutRevision(db(), async (tx) => [
      await countSubscriptionRequest(tx, { scope: 'page:a', email: email('ada@example.com'), clientIp: '2001:db8::1', now }),
      await countSubscriptionRequest(tx, { scope: 'page:b', email: email('ada+x@example.com'), clientIp: '2001:db8::2', now }),
      await countSubscriptionRequest(tx, { scope: 'page:c', email: email('ADA@example.com'), clientIp: '2001:db8::3', now }),
    ]);
    expect(results).toEqual([null, null, 'mailbox_minute']);
  });
});
