import { canonicaliseEmail } from '../../domain/access/email-address.js';
import { safeEqual } from '../../domain/access/secret-compare.js';
import {
  type SignInTokenRecord,
  countCodeAttempt,
  findSignInToken,
  markSignInTokenUsed,
  voidSignInToken,
} from '../../store/access/sign-in-tokens.js';
import type { Tx } from '../../store/transaction.js';
import { LINK_TOKEN_BYTES, PENDING_COOKIE_BYTES, hashSecret, hashSignInCode, isTokenShaped, normaliseCode } from '../secrets.js';
import { type AuditEventInput, SIGN_IN_ACTIONS, VISITOR_ACTOR, appendAudit } from './sign-in-audit.js';
import { type LinkDeps, type SignInAudience, customerPageAudience } from './sign-in-audience.js';
import type { SignInDeps } from './sign-in-deps.js';
import { writeUnannounced } from '../live-state/unannounced-write.js';

/** TOK-8: code attempts allowed per link, counted before comparing. */
export const MAX_CODE_ATTEMPTS = 5;

/** Why a link was refused: for the audit log only; callers all get the same `{ ok: false }` (RED-8). */
type LinkRefusal =
  | 'unknown'
  | 'wrong_page'
  | 'used'
  | 'voided'
  | 'expired'
  | 'page_removed'
  | 'not_allowlisted'
  | 'not_staff'
  | 'code_attempts_spent'
  | 'code_required'
  | 'wrong_code';

export interface SignInLinkInput {
  /** The page whose URL the link was opened under; a link for another page is refused (TOK-3). */
  customerPageId: string;
  token: string;
  /** The pending cookie of this browser, if any (RED-3). */
  pendingCookieValue: string | null | undefined;
}

/** What opening or using a link sends, whatever the audience. */
export type LinkInput = Omit<SignInLinkInput, 'customerPageId'>;

export type SignInLinkState = 'same_browser' | 'needs_code' | 'invalid';

/**
 * A refusal says nothing more (RED-8), except to the holder of a live link who typed a wrong code:
 * they are told how many attempts are left, so that they can try again (TOK-8 still caps them).
 */
export type RedeemResult =
  | { ok: true; sessionToken: string; customerPageId: string; nextPath: string | null }
  | { ok: false }
  | { ok: false; wrongCode: { attemptsLeft: number } };

type Assessment =
  | { kind: 'invalid'; reason: LinkRefusal; link: SignInTokenRecord | null }
  | { kind: 'same_browser' | 'needs_code'; link: SignInTokenRecord };

/**
 * What opening a link should show: a "Continue" button (same browser, RED-4), a code form (another
 * browser, RED-5) or the generic "ask for a new link" page (RED-8). Spends nothing and creates no
 * session (RED-1/RED-2); it only records that the link was opened (LOG-1).
 */
export async function inspectSignInLink(deps: SignInDeps, input: SignInLinkInput): Promise<{ kind: SignInLinkState }> {
  return inspectLinkFor(deps, customerPageAudience(deps, input.customerPageId), input);
}

/** `inspectSignInLink` for any audience (see sign-in-audience.ts). */
export async function inspectLinkFor(deps: LinkDeps, audience: SignInAudience, input: LinkInput): Promise<{ kind: SignInLinkState }> {
  const now = deps.clock();
  return writeUnannounced(deps, async (tx) => {
    const assessment = await assessLink(tx, deps, audience, input, now);
    const kind = assessment.kind;
    await appendAudit(tx, now, [
      linkEvent(audience, assessment, SIGN_IN_ACTIONS.linkOpened, {
        result: kind,
        ...(kind === 'invalid' ? { reason: assessment.reason } : {}),
      }),
    ]);
    return { kind };
  });
}

/**
 * Signs in with a link: in the browser that asked (pending cookie matches, RED-4) without a code,
 * elsewhere only with the mailed code (RED-5, REQ-6; at most MAX_CODE_ATTEMPTS, counted first,
 * TOK-8). The allowlist is checked again (TOK-7) and the link is spent by one conditional update
 * (TOK-5), so of any number of parallel attempts exactly one gets a session. Every failure returns
 * the same `{ ok: false }`; the reason goes to the audit log (RED-8).
 */
export async function redeemSignInLink(deps: SignInDeps, input: SignInLinkInput & { code?: string | null }): Promise<RedeemResult> {
  return redeemLinkFor(deps, customerPageAudience(deps, input.customerPageId), input);
}

