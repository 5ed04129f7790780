import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { DkimSettings } from '../../domain/dkim-settings.js';

/** One outgoing mail. The recipient is structured (DOM-11): never a header string built from input. */
export interface MailMessage {
  to: { address: string };
  subject: string;
  text: string;
  html: string;
  /**
   * Extra headers, e.g. `List-Unsubscribe`. Values are built by Beacon from its own URLs and tokens,
   * never from input; a value holding a line break is refused rather than sent.
   */
  headers?: Readonly<Record<string, string>>;
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
  /** Signs every mail (DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY); absent: unsigned. */
  dkim?: DkimSettings | null;
}

const HEADER_NAME = /^[A-Za-z0-9-]+$/;

function checkedHeaders(headers: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name) || /[\r\n]/.test(value)) throw new RangeError(`refusing to send header ${JSON.stringify(name)}`);
  }
  return { ...headers };
}

/**
 * Whether an SMTP error says the recipient will never take mail (a 5xx reply to RCPT TO or DATA), as
 * opposed to a temporary refusal (4xx), a network failure, or a 5xx about Beacon's own account or
 * sender (AUTH, MAIL FROM), none of which is the address's fault.
 */
export function isPermanentRecipientFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { responseCode, command } = error as { responseCode?: unknown; command?: unknown };
  if (typeof responseCode !== 'number' || responseCode < 500 || responseCode > 599) return false;
  return command === 'RCPT TO' || command === 'DATA';
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
    // A fan-out sends thousands of mails: reuse a few connections instead of one handshake per mail.
    pool: true,
    maxConnections: 10,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    disableFileAccess: true,
    disableUrlAccess: true,
    ...(options.dkim ? { dkim: { ...options.dkim } } : {}),
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
        headers: checkedHeaders(message.headers),
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
export function createMailer(
  smtp: Pick<SmtpMailerOptions, 'smtpUrl' | 'from'> | null,
  logger: Pick<Logger, 'info' | 'warn'>,
  dkim: DkimSettings | null = null,
): Mailer {
  return smtp === null ? createLogMailer(logger) : createSmtpMailer({ ...smtp, dkim });
}
