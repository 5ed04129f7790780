import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

/** One outgoing mail. The recipient is structured (DOM-11): never a header string built from input. */
export interface MailMessage {
  to: { address: string };
  subject: string;
  text: string;
  html: string;
  /**
   * What the development log mailer prints instead of the whole mail, e.g. the sign-in link and code.
   * SMTP mailers ignore it.
   */
  logSummary?: Record<string, string>;
}

export interface Mailer {
  readonly kind: 'smtp' | 'log';
  /**
   * Resolves once the server accepted the mail; rejects (and the outbox retries) otherwise, also when
   * `signal` aborts it (shutdown: a slow mail server must not hold the process).
   */
  send(message: MailMessage, signal?: AbortSignal): Promise<void>;
  close(): void;
}

export interface SmtpMailerOptions {
  /** `smtp://user:pass@host:587` or `smtps://…` (SMTP_URL). */
  smtpUrl: string;
  /** The From header (MAIL_FROM), e.g. `Status <status@example.com>`. */
  from: string;
  /** Per SMTP phase (connect, greeting, idle socket); keep well below the outbox claim lease. */
  timeoutMs?: number;
}

/**
 * Sends over SMTP with nodemailer. Each mail gets a structured `{ name: '', address }` recipient,
 * and file and URL access for attachments is off, so no message content can make nodemailer read
 * files or fetch URLs.
 */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const timeout = options.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    kind: 'smtp',
    async send(message, signal) {
      await transport.sendMail({
        signal,
        from: options.from,
        to: [{ name: '', address: message.to.address }],
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    },
    close: () => transport.close(),
  };
}

/**
 * DEVELOPMENT ONLY: with no SMTP server configured, mail is written to the server log, so the demo
 * works on a bare machine. This is the one deliberate exception to LOG-2: the log then holds live
 * sign-in links and codes. Set SMTP_URL in any real deployment.
 */
export function createLogMailer(logger: Pick<Logger, 'info' | 'warn'>): Mailer {
  logger.warn(
    'SMTP_URL is not set: mail is written to this log instead of being sent, sign-in links and codes included (development only)',
  );
  return {
    kind: 'log',
    async send(message) {
      logger.info(
        { mail: { to: message.to.address, subject: message.subject, ...(message.logSummary ?? { text: message.text }) } },
        `mail not sent (no SMTP_URL): ${message.subject}`,
      );
    },
    close: () => {},
  };
}

/**
 * The configured mailer: SMTP when `smtp` is set (loadConfig requires MAIL_FROM with SMTP_URL), else
 * the development log mailer.
 */
export function createMailer(smtp: Pick<SmtpMailerOptions, 'smtpUrl' | 'from'> | null, logger: Pick<Logger, 'info' | 'warn'>): Mailer {
  return smtp === null ? createLogMailer(logger) : createSmtpMailer(smtp);
}
