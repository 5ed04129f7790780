import pino from 'pino';
import { expect, it } from 'vitest';
import { toAllowlist } from '../../domain/access/allowlist.js';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { TEST_SECRET } from '../../../test/helpers/sign-in-fixtures.js';
import { buildTestContext } from '../../../test/helpers/write-fixtures.js';
import { findEmailSubscription } from '../../store/subscriptions/email-subscriptions.js';
import type { Database } from '../../store/database.js';
import { runOutboxOnce } from '../outbox/outbox-worker.js';
import { openSealed } from '../seal.js';
import { confirmSubscriptionLink } from './subscription-confirm.js';
import type { ScopeTarget, SubscriptionDeps } from './subscription-deps.js';
import { pruneSubscriptionState } from './subscription-housekeeping.js';
import { createSubscriptionMailHandler } from './subscription-mail.js';
import { SUBSCRIPTION_MAIL_KIND, SubscriptionMailPayloadSchema, SubscriptionMailSecretsSchema } from './subscription-mail-payload.js';
import { type ResolvedScope, requestSubscription } from './subscription-request.js';
import { memoryMailer } from '../../../test/helpers/subscription-fixtures.js';

const PUBLIC: ResolvedScope = { key: 'page:p1', name: 'Platform', allowlist: null };
const CUSTOMER: ResolvedScope = { key: 'customer:c1', name: 'Acme', allowlist: toAllowlist(['acme.test']) };

function setUp(database: Database) {
  const context = buildTestContext(database);
  const deps: SubscriptionDeps = { database, clock: context.ctx.clock, secret: TEST_SECRET };
  return { ...context, deps };
}

/** The raw token a queued mail carries, read as the mail handler would. */
async function queuedToken(database: Database, to: string): Promise<string> {
  const rows = await database.db.selectFrom('outbox').select('payload').where('kind', '=', SUBSCRIPTION_MAIL_KIND).execute();
  const payload = rows.map((row) => SubscriptionMailPayloadSchema.parse(JSON.parse(row.payload))).find((p) => p.to === to);
  return SubscriptionMailSecretsSchema.parse(JSON.parse(openSealed(TEST_SECRET, payload!.sealed!)!)).token;
}

describeEachEngine('subscription services', (db) => {
  it('SUB-2 (as TOK-5): twenty parallel confirmations of one link confirm once', async () => {
    const { deps } = setUp(db());
    await requestSubscription(deps, { scope: PUBLIC, rawEmail: 'ada@example.com', componentIds: null, clientIp: '203.0.113.1' });
    const token = await queuedToken(db(), 'ada@example.com');
    const results = await Promise.all(Array.from({ length: 20 }, () => confirmSubscriptionLink(deps, token)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const confirmed = await db().db.selectFrom('audit_log').select('id').where('action', '=', 'subscription.confirmed').execute();
    expect(confirmed).toHaveLength(1);
    expect((await findEmailSubscription(db().db, PUBLIC.key, 'ada@example.com'))?.state).toBe('confirmed');
  });

  it('SUB-2 (as TOK-2): the mail leaves with its link, and the sealed token is gone from the row once sent', async () => {
    const { deps } = setUp(db());
    await requestSubscription(deps, { scope: PUBLIC, rawEmail: 'ada@example.com', componentIds: null, clientIp: '203.0.113.1' });
    const token = await queuedToken(db(), 'ada@example.com');
    const mailer = memoryMailer();
    const handler = createSubscriptionMailHandler(deps, { mailer, publicUrl: 'https://status.example.com/', scopes: () => PUBLIC });
    await runOutboxOnce(
      { database: db(), clock: deps.clock },
      { handlers: { [SUBSCRIPTION_MAIL_KIND]: handler }, logger: pino({ level: 'silent' }) },
    );
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]!.text).toContain(`https://status.example.com/subscriptions/confirm/${token}`);
    expect(mailer.sent[0]!.to).toEqual({ address: 'ada@example.com' });
    const rows = await db().db.selectFrom('outbox').select('payload').execute();
    expect(rows.map((row) => row.payload).join()).not.toContain('sealed');
  });

  it('SUB-4: a customer page takes only allowlisted addresses, and a mail waiting when the domain goes is dropped', async () => {
    const { deps } = setUp(db());
    await requestSubscription(deps, { scope: CUSTOMER, rawEmail: 'spy@evil.test', componentIds: null, clientIp: '203.0.113.1' });
    expect(await findEmailSubscription(db().db, CUSTOMER.key, 'spy@evil.test')).toBeNull();
    await requestSubscription(deps, { scope: CUSTOMER, rawEmail: 'wile@acme.test', componentIds: null, clientIp: '203.0.113.1' });
    expect((await findEmailSubscription(db().db, CUSTOMER.key, 'wile@acme.test'))?.state).toBe('pending');

    // The domain was removed from the page's allowlist while the mail waited.
    const target: ScopeTarget = { name: 'Acme', allowlist: toAllowlist(['other.test']) };
    const mailer = memoryMailer();
    const handler = createSubscriptionMailHandler(deps, { mailer, publicUrl: 'https://status.example.com', scopes: () => target });
    await runOutboxOnce(
      { database: db(), clock: deps.clock },
      { handlers: { [SUBSCRIPTION_MAIL_KIND]: handler }, logger: pino({ level: 'silent' }) },
    );
    expect(mailer.sent).toEqual([]);
    const dropped = await db().db.selectFrom('audit_log').select('details').where('action', '=', 'subscription.mail_dropped').execute();
    expect(dropped.map((row) => JSON.parse(row.details).reason)).toEqual(['not_allowlisted']);
  });

  it('housekeeping forgets long-expired links and subscriptions never confirmed, and keeps confirmed ones', async () => {
    const { deps, advance, ctx } = setUp(db());
    await requestSubscription(deps, { scope: PUBLIC, rawEmail: 'ada@example.com', componentIds: null, clientIp: '203.0.113.1' });
    await requestSubscription(deps, { scope: PUBLIC, rawEmail: 'bob@example.com', componentIds: null, clientIp: '203.0.113.1' });
    expect((await confirmSubscriptionLink(deps, await queuedToken(db(), 'bob@example.com'))).ok).toBe(true);
    advance(4 * 24 * 60 * 60_000);
    expect(await pruneSubscriptionState(ctx)).toEqual({ links: 2, unconfirmed: 0 });
    advance(30 * 24 * 60 * 60_000);
    expect(await pruneSubscriptionState(ctx)).toEqual({ links: 0, unconfirmed: 1 });
    expect((await findEmailSubscription(db().db, PUBLIC.key, 'bob@example.com'))?.state).toBe('confirmed');
  });
});
