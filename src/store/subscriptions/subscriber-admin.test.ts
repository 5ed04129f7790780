import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { writeTransaction } from '../transaction.js';
import {
  type ConfirmedSubscriberInput,
  countSubscribersByScope,
  deleteSubscriber,
  listSubscribers,
  upsertConfirmedSubscribers,
} from './subscriber-admin.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
let serial = 0;
const input = (scope: string, email: string): ConfirmedSubscriberInput => ({
  id: `id${String(++serial).padStart(14, '0')}`,
  scope,
  email,
  domain: email.split('@')[1]!,
  componentIds: null,
  consentSource: 'staff:s1',
  consentAt: NOW,
});

describeEachEngine('store/subscriptions/subscriber-admin', (database) => {
  const tx = <T>(work: Parameters<typeof writeTransaction<T>>[1]) => writeTransaction(database(), work).then((r) => r.result);
  const db = () => database().db;

  it('upserts idempotently on (scope, address): created, pending confirmed, confirmed unchanged, unsubscribed left so', async () => {
    await tx((t) =>
      upsertConfirmedSubscribers(
        t,
        [input('page:a', 'one@example.com'), input('page:a', 'two@example.com'), input('page:a', 'three@example.com')],
        NOW,
      ),
    );
    await db()
      .updateTable('email_subscriptions')
      .set({ state: 'pending', confirmed_at: null })
      .where('email', '=', 'two@example.com')
      .execute();
    await db().updateTable('email_subscriptions').set({ state: 'unsubscribed' }).where('email', '=', 'three@example.com').execute();
    const later = new Date(NOW.getTime() + 60_000);
    const outcomes = await tx((t) =>
      upsertConfirmedSubscribers(
        t,
        [
          input('page:a', 'one@example.com'),
          input('page:a', 'two@example.com'),
          input('page:a', 'three@example.com'),
          input('page:b', 'one@example.com'),
        ],
        later,
      ),
    );
    expect(outcomes).toEqual(['unchanged', 'confirmed', 'unsubscribed', 'created']);
    const rows = await listSubscribers(db(), { limit: 10 });
    expect(rows.map((r) => [r.scope, r.email, r.state])).toEqual([
      ['page:a', 'one@example.com', 'confirmed'],
      ['page:a', 'three@example.com', 'unsubscribed'],
      ['page:a', 'two@example.com', 'confirmed'],
      ['page:b', 'one@example.com', 'confirmed'],
    ]);
    expect(rows[2]!.confirmedAt).toEqual(later);
  });

  it('pages across scopes by (scope, address), filters by a prefix with LIKE wildcards taken literally, and counts per scope', async () => {
    await tx((t) =>
      upsertConfirmedSubscribers(
        t,
        [
          input('customer:c', 'a_b@example.com'),
          input('customer:c', 'axb@example.com'),
          input('page:p', 'a%@example.com'),
          input('sub:p/e', 'z@example.com'),
        ],
        NOW,
      ),
    );
    const first = await listSubscribers(db(), { limit: 2 });
    const rest = await listSubscribers(db(), { limit: 10, after: { scope: first[1]!.scope, email: first[1]!.email } });
    expect([...first, ...rest].map((r) => `${r.scope} ${r.email}`)).toEqual([
      'customer:c a_b@example.com',
      'customer:c axb@example.com',
      'page:p a%@example.com',
      'sub:p/e z@example.com',
    ]);
    expect((await listSubscribers(db(), { scope: 'customer:c', emailPrefix: 'a_', limit: 10 })).map((r) => r.email)).toEqual([
      'a_b@example.com',
    ]);
    expect((await listSubscribers(db(), { emailPrefix: 'a%', limit: 10 })).map((r) => r.email)).toEqual(['a%@example.com']);
    expect(await countSubscribersByScope(db(), { excludePages: true, limit: 10 })).toEqual([
      { scope: 'customer:c', email: { pending: 0, confirmed: 2, unsubscribed: 0 } },
      { scope: 'sub:p/e', email: { pending: 0, confirmed: 1, unsubscribed: 0 } },
    ]);
    expect((await countSubscribersByScope(db(), { afterScope: 'customer:c', limit: 1 })).map((c) => c.scope)).toEqual(['page:p']);
    expect(await countSubscribersByScope(db(), { scopes: [], limit: 10 })).toEqual([]);
  });

  it('deletes a subscriber with its links', async () => {
    const [subscriber] = [input('page:a', 'one@example.com')];
    await tx((t) => upsertConfirmedSubscribers(t, [subscriber!], NOW));
    await db()
      .insertInto('subscription_tokens')
      .values({
        token_hash: 'h1',
        id: 't1',
        subscription_id: subscriber!.id,
        purpose: 'manage',
        code_hash: null,
        created_at: NOW.toISOString(),
        expires_at: NOW.toISOString(),
        used_at: null,
      })
      .execute();
    expect((await tx((t) => deleteSubscriber(t, subscriber!.id)))?.email).toBe('one@example.com');
    expect(await db().selectFrom('subscription_tokens').selectAll().execute()).toEqual([]);
    expect(await tx((t) => deleteSubscriber(t, subscriber!.id))).toBeNull();
  });
});
