import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { capturingLogger } from '../../../test/helpers/capturing-logger.js';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import {
  PAGE_A,
  auditActions,
  buildPage,
  buildRecordingMailer,
  buildSignInTestDeps,
  dumpAllTables,
  nextIp,
  readQueuedMails,
  requestLinkFor,
} from '../../../test/helpers/sign-in-fixtures.js';
import type { Mailer } from '../outbox/mailer.js';
import { runOutboxOnce } from '../outbox/outbox-worker.js';
import type { SignInDeps } from './sign-in-deps.js';
import { composeSignInMail, createSignInMailHandler, formatSignInLinkUnder } from './sign-in-mail.js';
import { SIGN_IN_MAIL_KIND } from './sign-in-mail-payload.js';
import { redeemSignInLink } from './sign-in-redeem.js';
import { requestSignInLink } from './sign-in-request.js';

const logger = pino({ level: 'silent' });
const formatLink = formatSignInLinkUnder('https://status.example.com/');

const deliverAll = (deps: SignInDeps, mailer: Mailer) =>
  runOutboxOnce(deps, { handlers: { [SIGN_IN_MAIL_KIND]: createSignInMailHandler(deps, { mailer, formatLink }) }, logger });

describe('composeSignInMail', () => {
  it('has the subject, a plain-text and an HTML part, the link and the code', () => {
    const mail = composeSignInMail({
      to: 'alice@example.com',
      pageName: 'Acme <Corp>\r\nBcc: x',
      link: 'https://s.example/c/t/auth#tok&x',
      code: '01234567',
      ttlMinutes: 15,
    });
    expect(mail.to).toEqual({ address: 'alice@example.com' });
    expect(mail.subject).toBe('Sign in to Acme <Corp> Bcc: x');
    expect(mail.text).toContain('https://s.example/c/t/auth#tok&x');
    expect(mail.text).toContain('01234567');
    expect(mail.text).toContain('15 minutes');
    expect(mail.html).toContain('href="https://s.example/c/t/auth#tok&amp;x"');
    expect(mail.html).toContain('01234567');
    expect(mail.html).toContain('Acme &lt;Corp&gt;');
    expect(mail.html).not.toContain('<Corp>');
  });

  it('RED-6: the default link carries the token in the fragment, which browsers never send', () => {
    const url = new URL(formatLink(PAGE_A, 'TOKEN'));
    expect(url.origin).toBe('https://status.example.com');
    expect(url.pathname).toBe(`${PAGE_A.path}/auth`);
    expect(url.search).toBe('');
    expect(url.hash).toBe('#TOKEN');
  });
});

