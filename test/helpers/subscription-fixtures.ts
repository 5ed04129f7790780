/**
 * Email subscriptions in HTTP tests: the subscriber's mails delivered by the real outbox handler
 * (into memory, or through nodemailer to a real SMTP server), with the links and codes they carry.
 */
import pino from 'pino';
import type { MailMessage, Mailer } from '../../src/services/outbox/mailer.js';
import { runOutboxOnce } from '../../src/services/outbox/outbox-worker.js';
import { createSubscriptionMailHandler } from '../../src/services/subscriptions/subscription-mail.js';
import { SUBSCRIPTION_MAIL_KIND } from '../../src/services/subscriptions/subscription-mail-payload.js';
import type { AppDeps } from '../../src/web/app-deps.js';
import { scopeDirectoryOf } from '../../src/web/subscriptions/subscription-scopes.js';

/** One delivered subscriber mail, with what it carries. */
export interface SubscriberMail {
  message: MailMessage;
  to: string;
  subject: string;
  /** The link's path, e.g. `/subscriptions/confirm/<token>`. */
  path: string;
  kind: 'confirm' | 'manage';
  token: string;
  code: string | null;
}

/** A mailer that keeps what it is given. */
export function memoryMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return {
    kind: 'smtp',
    sent,
    send: async (message) => {
      sent.push(message);
    },
    close: () => {},
  };
}

/** Runs the outbox once with the real subscription mail handler over `mailer` (in memory unless given); returns the mails sent. */
export async function deliverSubscriberMails(deps: AppDeps, mailer: Mailer = memoryMailer()): Promise<SubscriberMail[]> {
  const kinds = deps.snapshots.pageKinds(await deps.snapshots.fresh());
  const sent: MailMessage[] = [];
  const recording: Mailer = { ...mailer, send: async (message, signal) => (sent.push(message), mailer.send(message, signal)) };
  const handler = createSubscriptionMailHandler(
    { database: deps.ctx.database, clock: deps.ctx.clock, secret: deps.config.secret },
    { mailer: recording, publicUrl: deps.config.publicUrl, scopes: scopeDirectoryOf(() => kinds) },
  );
  await runOutboxOnce(deps.ctx, { handlers: { [SUBSCRIPTION_MAIL_KIND]: handler }, logger: pino({ level: 'silent' }), batchSize: 50 });
  return sent.map(readSubscriberMail);
}

/** The link and code of a subscriber mail's text. */
function readSubscriberMail(message: MailMessage): SubscriberMail {
  const link = /https?:\/\/[^/\s]+(\/subscriptions\/(confirm|manage)\/([A-Za-z0-9_-]{43}))/.exec(message.text);
  if (!link) throw new Error(`unexpected subscriber mail:\n${message.text}`);
  const code = /code on the page where you asked: (\d{8})/.exec(message.text)?.[1] ?? null;
  return {
    message,
    to: message.to.address,
    subject: message.subject,
    path: link[1]!,
    kind: link[2] as 'confirm' | 'manage',
    token: link[3]!,
    code,
  };
}
