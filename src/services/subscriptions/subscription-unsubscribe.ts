import { endSubscription, findEmailSubscriptionById } from '../../store/subscriptions/email-subscriptions.js';
import { writeUnannounced } from '../live-state/unannounced-write.js';
import { VISITOR_ACTOR, appendAudit } from '../sign-in/sign-in-audit.js';
import { SUBSCRIPTION_ACTIONS, subscriptionEvent } from './subscription-audit.js';
import type { SubscriptionDeps } from './subscription-deps.js';
import { readUnsubscribeToken } from './subscription-links.js';

/** An unsubscribe link as its page shows it: the scope it ends, or not one of ours. */
export type UnsubscribeLinkState = { valid: true; scope: string | null; subscribed: boolean } | { valid: false };

/** What the unsubscribe page shows. Reads only: a GET of the link changes nothing (SUB-3, as RED-1). */
export async function inspectUnsubscribeLink(deps: SubscriptionDeps, token: string): Promise<UnsubscribeLinkState> {
  const id = readUnsubscribeToken(deps.secret, token);
  if (id === null) return { valid: false };
  const subscription = await findEmailSubscriptionById(deps.database.db, id);
  return { valid: true, scope: subscription?.scope ?? null, subscribed: subscription !== null && subscription.state !== 'unsubscribed' };
}

/**
 * One-click unsubscribe (SUB-3, RFC 8058): the token alone ends the subscription, with no cookie and no
 * other step. Idempotent: a repeat, or a subscription already gone, is still a success, and only a
 * change is audited. One update and one insert, so the mail provider's POST is answered at once.
 */
export async function unsubscribeWithToken(deps: SubscriptionDeps, token: string): Promise<UnsubscribeLinkState> {
  const id = readUnsubscribeToken(deps.secret, token);
  if (id === null) return { valid: false };
  const now = deps.clock();
  return writeUnannounced(deps, async (tx): Promise<UnsubscribeLinkState> => {
    const subscription = await findEmailSubscriptionById(tx, id);
    if (subscription && (await endSubscription(tx, id, now))) {
      await appendAudit(tx, now, [
        subscriptionEvent(VISITOR_ACTOR, SUBSCRIPTION_ACTIONS.unsubscribed, subscription, { via: 'unsubscribe_link' }),
      ]);
    }
    return { valid: true, scope: subscription?.scope ?? null, subscribed: false };
  });
}
