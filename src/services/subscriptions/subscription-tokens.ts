import { safeEqual } from '../../domain/access/secret-compare.js';
import { newId } from '../../domain/id.js';
import {
  type EmailSubscriptionRecord,
  type SubscriptionTokenPurpose,
  type SubscriptionTokenRecord,
  findEmailSubscriptionById,
  findSubscriptionToken,
  insertSubscriptionToken,
  voidLiveSubscriptionTokens,
} from '../../store/subscriptions/email-subscriptions.js';
import type { Queryable, Tx } from '../../store/transaction.js';
import { enqueue } from '../outbox/outbox.js';
import { seal } from '../seal.js';
import { LINK_TOKEN_BYTES, hashSecret, isTokenShaped, randomCode, randomToken } from '../secrets.js';
import { VISITOR_ACTOR, appendAudit } from '../sign-in/sign-in-audit.js';
import { subscriptionEvent } from './subscription-audit.js';
import type { SubscriptionDeps } from './subscription-deps.js';
import { SUBSCRIPTION_MAIL_KIND, type SubscriptionMail, type SubscriptionMailPayload } from './subscription-mail-payload.js';

/** SUB-2: a confirmation link lives 48 hours; a manage link (and its code) one hour. */
const SUBSCRIPTION_TOKEN_TTL_MS: Readonly<Record<SubscriptionTokenPurpose, number>> = {
  confirm: 48 * 60 * 60_000,
  manage: 60 * 60_000,
};

/** The stored form of a manage code, bound to its link so it never matches another (as TOK-8). */
export const hashSubscriptionCode = (secret: string, tokenHash: string, code: string): string =>
  hashSecret(secret, 'subscription-code', `${tokenHash}:${code}`);

/** A link just stored: the raw token and code exist only here, on their way to a mail or a form. */
export interface IssuedLink {
  id: string;
  token: string;
  code: string | null;
  expiresAt: Date;
}

/**
 * Stores a new link for a subscription: a random token (TOK-1) kept as an HMAC (TOK-2), with an
 * 8-digit code when asked. Older live links of the same purpose stop working (as TOK-6). `id` is the
 * link's handle, chosen by the caller when it was promised before (the code form).
 */
export async function insertLink(
  tx: Tx,
  deps: SubscriptionDeps,
  input: { subscriptionId: string; purpose: SubscriptionTokenPurpose; withCode: boolean; id?: string; now: Date },
): Promise<IssuedLink> {
  const { now, purpose } = input;
  await voidLiveSubscriptionTokens(tx, input.subscriptionId, purpose, now);
  const token = randomToken(LINK_TOKEN_BYTES);
  const code = input.withCode ? randomCode() : null;
  const tokenHash = hashSecret(deps.secret, 'subscription-token', token);
  const id = input.id ?? newId();
  const expiresAt = new Date(now.getTime() + SUBSCRIPTION_TOKEN_TTL_MS[purpose]);
  await insertSubscriptionToken(tx, {
    id,
    tokenHash,
    subscriptionId: input.subscriptionId,
    purpose,
    codeHash: code === null ? null : hashSubscriptionCode(deps.secret, tokenHash, code),
    codeAttempts: 0,
    createdAt: now,
    expiresAt,
    usedAt: null,
  });
  return { id, token, code, expiresAt };
}

/**
 * Issues a link for `subscription` (`insertLink`: a confirmation link, or a manage link with its code)
 * and queues its mail in the caller's transaction. Returns the link's handle.
 */
export async function issueSubscriptionLink(
  tx: Tx,
  deps: SubscriptionDeps,
  input: { subscription: EmailSubscriptionRecord; mail: SubscriptionMail; tokenId?: string; now: Date },
): Promise<string> {
  const { subscription, now } = input;
  const purpose: SubscriptionTokenPurpose = input.mail === 'confirm' ? 'confirm' : 'manage';
  const link = await insertLink(tx, deps, {
    subscriptionId: subscription.id,
    purpose,
    withCode: purpose === 'manage',
    now,
    ...(input.tokenId === undefined ? {} : { id: input.tokenId }),
  });
  const payload: SubscriptionMailPayload = {
    mail: input.mail,
    tokenId: link.id,
    subscriptionId: subscription.id,
    scope: subscription.scope,
    to: subscription.email,
    expiresAt: link.expiresAt.toISOString(),
    sealed: seal(deps.secret, JSON.stringify({ token: link.token, code: link.code })),
  };
  await enqueue(tx, SUBSCRIPTION_MAIL_KIND, payload, now);
  return link.id;
}

/** Why a link was refused: for the audit log only; the visitor sees one generic page (as RED-8). */
type TokenRefusal = 'unknown' | 'wrong_purpose' | 'used' | 'expired' | 'ended';

export type TokenAssessment =
  | { ok: true; link: SubscriptionTokenRecord; subscription: EmailSubscriptionRecord }
  | { ok: false; reason: TokenRefusal; link: SubscriptionTokenRecord | null; subscription: EmailSubscriptionRecord | null };

/** Everything that can be said about a presented link without changing it. */
export async function assessSubscriptionToken(
  tx: Queryable,
  deps: SubscriptionDeps,
  token: unknown,
  purpose: SubscriptionTokenPurpose,
  now: Date,
): Promise<TokenAssessment> {
  if (!isTokenShaped(token, LINK_TOKEN_BYTES)) return { ok: false, reason: 'unknown', link: null, subscription: null };
  const tokenHash = hashSecret(deps.secret, 'subscription-token', token);
  const link = await findSubscriptionToken(tx, tokenHash);
  if (!link || !safeEqual(link.tokenHash, tokenHash)) return { ok: false, reason: 'unknown', link: null, subscription: null };
  return assessLink(tx, link, purpose, now);
}

/** `assessSubscriptionToken` for a link already found (by its handle, for the code form). */
export async function assessLink(
  tx: Queryable,
  link: SubscriptionTokenRecord,
  purpose: SubscriptionTokenPurpose,
  now: Date,
): Promise<TokenAssessment> {
  const subscription = await findEmailSubscriptionById(tx, link.subscriptionId);
  const refuse = (reason: TokenRefusal): TokenAssessment => ({ ok: false, reason, link, subscription });
  if (link.purpose !== purpose) return refuse('wrong_purpose');
  if (link.usedAt) return refuse('used');
  if (now >= link.expiresAt) return refuse('expired');
  if (!subscription || subscription.state === 'unsubscribed') return refuse('ended');
  return { ok: true, link, subscription };
}

/** Records a refused link under `action`, with the reason (for the audit log only: the visitor sees one generic page). */
export async function auditRefusal(tx: Tx, assessment: TokenAssessment, action: string, reason: string, now: Date): Promise<void> {
  const subject = assessment.subscription ?? { id: 'unknown', scope: '', email: '' };
  await appendAudit(tx, now, [subscriptionEvent(VISITOR_ACTOR, action, subject, { reason, linkId: assessment.link?.id ?? null })]);
}
