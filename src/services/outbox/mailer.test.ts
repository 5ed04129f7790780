import { Writable } from 'node:stream';
import nodemailer from 'nodemailer';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { PAGE_A, buildSignInTestDeps, nextIp } from '../../../test/helpers/sign-in-fixtures.js';
import { type SmtpInbox, startSmtpInbox } from '../../../test/helpers/smtp-inbox.js';
import { canonicaliseEmail } from '../../domain/access/email-address.js';
import { createLogMailer, createMailer, createSmtpMailer } from './mailer.js';
import { runOutboxOnce } from './outbox-worker.js';
import { createSignInMailHandler, formatSignInLinkUnder } from '../sign-in/sign-in-mail.js';
import { SIGN_IN_MAIL_KIND } from '../sign-in/sign-in-mail-payload.js';
import { redeemSignInLink } from '../sign-in/sign-in-redeem.js';
import { requestSignInLink } from '../sign-in/sign-in-request.js';

const silent = pino({ level: 'silent' });
const FROM = 'Acme Status <status@acme.test>';

describeEachEngine('mail delivery over SMTP', (database) => {
  let inbox: SmtpInbox;
  beforeEach(async () => {
    inbox = await startSmtpInbox();
  });
  afterEach(async () => {
    await inbox.close();
  });

  const setUp = () => {
    const test = buildSignInTestDeps(database());
    const mailer = createSmtpMailer({ smtpUrl: inbox.url, from: FROM, timeoutMs: 5000 });
    const handlers = {
      [SIGN_IN_MAIL_KIND]: createSignInMailHandler(test.deps, { mailer, formatLink: formatSignInLinkUnder('https://status.acme.test') }),
    };
    const deliver = () => runOutboxOnce(test.deps, { handlers, logger: silent });
    return { ...test, mailer, deliver };
  };

  it('DOM-11/REQ-2: the sign-in mail arrives with the right recipient, subject, both parts, link and code', async () => {
    const { deps, deliver, mailer } = setUp();
    try {
      const { pendingCookieValue } = await requestSignInLink(deps, {
        customerPageId: PAGE_A.id,
        rawEmail: 'Alice+Status@Example.COM',
        clientIp: nextIp(),
        nextPath: null,
      });
      // Nothing was sent while asking.
      expect(inbox.mails).toEqual([]);
      expect(await deliver()).toMatchObject({ sent: 1 });
      const [mail] = await inbox.waitFor(1);
      expect(mail!.envelopeTo).toEqual(['alice+status@example.com']);
      expect(mail!.envelopeFrom).toBe('status@acme.test');
      expect(mail!.headers.get('to')).toBe('alice+status@example.com');
      expect(mail!.headers.get('subject')).toBe('Sign in to Acme Corp');
      expect(mail!.headers.get('content-type')).toMatch(/^multipart\/alternative/);
      const text = mail!.parts.get('text/plain') ?? '';
      const html = mail!.parts.get('text/html') ?? '';
      const link = /https:\/\/status\.acme\.test\/c\/page-a-token\/auth#([A-Za-z0-9_-]{43})/.exec(text);
      const code = /\b([0-9]{8})\b/.exec(text)?.[1];
      expect(link).not.toBeNull();
      expect(code).toBeDefined();
      expect(html).toContain(`href="${link![0]}"`);
      expect(html).toContain(code);
      // The mailed link and code are the real ones: the same browser signs in with the link alone.
      expect(await redeemSignInLink(deps, { customerPageId: PAGE_A.id, token: link![1]!, pendingCookieValue })).toMatchObject({ ok: true });
    } finally {
      mailer.close();
    }
  });

  it('a failing SMTP server gets the mail again later', async () => {
    const { deps, deliver, advance, mailer } = setUp();
    try {
      await requestSignInLink(deps, { customerPageId: PAGE_A.id, rawEmail: 'alice@example.com', clientIp: nextIp(), nextPath: null });
      inbox.failNext(1);
      expect(await deliver()).toMatchObject({ retried: 1 });
      expect(inbox.mails).toEqual([]);
      const [row] = await database().db.selectFrom('outbox').selectAll().execute();
      expect(row!.last_error).toMatch(/451/);
      advance(10_000);
      expect(await deliver()).toMatchObject({ sent: 1 });
      const [mail] = await inbox.waitFor(1);
      expect(mail!.envelopeTo).toEqual(['alice@example.com']);
      expect(await deliver()).toMatchObject({ claimed: 0 });
      expect(inbox.mails).toHaveLength(1);
    } finally {
      mailer.close();
    }
  });
});

describe('SMTP mailer recipient', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  // Canonicalisation (DOM-2) already refuses every character nodemailer's address parser treats as
  // syntax, and no canonical address parses differently as a string today, so no legitimate input
  // can show a parsed string at the SMTP level. The rule is about the hand-over itself: nodemailer
  // gets the address as data, so its parser never decides who the recipients are.
  it('DOM-11: nodemailer gets a structured recipient, never an address string to parse, and the server sees exactly that one RCPT', async () => {
    const inbox = await startSmtpInbox();
    const createTransport = vi.spyOn(nodemailer, 'createTransport');
    const mailer = createSmtpMailer({ smtpUrl: inbox.url, from: FROM, timeoutMs: 5000 });
    try {
      const transport = createTransport.mock.results[0]?.value as ReturnType<typeof nodemailer.createTransport>;
      const sendMail = vi.spyOn(transport, 'sendMail');
      const email = canonicaliseEmail("O'Brien+Status@Example.COM");
      if (!email.ok) throw new Error(email.reason);
      const address = email.address.address;
      expect(address).toBe("o'brien+status@example.com");

      await mailer.send({ to: { address }, subject: 's', text: 't', html: 'h' });

      expect(sendMail).toHaveBeenCalledTimes(1);
      expect(sendMail.mock.calls[0]![0]).toMatchObject({ to: [{ address }] });
      const [mail] = await inbox.waitFor(1);
      expect(mail!.envelopeTo).toEqual([address]);
    } finally {
      mailer.close();
      await inbox.close();
    }
  });
});

describe('development log mailer', () => {
  it('prints the link and code to the server log when no SMTP server is configured', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ level: 'info' }, sink);
    const mailer = createMailer(null, logger);
    expect(mailer.kind).toBe('log');
    await mailer.send({
      to: { address: 'a@example.com' },
      subject: 'Sign in to Acme',
      text: 't',
      html: 'h',
      logSummary: { link: 'https://x/c/t/auth#TOKEN', code: '12345678' },
    });
    const log = lines.join('');
    expect(log).toContain('SMTP_URL is not set');
    expect(log).toContain('https://x/c/t/auth#TOKEN');
    expect(log).toContain('12345678');
    expect(createLogMailer(logger).kind).toBe('log');
  });

  it('sends over SMTP when SMTP is configured', () => {
    expect(createMailer({ smtpUrl: 'smtp://127.0.0.1:2525', from: FROM }, silent).kind).toBe('smtp');
  });
});
