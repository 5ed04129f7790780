import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { PUBLIC_URL, SECRET, buildNotificationRig, insertSubscriptions } from '../../../test/helpers/notification-fixtures.js';
import { type SmtpInbox, startSmtpInbox } from '../../../test/helpers/smtp-inbox.js';
import { type OutboxRecord, listFailedOutboxMessages } from '../../store/outbox.js';
import { saveMailDetail } from '../../store/subscriptions/subscription-page-settings.js';
import { writeTransaction } from '../../store/transaction.js';
import { updateCatalogEntry } from '../catalog/catalog-entries.js';
import { createIncident, postIncidentUpdate, resolveIncident } from '../status/incidents.js';
import { unsubscribeUrl } from '../subscriptions/subscription-links.js';
import { NOTIFICATION_FAN_OUT_KIND } from './notification-channel.js';
import { NOTIFICATION_MAIL_ACTIONS } from './notification-mail.js';
import { NOTIFICATION_EMAIL_KIND } from './notification-mail-payload.js';

/** A queued row as a worker holds it once claimed. */
const asRecord = (row: { id: string; kind: string; payload: string }): OutboxRecord => ({
  id: row.id,
  kind: row.kind,
  payload: row.payload,
  createdAt: new Date(),
  attempts: 1,
  nextAttemptAt: new Date(),
  claimedBy: null,
  claimedUntil: null,
  sentAt: null,
  failedAt: null,
  lastError: null,
  dedupeKey: null,
});

