import { isAllowlisted } from '../../domain/access/allowlist.js';
import { SYSTEM_ACTOR } from '../../domain/access/audit-event.js';
import { canonicaliseEmail } from '../../domain/access/email-address.js';
import { findSubscriptionTokenById } from '../../store/subscriptions/email-subscriptions.js';
import type { OutboxRecord } from '../../store/outbox.js';
import { escapeHtml } from '../escape-html.js';
import type { MailMessage, Mailer } from '../outbox/mailer.js';
import type { OutboxHandler, OutboxOutcome } from '../outbox/outbox-worker.js';
import { sealedPayloadReader } from '../outbox/sealed-payload.js';
import type { AuditEventInput } from '../sign-in/sign-in-audit.js';
import { SUBSCRIPTION_ACTIONS, subscriptionEvent } from './subscription-audit.js';
import type { ScopeDirectory, SubscriptionDeps } from './subscription-deps.js';
import { SUBSCRIPTION_PATHS } from './subscription-links.js';
import {
  type SubscriptionMail,
  type SubscriptionMailPayload,
  SubscriptionMailPayloadSchema,
  SubscriptionMailSecretsSchema,
} from './subscription-mail-payload.js';

interface ComposeInput {
  mail: SubscriptionMail;
  to: string;
  pageName: string;
  /** The confirmation or manage link. */
  link: string;
  /** The manage link's code; null on a confirmation. */
  code: string | null;
  /** What is left of the link's life. */
  minutesLeft: number;
}

const lifetime = (minutes: number): string => (minutes >= 120 ? `${Math.round(minutes / 60)} hours` : `${minutes} minutes`);

const PAYLOAD = sealedPayloadReader(SubscriptionMailPayloadSchema, SubscriptionMailSecretsSchema);

/** The words of each mail: subject, what it is about, the button, and what happens if ignored. */
function wordsOf(input: ComposeInput): { subject: string; lead: string; action: string; after: string } {
  const name = input.pageName;
  switch (input.mail) {
    case 'confirm':
      return {
        subject: `Confirm your subscription to ${name}`,
        lead: `Someone, hopefully you, asked to get email updates from ${name} at this address.`,
        action: 'Confirm my subscription',
        after: `The link expires in ${lifetime(input.minutesLeft)}. If you did not ask for this, ignore this mail: you will get nothing more.`,
      };
    case 'already_subscribed':
      return {
        subject: `You are already subscribed to ${name}`,
        lead: `Someone, hopefully you, asked to subscribe this address to ${name}. It is already subscribed; nothing changed.`,
        action: 'Manage my subscription',
        after: `To change what you get or to unsubscribe, open the link within ${lifetime(input.minutesLeft)}. If you did not ask, ignore this mail.`,
      };
    case 'manage':
      return {
        subject: `Manage your subscription to ${name}`,
        lead: `Someone, hopefully you, asked to manage this address's subscription to ${name}.`,
        action: 'Manage my subscription',
        after: `The link and the code expire in ${lifetime(input.minutesLeft)}. If you did not ask, ignore this mail: nothing changes.`,
      };
  }
}

/** A subscriber's mail: plain-text and HTML parts, the link, and for a manage link its code. */
function composeSubscriptionMail(input: ComposeInput): MailMessage {
  const pageName = input.pageName.replace(/[\r\n]+/g, ' ').trim();
  const words = wordsOf({ ...input, pageName });
  const codeText = input.code === null ? [] : ['', `Or enter this code on the page where you asked: ${input.code}`];
  const text = [words.lead, '', `${words.action}:`, input.link, ...codeText, '', words.after, ''].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">',
    `<h1 style="font-size:1.25em">${escapeHtml(words.subject)}</h1>`,
    `<p>${escapeHtml(words.lead)}</p>`,
    `<p><a href="${escapeHtml(input.link)}">${escapeHtml(words.action)}</a></p>`,
    `<p>Or copy this link into your browser:<br><span style="word-break:break-all">${escapeHtml(input.link)}</span></p>`,
    ...(input.code === null
      ? []
      : [
          '<p>Or enter this code on the page where you asked:</p>',
          `<p style="font-size:1.5em;letter-spacing:0.15em;font-family:monospace"><strong>${escapeHtml(input.code)}</strong></p>`,
        ]),
    `<p>${escapeHtml(words.after)}</p>`,
    '</body></html>',
  ].join('\n');
  const logSummary: Record<string, string> = { link: input.link, ...(input.code === null ? {} : { code: input.code }) };
  return { to: { address: input.to }, subject: words.subject, text, html, logSummary };
}

