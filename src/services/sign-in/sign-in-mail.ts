import { isAllowlisted } from '../../domain/access/allowlist.js';
import { SYSTEM_ACTOR } from '../../domain/access/audit-event.js';
import { type CanonicalEmail, canonicaliseEmail } from '../../domain/access/email-address.js';
import { findSignInToken } from '../../store/access/sign-in-tokens.js';
import type { OutboxRecord } from '../../store/outbox.js';
import type { CustomerPageAccess } from '../pages/customer-page-directory.js';
import type { MailMessage, Mailer } from '../outbox/mailer.js';
import type { OutboxHandler, OutboxOutcome } from '../outbox/outbox-worker.js';
import { sealedPayloadReader } from '../outbox/sealed-payload.js';
import { escapeHtml } from '../escape-html.js';
import { hashSecret } from '../secrets.js';
import { type AuditEventInput, SIGN_IN_ACTIONS } from './sign-in-audit.js';
import type { SignInDeps } from './sign-in-deps.js';
import { type SignInMailPayload, SignInMailPayloadSchema, SignInMailSecretsSchema } from './sign-in-mail-payload.js';

const PAYLOAD = sealedPayloadReader(SignInMailPayloadSchema, SignInMailSecretsSchema);

/** Builds the emailed URL of a link; the web layer owns its shape. */
export type SignInLinkFormatter = (page: CustomerPageAccess, token: string) => string;

/**
 * The default link: `<PUBLIC_URL><page path>/auth#<token>`. The token rides in the fragment, which
 * browsers never send to servers, so it stays out of access logs and proxies (RED-6).
 */
export const formatSignInLinkUnder =
  (publicUrl: string): SignInLinkFormatter =>
  (page, token) =>
    `${publicUrl.replace(/\/+$/, '')}${page.path}/auth#${token}`;

/** The sign-in mail: subject "Sign in to <page name>", plain-text and HTML parts, the link and the code. */
export function composeSignInMail(input: { to: string; pageName: string; link: string; code: string; ttlMinutes: number }): MailMessage {
  const pageName = input.pageName.replace(/[\r\n]+/g, ' ').trim();
  const subject = `Sign in to ${pageName}`;
  const text = [
    `Sign in to ${pageName}`,
    '',
    'Open this link to sign in:',
    input.link,
    '',
    'If you open it in another browser or on another device than the one where you asked for it,',
    `you will be asked for this code: ${input.code}`,
    '',
    `The link works once and expires in ${input.ttlMinutes} minutes.`,
    'If you did not ask to sign in, you can ignore this mail.',
    '',
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">',
    `<h1 style="font-size:1.25em">Sign in to ${escapeHtml(pageName)}</h1>`,
    `<p><a href="${escapeHtml(input.link)}">Sign in to ${escapeHtml(pageName)}</a></p>`,
    `<p>Or copy this link into your browser:<br><span style="word-break:break-all">${escapeHtml(input.link)}</span></p>`,
    '<p>If you open it in another browser or on another device than the one where you asked for it, you will be asked for this code:</p>',
    `<p style="font-size:1.5em;letter-spacing:0.15em;font-family:monospace"><strong>${escapeHtml(input.code)}</strong></p>`,
    `<p>The link works once and expires in ${input.ttlMinutes} minutes. If you did not ask to sign in, you can ignore this mail.</p>`,
    '</body></html>',
  ].join('\n');
  return { to: { address: input.to }, subject, text, html, logSummary: { link: input.link, code: input.code } };
}

/**
 * Where a queued mail's link leads, for the audience it was asked for: the name it signs in to and
 * the URL of a token; or why the address may no longer have it (REQ-3, STF-1).
 */
type SignInMailTarget = { name: string; link(token: string): string } | { refused: string };

/** The mail target of an audience key (`payload.customerPageId`) and address; the audience's `auditPageId` too. */
export interface SignInMailAudience {
  target(audienceKey: string, email: CanonicalEmail): Promise<SignInMailTarget>;
  auditPageId(audienceKey: string): string | null;
}

/**
 * Delivers queued sign-in mails of customer pages. Just before sending it checks again that the link
 * is still live and the address still allowlisted on the page (REQ-3: a domain removed while the mail
 * waited gets nothing). Once finished, the sealed token and code are removed from the row (TOK-2).
 */
export function createSignInMailHandler(deps: SignInDeps, options: { mailer: Mailer; formatLink: SignInLinkFormatter }): OutboxHandler {
  return createAudienceMailHandler(deps, {
    mailer: options.mailer,
    audience: {
      auditPageId: (key) => key,
      async target(key, email) {
        const page = deps.directory.find(key);
        if (!page) return { refused: 'page_removed' };
        if (isAllowlisted(email, page.allowlist) === null) return { refused: 'not_allowlisted' };
        return { name: page.name, link: (token) => options.formatLink(page, token) };
      },
    },
  });
}

/** `createSignInMailHandler` for any audience: who may still get the mail, and what it links to, is the audience's. */
export function createAudienceMailHandler(
  deps: Pick<SignInDeps, 'database' | 'clock' | 'secret'>,
  options: { mailer: Mailer; audience: SignInMailAudience },
): OutboxHandler {
  const { audience } = options;
  const drop = (payload: SignInMailPayload | null, reason: string): OutboxOutcome => ({
    status: 'dropped',
    reason,
    events: payload ? [event(audience, payload, SIGN_IN_ACTIONS.mailDropped, { email: payload.to, reason })] : [],
  });
  return {
    async deliver(message, signal) {
      const opened = PAYLOAD.live(message.payload, deps.clock());
      if ('refused' in opened) return drop(opened.payload, opened.refused);
      const { payload, msLeft } = opened;
      const email = canonicaliseEmail(payload.to);
      if (!email.ok) return drop(payload, 'not_allowlisted');
      const target = await audience.target(payload.customerPageId, email.address);
      if ('refused' in target) return drop(payload, target.refused);
      const secrets = PAYLOAD.secrets(deps.secret, payload);
      if (!secrets) return drop(payload, 'unsealable');
      const link = await findSignInToken(deps.database.db, hashSecret(deps.secret, 'sign-in-token', secrets.token));
      if (!link || link.usedAt || link.voidedAt) return drop(payload, 'superseded');
      await options.mailer.send(
        composeSignInMail({
          to: email.address.address,
          pageName: target.name,
          link: target.link(secrets.token),
          code: secrets.code,
          // What is left of the link's life, should the mail have waited for a retry.
          ttlMinutes: Math.max(1, Math.ceil(msLeft / 60_000)),
        }),
        signal,
      );
      return { status: 'sent', events: [event(audience, payload, SIGN_IN_ACTIONS.mailSent, { email: payload.to })] };
    },
    redact: PAYLOAD.redact,
    describeGiveUp(message: OutboxRecord, error: string) {
      const payload = PAYLOAD.read(message.payload);
      return payload
        ? [event(audience, payload, SIGN_IN_ACTIONS.mailDropped, { email: payload.to, reason: 'delivery_failed', error })]
        : [];
    },
  };
}

function event(
  audience: SignInMailAudience,
  payload: SignInMailPayload,
  action: string,
  details: Record<string, unknown>,
): AuditEventInput {
  const pageId = audience.auditPageId(payload.customerPageId);
  return { actor: SYSTEM_ACTOR, action, subjectType: 'sign_in_link', subjectId: payload.linkId, pageId, details };
}
