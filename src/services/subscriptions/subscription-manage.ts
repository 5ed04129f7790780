import { safeEqual } from '../../domain/access/secret-compare.js';
import {
  type EmailSubscriptionRecord,
  countSubscriptionCodeAttempt,
  endSubscription,
  findSubscriptionTokenById,
  setSubscriptionComponents,
  spendSubscriptionToken,
} from '../../store/subscriptions/email-subscriptions.js';
import type { Tx } from '../../store/transaction.js';
import { writeUnannounced } from '../live-state/unannounced-write.js';
import { normaliseCode } from '../secrets.js';
import { VISITOR_ACTOR, appendAudit } from '../sign-in/sign-in-audit.js';
import { SUBSCRIPTION_ACTIONS, subscriptionEvent } from './subscription-audit.js';
import type { SubscriptionDeps } from './subscription-deps.js';
import { unsubscribeToken } from './subscription-links.js';
import {
  type TokenAssessment,
  assessLink,
  assessSubscriptionToken,
  auditRefusal,
  hashSubscriptionCode,
  insertLink,
} from './subscription-tokens.js';

/** Code attempts allowed per manage link, counted before comparing (as TOK-8). */
const MAX_MANAGE_CODE_ATTEMPTS = 5;

/** What the manage screen shows of a subscription, and the link its forms post with. */
export interface ManageView {
  /** The manage link's token: the screen's forms post to it. */
  token: string;
  subscription: EmailSubscriptionRecord;
  /** The subscription's one-click unsubscribe token, for the screen's own link. */
  unsubscribeToken: string;
}

/**
 * The manage screen of a mailed manage link (SUB-2: a fresh mail). Reads only: opening it changes
 * nothing. Null for every refusal alike (as RED-8).
 */
export async function openManageLink(deps: SubscriptionDeps, token: string): Promise<ManageView | null> {
  const assessment = await assessSubscriptionToken(deps.database.db, deps, token, 'manage', deps.clock());
  return assessment.ok
    ? { token, subscription: assessment.subscription, unsubscribeToken: unsubscribeToken(deps.secret, assessment.subscription.id) }
    : null;
}

export type ManageCodeResult = { ok: true; view: ManageView } | { ok: false; attemptsLeft: number | null };

/**
 * The code of a manage mail, typed where it was asked for (`linkId` is the handle the form carries).
 * Attempts are counted before comparing and capped (as TOK-8); the right code spends the mailed link
 * and opens the screen with a new link of its own (never mailed, never in a URL it did not post to).
 * `attemptsLeft` is told only to the holder of a live link who typed a wrong code.
 */
export async function enterManageCode(deps: SubscriptionDeps, input: { linkId: string; code: string }): Promise<ManageCodeResult> {
  const now = deps.clock();
  return writeUnannounced(deps, async (tx): Promise<ManageCodeResult> => {
    const found = input.linkId.length <= 64 ? await findSubscriptionTokenById(tx, input.linkId) : null;
    if (!found || found.codeHash === null) return { ok: false, attemptsLeft: null };
    const assessment = await assessLink(tx, found, 'manage', now);
    if (!assessment.ok) return failed(tx, assessment, assessment.reason, now);
    const { link, subscription } = assessment;
    const attempt = await countSubscriptionCodeAttempt(tx, link.id, MAX_MANAGE_CODE_ATTEMPTS, now);
    if (attempt === null) return failed(tx, assessment, 'code_attempts_spent', now);
    const code = normaliseCode(input.code);
    const presented = hashSubscriptionCode(deps.secret, link.tokenHash, code ?? 'not-a-code');
    if (code === null || !safeEqual(presented, link.codeHash ?? '')) {
      const attemptsLeft = MAX_MANAGE_CODE_ATTEMPTS - attempt;
      if (attemptsLeft <= 0) await spendSubscriptionToken(tx, link.tokenHash, now);
      await appendAudit(tx, now, [
        subscriptionEvent(VISITOR_ACTOR, SUBSCRIPTION_ACTIONS.codeFailed, subscription, {
          linkId: link.id,
          attempt,
          linkVoided: attemptsLeft <= 0,
        }),
      ]);
      return { ok: false, attemptsLeft: attemptsLeft > 0 ? attemptsLeft : null };
    }
    if (!(await spendSubscriptionToken(tx, link.tokenHash, now))) return failed(tx, assessment, 'used', now);
    const screen = await insertLink(tx, deps, { subscriptionId: subscription.id, purpose: 'manage', withCode: false, now });
    await appendAudit(tx, now, [
      subscriptionEvent(VISITOR_ACTOR, SUBSCRIPTION_ACTIONS.manageOpened, subscription, {
        linkId: link.id,
        via: 'code',
        screenLinkId: screen.id,
      }),
    ]);
    return { ok: true, view: { token: screen.token, subscription, unsubscribeToken: unsubscribeToken(deps.secret, subscription.id) } };
  });
}

/** A change on the manage screen: what the subscription covers (null: the whole page), or its end. */
export type ManageChange = { kind: 'components'; componentIds: readonly string[] | null } | { kind: 'unsubscribe' };

/**
 * Applies a change with a live manage link (SUB-2: nobody changes a subscription knowing only its
 * address). The link stays good for further changes until it expires. Null for every refusal alike.
 */
export async function changeSubscription(
  deps: SubscriptionDeps,
  input: { token: string; change: ManageChange },
): Promise<EmailSubscriptionRecord | null> {
  const now = deps.clock();
  return writeUnannounced(deps, async (tx) => {
    const assessment = await assessSubscriptionToken(tx, deps, input.token, 'manage', now);
    if (!assessment.ok) {
      await auditRefusal(tx, assessment, SUBSCRIPTION_ACTIONS.manageFailed, assessment.reason, now);
      return null;
    }
    const { subscription, link } = assessment;
    const { change } = input;
    if (change.kind === 'unsubscribe') {
      await endSubscription(tx, subscription.id, now);
      await appendAudit(tx, now, [
        subscriptionEvent(VISITOR_ACTOR, SUBSCRIPTION_ACTIONS.unsubscribed, subscription, { via: 'manage', linkId: link.id }),
      ]);
      return { ...subscription, state: 'unsubscribed' as const, unsubscribedAt: now, updatedAt: now };
    }
    if (!(await setSubscriptionComponents(tx, subscription.id, change.componentIds, now))) {
      await auditRefusal(tx, assessment, SUBSCRIPTION_ACTIONS.manageFailed, 'not_confirmed', now);
      return null;
    }
    const details = { linkId: link.id, before: subscription.componentIds, after: change.componentIds };
    await appendAudit(tx, now, [subscriptionEvent(VISITOR_ACTOR, SUBSCRIPTION_ACTIONS.componentsChanged, subscription, details)]);
    return { ...subscription, componentIds: change.componentIds === null ? null : [...change.componentIds], updatedAt: now };
  });
}

/** A refused code: audited, and nothing told beyond "no" (as RED-8). */
async function failed(tx: Tx, assessment: TokenAssessment, reason: string, now: Date): Promise<ManageCodeResult> {
  await auditRefusal(tx, assessment, SUBSCRIPTION_ACTIONS.manageFailed, reason, now);
  return { ok: false, attemptsLeft: null };
}
