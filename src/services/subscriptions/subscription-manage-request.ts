import type { Logger } from 'pino';
import { findEmailSubscription } from '../../store/subscriptions/email-subscriptions.js';
import { SUBSCRIPTION_ACTIONS } from './subscription-audit.js';
import type { SubscriptionDeps } from './subscription-deps.js';
import { type SubscriptionRequestInput, runSubscriptionRequest } from './subscription-request.js';
import { issueSubscriptionLink } from './subscription-tokens.js';

/**
 * "Manage my subscription": mails the address's subscription to the scope a manage link with a code
 * (SUB-2: changing a subscription needs a fresh mail or its code, never just the address). A pending
 * subscription gets its confirmation link again; an address with none gets nothing. The answer is the
 * same whatever happened (SUB-1), and the request counts against the same limits (SUB-5).
 *
 * `linkId` is the handle the answer's code form carries: made by the caller for every request, and
 * given to a link only when one is issued, so the form looks the same whether or not a mail went.
 *
 * @throws as `requestSubscription`.
 */
export async function requestManageLink(
  deps: SubscriptionDeps,
  input: Pick<SubscriptionRequestInput, 'scope' | 'rawEmail' | 'clientIp'> & { linkId: string },
  logger?: Pick<Logger, 'info'>,
): Promise<void> {
  await runSubscriptionRequest(deps, input, SUBSCRIPTION_ACTIONS.manageRequested, logger, async (tx, email) => {
    const subscription = await findEmailSubscription(tx, input.scope.key, email.address);
    if (!subscription || subscription.state === 'unsubscribed') return null;
    const mail = subscription.state === 'confirmed' ? 'manage' : 'confirm';
    const now = deps.clock();
    await issueSubscriptionLink(tx, deps, { subscription, mail, now, ...(mail === 'manage' ? { tokenId: input.linkId } : {}) });
    return { subscriptionId: subscription.id, mail };
  });
}