/** `<PUBLIC_URL>/subscriptions/confirm/<token>` or `…/manage/<token>`: the links name no page (subscription-links.ts). */
function subscriptionLinkUrl(publicUrl: string, mail: SubscriptionMail, token: string): string {
  const path = mail === 'confirm' ? SUBSCRIPTION_PATHS.confirm : SUBSCRIPTION_PATHS.manage;
  return `${publicUrl.replace(/\/+$/, '')}${path}/${token}`;
}

/**
 * Delivers queued subscriber mails. Just before sending it checks again that the link is still live,
 * the page still there and, on a customer page, the address still allowlisted (SUB-4). Once finished,
 * the sealed token and code are removed from the row (SUB-2, as TOK-2).
 */
export function createSubscriptionMailHandler(
  deps: Pick<SubscriptionDeps, 'database' | 'clock' | 'secret'>,
  options: { mailer: Mailer; publicUrl: string; scopes: ScopeDirectory },
): OutboxHandler {
  const drop = (payload: SubscriptionMailPayload | null, reason: string): OutboxOutcome => ({
    status: 'dropped',
    reason,
    events: payload ? [event(payload, SUBSCRIPTION_ACTIONS.mailDropped, { reason })] : [],
  });
  return {
    async deliver(message, signal) {
      const opened = PAYLOAD.live(message.payload, deps.clock());
      if ('refused' in opened) return drop(opened.payload, opened.refused);
      const { payload, msLeft } = opened;
      const target = options.scopes(payload.scope);
      if (!target) return drop(payload, 'page_removed');
      const email = canonicaliseEmail(payload.to);
      if (!email.ok) return drop(payload, 'malformed_address');
      if (target.allowlist !== null && isAllowlisted(email.address, target.allowlist) === null) return drop(payload, 'not_allowlisted');
      const secrets = PAYLOAD.secrets(deps.secret, payload);
      if (!secrets) return drop(payload, 'unsealable');
      const link = await findSubscriptionTokenById(deps.database.db, payload.tokenId);
      if (!link || link.usedAt) return drop(payload, 'superseded');
      await options.mailer.send(
        composeSubscriptionMail({
          mail: payload.mail,
          to: email.address.address,
          pageName: target.name,
          link: subscriptionLinkUrl(options.publicUrl, payload.mail, secrets.token),
          code: secrets.code,
          minutesLeft: Math.max(1, Math.ceil(msLeft / 60_000)),
        }),
        signal,
      );
      return { status: 'sent', events: [event(payload, SUBSCRIPTION_ACTIONS.mailSent, {})] };
    },
    redact: PAYLOAD.redact,
    describeGiveUp(message: OutboxRecord, error: string) {
      const payload = PAYLOAD.read(message.payload);
      return payload ? [event(payload, SUBSCRIPTION_ACTIONS.mailDropped, { reason: 'delivery_failed', error })] : [];
    },
  };
}

function event(payload: SubscriptionMailPayload, action: string, details: Record<string, unknown>): AuditEventInput {
  const subscription = { id: payload.subscriptionId, scope: payload.scope, email: payload.to };
  return subscriptionEvent(SYSTEM_ACTOR, action, subscription, { mail: payload.mail, linkId: payload.tokenId, ...details });
}