/** `redeemSignInLink` for any audience: the session started is the audience's (see sign-in-audience.ts). */
export async function redeemLinkFor(
  deps: LinkDeps,
  audience: SignInAudience,
  input: LinkInput & { code?: string | null },
): Promise<RedeemResult> {
  const now = deps.clock();
  return writeUnannounced(deps, async (tx): Promise<RedeemResult> => {
    const refuse = async (assessment: Assessment, reason: LinkRefusal, extra: AuditEventInput[] = []): Promise<RedeemResult> => {
      await appendAudit(tx, now, [...extra, linkEvent(audience, assessment, SIGN_IN_ACTIONS.redeemFailed, { reason })]);
      return { ok: false };
    };
    const assessment = await assessLink(tx, deps, audience, input, now);
    if (assessment.kind === 'invalid') return refuse(assessment, assessment.reason);
    const { link } = assessment;

    if (assessment.kind === 'needs_code') {
      if (input.code === undefined || input.code === null || input.code === '') return refuse(assessment, 'code_required');
      // Counted before comparing, by a conditional update, so parallel guesses cannot exceed the limit.
      const attempt = await countCodeAttempt(tx, link.tokenHash, MAX_CODE_ATTEMPTS, now);
      if (attempt === null) return refuse(assessment, 'code_attempts_spent');
      const code = normaliseCode(input.code);
      const presented = hashSignInCode(deps.secret, link.tokenHash, code ?? 'not-a-code');
      if (!safeEqual(presented, link.codeHash) || code === null) {
        const attemptsLeft = MAX_CODE_ATTEMPTS - attempt;
        if (attemptsLeft <= 0) await voidSignInToken(tx, link.tokenHash, now);
        const failed = linkEvent(audience, assessment, SIGN_IN_ACTIONS.codeFailed, {
          attempt,
          malformed: code === null,
          linkVoided: attemptsLeft <= 0,
        });
        await refuse(assessment, 'wrong_code', [failed]);
        return attemptsLeft > 0 ? { ok: false, wrongCode: { attemptsLeft } } : { ok: false };
      }
    }

    if (!(await markSignInTokenUsed(tx, link.tokenHash, now))) return refuse(assessment, 'used');
    const email = canonicaliseEmail(link.email);
    if (!email.ok) return refuse(assessment, 'not_allowlisted');
    const session = await audience.startSession(tx, email.address, now);
    const via = assessment.kind === 'same_browser' ? 'same_browser' : 'code';
    await appendAudit(tx, now, [
      linkEvent(audience, assessment, SIGN_IN_ACTIONS.redeemed, { via, sessionId: session.sessionId }),
      {
        actor: VISITOR_ACTOR,
        action: SIGN_IN_ACTIONS.sessionCreated,
        subjectType: 'session',
        subjectId: session.sessionId,
        pageId: audience.auditPageId,
        details: { ...session.details, via, linkId: link.id },
      },
    ]);
    const { sessionToken } = session;
    return { ok: true, sessionToken, customerPageId: link.customerPageId, nextPath: link.nextPath };
  });
}

/** Everything that can be said about a link without changing it. */
async function assessLink(tx: Tx, deps: LinkDeps, audience: SignInAudience, input: LinkInput, now: Date): Promise<Assessment> {
  if (!isTokenShaped(input.token, LINK_TOKEN_BYTES)) return { kind: 'invalid', reason: 'unknown', link: null };
  const tokenHash = hashSecret(deps.secret, 'sign-in-token', input.token);
  const link = await findSignInToken(tx, tokenHash);
  if (!link || !safeEqual(link.tokenHash, tokenHash)) return { kind: 'invalid', reason: 'unknown', link: null };
  const refuse = (reason: LinkRefusal): Assessment => ({ kind: 'invalid', reason, link });
  if (link.customerPageId !== audience.key) return refuse('wrong_page');
  if (link.usedAt) return refuse('used');
  if (link.voidedAt) return refuse('voided');
  if (now >= link.expiresAt) return refuse('expired');
  const email = canonicaliseEmail(link.email);
  if (!email.ok) return refuse('not_allowlisted');
  // TOK-7 (and STF-1): the audience is asked again; a domain or staff member removed since gets nothing.
  const refusal = await audience.refusal(tx, email.address);
  if (refusal !== null) return refuse(refusal as LinkRefusal);
  if (isSameBrowser(deps, link, input.pendingCookieValue)) return { kind: 'same_browser', link };
  if (link.codeAttempts >= MAX_CODE_ATTEMPTS) return refuse('code_attempts_spent');
  return { kind: 'needs_code', link };
}

function isSameBrowser(deps: LinkDeps, link: SignInTokenRecord, pendingCookieValue: string | null | undefined): boolean {
  if (!isTokenShaped(pendingCookieValue, PENDING_COOKIE_BYTES)) return false;
  return safeEqual(hashSecret(deps.secret, 'pending-cookie', pendingCookieValue), link.pendingHash);
}

function linkEvent(audience: SignInAudience, assessment: Assessment, action: string, details: Record<string, unknown>): AuditEventInput {
  const { link } = assessment;
  return {
    actor: VISITOR_ACTOR,
    action,
    subjectType: 'sign_in_link',
    subjectId: link?.id ?? 'unknown',
    pageId: audience.auditPageId,
    details: link
      ? { email: link.email, ...(link.customerPageId === audience.key ? {} : { linkPageId: link.customerPageId }), ...details }
      : details,
  };
}
