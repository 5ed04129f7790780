import type { Logger } from 'pino';
import { type CanonicalEmail, canonicaliseEmail, formatMaskedAddress } from '../../domain/access/email-address.js';
import { BeaconError, invalid, notFound } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import { insertSignInToken, voidLiveSignInTokens } from '../../store/access/sign-in-tokens.js';
import type { Tx } from '../../store/transaction.js';
import { enqueue } from '../outbox/outbox.js';
import { seal } from '../seal.js';
import { LINK_TOKEN_BYTES, PENDING_COOKIE_BYTES, hashSecret, hashSignInCode, randomCode, randomToken } from '../secrets.js';
import { SIGN_IN_ACTIONS, VISITOR_ACTOR, appendAudit } from './sign-in-audit.js';
import { type LinkDeps, type SignInAudience, customerPageAudience } from './sign-in-audience.js';
import type { SignInDeps } from './sign-in-deps.js';
import { countSignInRequest } from './sign-in-limits.js';
import type { SignInMailPayload } from './sign-in-mail-payload.js';
import { writeUnannounced } from '../live-state/unannounced-write.js';

export interface SignInRequestInput {
  customerPageId: string;
  /** As typed into the form; canonicalised here (DOM-1/2). */
  rawEmail: string;
  /** The client address as the web layer established it (proxies resolved). */
  clientIp: string;
  /** Where to go after signing in, already checked by the web layer (NXT-1/2); stored server-side. */
  nextPath: string | null;
}

/** The same shape, and the same kind of values, for every well-formed address (REQ-1). */
export interface SignInRequestResult {
  /** Set it as the pending cookie (RED-3): 128 random bits, whatever happened. */
  pendingCookieValue: string;
  /** The cookie's lifetime, that of a link (TOK-4). */
  pendingCookieMaxAgeSeconds: number;
}

const MAX_NEXT_PATH_LENGTH = 2048;

/**
 * Handles a submitted sign-in form. For an allowlisted address within its limits it voids older
 * links (TOK-6), stores a new link as HMACs (TOK-2) and queues the mail in the same transaction
 * (REQ-2, REQ-3); every other outcome does nothing visible. Every request is audited (LOG-1).
 *
 * @throws BeaconError('validation') for a malformed address (the only visible difference),
 *   BeaconError('rate_limited') when the client IP is over its limit (the same for every address),
 *   BeaconError('not_found') for an unknown page.
 * When no link is sent (rate limited, or not allowlisted) it says so to `logger`, the address masked.
 *
 * @example const { pendingCookieValue } = await requestSignInLink(deps, { customerPageId, rawEmail, clientIp, nextPath: null }, logger)
 */
export async function requestSignInLink(
  deps: SignInDeps,
  input: SignInRequestInput,
  logger?: Pick<Logger, 'info'>,
): Promise<SignInRequestResult> {
  const parsed = canonicaliseEmail(input.rawEmail);
  if (!parsed.ok) throw invalid('email', parsed.reason);
  if (!deps.directory.find(input.customerPageId)) throw notFound('customer page', input.customerPageId);
  return requestLinkFor(deps, customerPageAudience(deps, input.customerPageId), input, logger);
}

/**
 * `requestSignInLink` for any audience (a customer page's viewers, or the staff): the same checks,
 * limits, audit and answer for every address (REQ-1..4), a link only for an address the audience
 * admits (REQ-3, STF-1).
 *
 * @throws BeaconError('validation') for a malformed address, BeaconError('rate_limited') when the
 *   client IP is over its limit.
 */