describeEachEngine('notifications: fan-out and email delivery over SMTP', (database) => {
  let inbox: SmtpInbox;
  let rig: Awaited<ReturnType<typeof buildNotificationRig>>;
  beforeEach(async () => {
    inbox = await startSmtpInbox();
    rig = await buildNotificationRig(database(), { smtpUrl: inbox.url });
  });
  afterEach(async () => {
    await rig.close();
    await inbox.close();
  });
  const page = () => ({ kind: 'page' as const, pageId: rig.page.id });
  const outboxOf = (kind: string) => database().db.selectFrom('outbox').selectAll().where('kind', '=', kind).execute();
  const recipients = () => inbox.mails.map((mail) => mail.envelopeTo.join(',')).sort();
  const declare = (notify?: boolean) =>
    createIncident(rig.ctx, {
      name: 'API errors',
      status: 'investigating',
      message: 'We are looking into elevated errors.',
      impacts: [{ componentId: rig.components.api, impact: 'partial_outage' }],
      ...(notify === undefined ? {} : { notify }),
    });

  it('an incident update reaches the confirmed subscribers whose filter meets it, once, with both parts, the page, status, message and components', async () => {
    const [whole] = await insertSubscriptions(database(), [
      { scope: page(), email: 'whole@example.com' },
      { scope: page(), email: 'api@example.com', options: { componentIds: [rig.components.api] } },
      { scope: page(), email: 'db-only@example.com', options: { componentIds: [rig.components.db] } },
      { scope: page(), email: 'pending@example.com', options: { state: 'pending' } },
      { scope: page(), email: 'gone@example.com', options: { state: 'unsubscribed' } },
    ]);
    await declare();
    // The write queued the event in its own transaction; nothing was sent while writing.
    expect(await outboxOf(NOTIFICATION_FAN_OUT_KIND)).toHaveLength(1);
    expect(inbox.mails).toEqual([]);
    expect(await rig.deliverAll()).toMatchObject({ sent: 3, dropped: 0 });
    expect(recipients()).toEqual(['api@example.com', 'whole@example.com']);
    const mail = inbox.mails.find((m) => m.envelopeTo[0] === 'whole@example.com')!;
    expect(mail.headers.get('subject')).toBe('[Acme Status] API errors: Investigating');
    const text = mail.parts.get('text/plain') ?? '';
    const html = mail.parts.get('text/html') ?? '';
    for (const part of [text, html]) {
      expect(part).toContain('Acme Status');
      expect(part).toContain('Investigating');
      expect(part).toContain('We are looking into elevated errors.');
      expect(part).toContain('Affected: API');
      expect(part).toContain(`${PUBLIC_URL}/subscriptions/manage`);
    }
    // The page is the default page, served at /.
    expect(text).toMatch(new RegExp(`See the page: ${PUBLIC_URL}/\\r?\\n`));
    // SUB-3: one-click unsubscribe per RFC 8058, with this subscription's own token.
    expect(mail.headers.get('list-unsubscribe')).toBe(`<${unsubscribeUrl(PUBLIC_URL, SECRET, whole!)}>`);
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    // A second run of the outbox sends nothing more.
    expect(await rig.deliverAll()).toMatchObject({ claimed: 0 });
    expect(inbox.mails).toHaveLength(2);
  });

  it('with notify off, the write queues nothing and no one hears of it; later updates default to on', async () => {
    await insertSubscriptions(database(), [{ scope: page(), email: 'whole@example.com' }]);
    const incident = await declare(false);
    expect(await outboxOf(NOTIFICATION_FAN_OUT_KIND)).toEqual([]);
    await postIncidentUpdate(rig.ctx, incident.id, { status: 'identified', message: 'Quiet fix.', notify: false });
    expect(await outboxOf(NOTIFICATION_FAN_OUT_KIND)).toEqual([]);
    await resolveIncident(rig.ctx, incident.id, { message: 'All good.' });
    await rig.deliverAll();
    expect(inbox.mails.map((mail) => mail.headers.get('subject'))).toEqual(['[Acme Status] API errors: Resolved']);
  });

  it('a fan-out run again after a crash queues no one twice (dedupe keys), across batches', async () => {
    // More subscribers than one batch (the rig's channel reads 7 at a time).
    await insertSubscriptions(
      database(),
      Array.from({ length: 23 }, (_, i) => ({ scope: page(), email: `s${i}@example.com` })),
    );
    await declare();
    const [fanOutRow] = await outboxOf(NOTIFICATION_FAN_OUT_KIND);
    // As if a worker died after fanning out and before recording it: the message is handled again.
    const message = asRecord(fanOutRow!);
    await rig.fanOut.handler.deliver(message);
    await rig.fanOut.handler.deliver(message);
    expect(await outboxOf(NOTIFICATION_EMAIL_KIND)).toHaveLength(23);
    await rig.deliverAll();
    expect(new Set(recipients()).size).toBe(23);
    expect(inbox.mails).toHaveLength(23);
  });

  it('SUB-4: on a customer page only allowlisted addresses get mail, checked again at send time: a domain removed meanwhile gets nothing', async () => {
    const { acme } = rig.customers;
    await insertSubscriptions(database(), [
      { scope: { kind: 'customer', customerPageId: acme.customerPageId }, email: 'wile@acme-corp.com' },
      { scope: { kind: 'customer', customerPageId: acme.customerPageId }, email: 'lab@acme-labs.com' },
    ]);
    await createIncident(rig.ctx, {
      name: 'Cluster down',
      status: 'identified',
      message: 'Acme cluster is down.',
      impacts: [{ componentId: acme.componentId, impact: 'full_outage' }],
    });
    // Fan out only: the mails wait in the outbox.
    const [fanOutRow] = await outboxOf(NOTIFICATION_FAN_OUT_KIND);
    await rig.fanOut.handler.deliver(asRecord(fanOutRow!));
    expect(await outboxOf(NOTIFICATION_EMAIL_KIND)).toHaveLength(2);
    // Staff remove acme-labs.com from Acme's allowlist while the mails wait.
    await updateCatalogEntry(rig.ctx, acme.entryId, { values: { email_domains: ['acme-corp.com'] } }, { actor: 'test' });
    await rig.deliverAll();
    expect(recipients()).toEqual(['wile@acme-corp.com']);
    const dropped = (await outboxOf(NOTIFICATION_EMAIL_KIND)).filter((row) => row.failed_at !== null);
    expect(dropped.map((row) => row.last_error)).toEqual(['dropped: not_allowlisted']);
    const [mail] = inbox.mails;
    expect(mail!.headers.get('subject')).toBe('[Acme Corp] Cluster down: Identified');
    expect(mail!.parts.get('text/plain')).toContain(`${PUBLIC_URL}${acme.path}`);
  });

  it('a customer page set whose mail detail is "notice" mails only that there is an update, with the link to sign in', async () => {
    const { acme, setId } = rig.customers;
    await insertSubscriptions(database(), [
      { scope: { kind: 'customer', customerPageId: acme.customerPageId }, email: 'wile@acme-corp.com' },
    ]);
    await writeTransaction(database(), (tx) => saveMailDetail(tx, { pageId: setId, mailDetail: 'notice', at: new Date() }));
    await createIncident(rig.ctx, {
      name: 'Secret project delayed',
      status: 'investigating',
      message: 'Confidential details.',
      impacts: [{ componentId: acme.componentId, impact: 'degraded_performance' }],
    });
    await rig.deliverAll();
    const [mail] = await inbox.waitFor(1);
    expect(mail!.headers.get('subject')).toBe('Update on Acme Corp');
    const text = mail!.parts.get('text/plain') ?? '';
    expect(text).toContain('There is an update on Acme Corp.');
    expect(text).toContain(`${PUBLIC_URL}${acme.path}`);
    for (const part of [text, mail!.parts.get('text/html') ?? '', mail!.raw]) {
      expect(part).not.toContain('Confidential');
      expect(part).not.toContain('Secret project');
    }
    expect(mail!.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
  });

  it('a permanent refusal (5xx) quarantines the address, audited, and drops the mail without a retry; a 4xx is retried', async () => {
    await insertSubscriptions(database(), [
      { scope: page(), email: 'nobody@example.com' },
      { scope: page(), email: 'busy@example.com' },
    ]);
    inbox.refuseRecipient('nobody@example.com');
    inbox.failNext(1);
    await declare();
    const first = await rig.deliverAll();
    expect(first).toMatchObject({ dropped: 1, retried: 1 });
    const quarantine = await database().db.selectFrom('email_quarantine').selectAll().execute();
    expect(quarantine.map((row) => row.email)).toEqual(['nobody@example.com']);
    expect(quarantine[0]!.reason).toMatch(/550/);
    const audit = await database()
      .db.selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', NOTIFICATION_MAIL_ACTIONS.quarantined)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toContain('nobody@example.com');
    rig.advance(60_000);
    expect(await rig.deliverAll()).toMatchObject({ sent: 1 });
    expect(recipients()).toEqual(['busy@example.com']);
    // The quarantined address is not queued for the next notice at all.
    const before = (await outboxOf(NOTIFICATION_EMAIL_KIND)).length;
    await declare();
    await rig.deliverAll();
    expect((await outboxOf(NOTIFICATION_EMAIL_KIND)).length).toBe(before + 1);
  });

  it('dead letters: a mail given up after its last retry is listed for staff', async () => {
    await insertSubscriptions(database(), [{ scope: page(), email: 'flaky@example.com' }]);
    inbox.failNext(100);
    await declare();
    for (let attempt = 0; attempt < 10; attempt++) {
      await rig.deliverAll();
      rig.advance(60 * 60_000);
    }
    const failed = await listFailedOutboxMessages(database().db, { kinds: [NOTIFICATION_EMAIL_KIND], limit: 10 });
    expect(failed).toHaveLength(1);
    expect(failed[0]!.lastError).toMatch(/451/);
    const next = await listFailedOutboxMessages(database().db, {
      kinds: [NOTIFICATION_EMAIL_KIND],
      limit: 10,
      before: { failedAt: failed[0]!.failedAt!, id: failed[0]!.id },
    });
    expect(next).toEqual([]);
  });
});
