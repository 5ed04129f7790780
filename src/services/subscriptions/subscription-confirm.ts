import { confirmSubscription, spendSubscriptionToken } from '../../store/subscriptions/email-subscriptions.js';
import { writeUnannounced } from '../live-state/unannounced-write.js';
import { VISITOR_ACTOR, appendAudit } from '../sign-in/sign-in-audit.js';
import { SUBSCRIPTION_ACTIONS, subscriptionEvent } from './subscription-audit.js';
import type { SubscriptionDeps } from './subscription-deps.js';
import { unsubscribeToken } from './subscription-links.js';
import { assessSubscriptionToken, auditRefusal } from './subscription-tokens.js';

/** A confirmation link as its page shows it; `invalid` for every refusal alike (as RED-8). */
export type ConfirmLinkState = { valid: true; scope: string } | { valid: false };

/**
 * What a confirmation link's page shows (a Confirm button, or the generic "ask again" page). Reads
 * only: opening a link changes nothing (RED-1; mail scanners open links before people do).
 */
export async function inspectConfirmLink(deps: SubscriptionDeps, token: string): Promise<ConfirmLinkState> {
  const assessment = await assessSubscriptionToken(deps.database.db, deps, token, 'confirm', deps.clock());
  return assessment.ok ? { valid: true, scope: assessment.subscription.scope } : { valid: false };
}

export type ConfirmResult = { ok: true; scope: string; unsubscribeToken: string } | { ok: false };

/**
 * Confirms a subscription with its link (the button's POST): the link is spent by one conditional
 * update (as TOK-5), so of any number of parallel attempts one confirms. Every refusal returns the
 * same `{ ok: false }`; the reason goes to the audit log.
 */
export async function confirmSubscriptionLink(deps: SubscriptionDeps, token: string): Promise<ConfirmResult> {
  const now = deps.clock();
  return writeUnannounced(deps, async (tx): Promise<ConfirmResult> => {
    const assessment = await assessSubscriptionToken(tx, deps, token, 'confirm', now);
    const refuse = async (reason: string): Promise<ConfirmResult> => {
      await auditRefusal(tx, assessment, SUBSCRIPTION_ACTIONS.confirmFailed, reason, now);
      return { ok: false };
    };
    if (!assessment.ok) return refuse(assessment.reason);
    const { link, subscription } = assessment;
    if (!(await spendSubscriptionToken(tx, link.tokenHash, now))) return refuse('used');
    if (!(await confirmSubscription(tx, subscription.id, now))) return refuse('not_pending');
    const details = { linkId: link.id, componentIds: subscription.componentIds };
    await appendAudit(tx, now, [subscriptionEvent(VISITOR_ACTOR, SUBSCRIPTION_ACTIONS.confirmed, subscription, details)]);
    return { ok: true, scope: subscription.scope, unsubscribeToken: unsubscribeToken(deps.secret, subscription.id) };
  });
}