describeEachEngine('services/sign-in-mail', (database) => {
  it('sends the queued mail to the canonical address with a link and code that sign in', async () => {
    const { deps } = buildSignInTestDeps(database());
    const { pendingCookieValue } = await requestSignInLink(deps, {
      customerPageId: PAGE_A.id,
      rawEmail: 'Alice@EXAMPLE.com',
      clientIp: nextIp(),
      nextPath: null,
    });
    const mailer = buildRecordingMailer();
    expect(await deliverAll(deps, mailer)).toMatchObject({ sent: 1 });
    const [mail] = mailer.sent;
    expect(mail?.to).toEqual({ address: 'alice@example.com' });
    expect(mail?.subject).toBe('Sign in to Acme Corp');
    const link = /https:\/\/status\.example\.com\/c\/page-a-token\/auth#([A-Za-z0-9_-]{43})/.exec(mail!.text);
    const code = /code: ([0-9]{8})/.exec(mail!.text)?.[1];
    expect(link && code).toBeTruthy();
    expect(mail!.html).toContain(link![0]);
    expect(
      await redeemSignInLink(deps, { customerPageId: PAGE_A.id, token: link![1]!, pendingCookieValue: null, code: code! }),
    ).toMatchObject({ ok: true });
    expect(pendingCookieValue).toBeTruthy();
    // LOG-1: the mail is audited as sent.
    expect((await auditActions(database())).filter((e) => e.action === 'sign_in.mail_sent')).toMatchObject([
      { details: { email: 'alice@example.com' } },
    ]);
  });

  it('TOK-2: once the mail is sent no table holds the raw token or code, not even sealed', async () => {
    const { deps } = buildSignInTestDeps(database());
    const link = await requestLinkFor(deps, 'alice@example.com');
    const sealedBefore = (await database().db.selectFrom('outbox').select('payload').executeTakeFirstOrThrow()).payload;
    expect(JSON.parse(sealedBefore)).toHaveProperty('sealed');
    await deliverAll(deps, buildRecordingMailer());
    const dump = await dumpAllTables(database());
    expect(dump).not.toContain(link.token);
    expect(dump).not.toContain(link.code);
    expect(dump).not.toContain(JSON.parse(sealedBefore).sealed);
    expect(await readQueuedMails(deps)).toEqual([]);
  });

  it('REQ-3: a domain removed while the mail waited gets no mail', async () => {
    const { deps, directory } = buildSignInTestDeps(database());
    await requestLinkFor(deps, 'alice@example.com');
    directory.set(buildPage(PAGE_A.id, ['other.test']));
    const mailer = buildRecordingMailer();
    expect(await deliverAll(deps, mailer)).toMatchObject({ dropped: 1 });
    expect(mailer.sent).toEqual([]);
    expect((await auditActions(database())).find((e) => e.action === 'sign_in.mail_dropped')).toMatchObject({
      details: { reason: 'not_allowlisted' },
    });
    // Nothing secret is left behind either.
    expect(await readQueuedMails(deps)).toEqual([]);
  });

  it('does not send a link that expired or was replaced while it waited', async () => {
    const { deps, advance } = buildSignInTestDeps(database());
    await requestLinkFor(deps, 'late@example.com');
    advance(15 * 60_000);
    const mailer = buildRecordingMailer();
    expect(await deliverAll(deps, mailer)).toMatchObject({ dropped: 1 });
    await requestLinkFor(deps, 'alice@example.com');
    advance(61_000);
    const newer = await requestLinkFor(deps, 'alice@example.com');
    expect(await deliverAll(deps, mailer)).toMatchObject({ dropped: 1, sent: 1 });
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]?.text).toContain(newer.token);
    const reasons = (await auditActions(database())).filter((e) => e.action === 'sign_in.mail_dropped').map((e) => e.details.reason);
    expect(reasons.sort()).toEqual(['expired', 'superseded']);
  });

  it('REQ-2: a hanging mail server does not hold up asking for a link', async () => {
    const { deps } = buildSignInTestDeps(database());
    let sending: () => void = () => {};
    const sendStarted = new Promise<void>((resolve) => (sending = resolve));
    // Never answers: the round stays inside `send`, and touches the database no more.
    const hanging: Mailer = { kind: 'smtp', send: () => (sending(), new Promise(() => {})), close: () => {} };
    await requestLinkFor(deps, 'carol@example.com');
    void deliverAll(deps, hanging);
    await sendStarted;
    const started = performance.now();
    await requestLinkFor(deps, 'alice@example.com');
    await requestLinkFor(deps, 'bob@example.com');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('gives up after the last attempt with an audit event and no secret left', async () => {
    const { deps, advance } = buildSignInTestDeps(database(), { settings: { tokenTtlMinutes: 60 } });
    const link = await requestLinkFor(deps, 'alice@example.com');
    const failing: Mailer = { kind: 'smtp', send: async () => Promise.reject(new Error('550 mailbox unavailable')), close: () => {} };
    const handlers = { [SIGN_IN_MAIL_KIND]: createSignInMailHandler(deps, { mailer: failing, formatLink }) };
    for (let attempt = 1; attempt <= 3; attempt++) {
      await runOutboxOnce(deps, { handlers, logger, maxAttempts: 3, retryDelayMs: 1000 });
      advance(10_000);
    }
    const dropped = (await auditActions(database())).find((e) => e.action === 'sign_in.mail_dropped');
    expect(dropped).toMatchObject({ subjectId: link.linkId, details: { reason: 'delivery_failed', error: '550 mailbox unavailable' } });
    expect(await dumpAllTables(database())).not.toContain(link.token);
  });

  it('LOG-2: a sign-in mail retried, sent, given up or dropped leaves neither its sealed payload nor its token or code in the log', async () => {
    const { deps, advance, directory } = buildSignInTestDeps(database(), { settings: { tokenTtlMinutes: 60 } });
    const { logger: capturing, lines } = capturingLogger();
    const secrets: string[] = [];
    /** Asks for a link and notes what its queued mail must never leak: token, code, sealed payload. */
    const ask = async (email: string) => {
      const link = await requestLinkFor(deps, email);
      const rows = await database().db.selectFrom('outbox').select('payload').where('kind', '=', SIGN_IN_MAIL_KIND).execute();
      const sealed = rows
        .map((row) => JSON.parse(row.payload) as { linkId: string; sealed?: string })
        .find((payload) => payload.linkId === link.linkId)?.sealed;
      if (!sealed) throw new Error(`no sealed mail for ${email}`);
      secrets.push(link.token, link.code, sealed);
    };
    let failures = 0;
    const mailer: Mailer = {
      kind: 'smtp',
      send: async (message) => {
        if (message.to.address === 'bob@example.com') throw new Error('550 mailbox unavailable');
        if (failures > 0) {
          failures -= 1;
          throw new Error('451 try again later');
        }
      },
      close: () => {},
    };
    const handlers = { [SIGN_IN_MAIL_KIND]: createSignInMailHandler(deps, { mailer, formatLink }) };
    const round = async () => {
      const result = await runOutboxOnce(deps, { handlers, logger: capturing, maxAttempts: 2, retryDelayMs: 1000 });
      advance(10_000);
      return result;
    };

    // Fails once, then goes out.
    await ask('alice@example.com');
    failures = 1;
    expect(await round()).toMatchObject({ retried: 1 });
    expect(await round()).toMatchObject({ sent: 1 });
    // Fails on every attempt, then is given up.
    await ask('bob@example.com');
    expect(await round()).toMatchObject({ retried: 1 });
    expect(await round()).toMatchObject({ failed: 1 });
    // Its domain leaves the allowlist while it waits: dropped.
    await ask('carol@example.com');
    directory.set(buildPage(PAGE_A.id, ['other.test']));
    expect(await round()).toMatchObject({ dropped: 1 });

    expect(secrets).toHaveLength(9);
    const logged = JSON.stringify(lines);
    for (const secret of secrets) expect(logged).not.toContain(secret);
    // Each of those outcomes was logged, through this logger.
    expect(lines.map((line) => line.msg)).toEqual(
      expect.arrayContaining(['outbox delivery failed; will retry', 'outbox message given up', 'outbox message dropped']),
    );
    expect(lines.filter((line) => line.msg === 'outbox delivery failed; will retry')).toHaveLength(2);
  });
});