export async function requestLinkFor(
  deps: LinkDeps,
  audience: SignInAudience,
  input: Omit<SignInRequestInput, 'customerPageId'>,
  logger?: Pick<Logger, 'info'>,
): Promise<SignInRequestResult> {
  const parsed = canonicaliseEmail(input.rawEmail);
  if (!parsed.ok) throw invalid('email', parsed.reason);
  const email = parsed.address;
  const nextPath = isPlausiblePath(input.nextPath) ? input.nextPath : null;
  const now = deps.clock();
  const pendingCookieValue = randomToken(PENDING_COOKIE_BYTES);

  const { limit: refusedBy, allowlisted } = await writeUnannounced(deps, async (tx) => {
    const limit = await countSignInRequest(tx, { customerPageId: audience.key, email, clientIp: input.clientIp, now });
    const allowlisted = (await audience.refusal(tx, email)) === null;
    const linkId = allowlisted && limit === null ? await issueLink(tx, deps, audience, { email, pendingCookieValue, nextPath, now }) : null;
    await appendAudit(tx, now, [
      {
        actor: VISITOR_ACTOR,
        action: SIGN_IN_ACTIONS.linkRequested,
        subjectType: 'email',
        subjectId: email.address,
        pageId: audience.auditPageId,
        details: { allowlisted, rateLimited: limit, queued: linkId !== null, linkId, clientIp: input.clientIp },
      },
    ]);
    return { limit, allowlisted };
  });
  // Committed: the worker may send it now rather than at its next poll. Rung whether or not a mail
  // was queued, so that when the worker wakes says nothing about the address (REQ-2).
  deps.outbox?.ring();
  // The viewer is told nothing (REQ-1), but whoever runs the server, waiting for a mail or a logged
  // link, should learn why none comes. The address is masked: operational logs need not hold it.
  if (refusedBy !== null || !allowlisted) {
    const why = refusedBy !== null ? `rate limited (${refusedBy})` : audience.notAdmittedLog;
    logger?.info(
      { customerPageId: audience.auditPageId ?? audience.key, email: formatMaskedAddress(email), reason: refusedBy ?? 'not_allowlisted' },
      `sign-in link not sent: ${why}`,
    );
  }

  if (refusedBy === 'client_ip')
    throw new BeaconError('rate_limited', 'Too many sign-in requests from your network. Please try again later.');
  return { pendingCookieValue, pendingCookieMaxAgeSeconds: deps.settings.tokenTtlMinutes * 60 };
}

/** Stores a new link for the address and queues its mail; returns the link's id. */
async function issueLink(
  tx: Tx,
  deps: LinkDeps,
  audience: SignInAudience,
  input: { email: CanonicalEmail; pendingCookieValue: string; nextPath: string | null; now: Date },
): Promise<string> {
  const { email, now } = input;
  const customerPageId = audience.key;
  await voidLiveSignInTokens(tx, { customerPageId, email: email.address, at: now });
  const token = randomToken(LINK_TOKEN_BYTES);
  const code = randomCode();
  const tokenHash = hashSecret(deps.secret, 'sign-in-token', token);
  const id = newId();
  const expiresAt = new Date(now.getTime() + deps.settings.tokenTtlMinutes * 60_000);
  await insertSignInToken(tx, {
    id,
    tokenHash,
    customerPageId,
    email: email.address,
    codeHash: hashSignInCode(deps.secret, tokenHash, code),
    codeAttempts: 0,
    pendingHash: hashSecret(deps.secret, 'pending-cookie', input.pendingCookieValue),
    nextPath: input.nextPath,
    createdAt: now,
    expiresAt,
    usedAt: null,
    voidedAt: null,
  });
  // The mail needs the raw token and code; they wait sealed and are removed once it is sent (TOK-2).
  const payload: SignInMailPayload = {
    linkId: id,
    customerPageId,
    to: email.address,
    expiresAt: expiresAt.toISOString(),
    sealed: seal(deps.secret, JSON.stringify({ token, code })),
  };
  await enqueue(tx, audience.mailKind, payload, now);
  return id;
}

// The web layer checks the destination properly (NXT-1/2); this only refuses what is never a local path.
function isPlausiblePath(path: string | null): path is string {
  return typeof path === 'string' && /^\/(?![/\\])/.test(path) && path.length <= MAX_NEXT_PATH_LENGTH;
}
