import type { Logger } from 'pino';
import { isAllowlisted } from '../../domain/access/allowlist.js';
import { type CanonicalEmail, canonicaliseEmail, formatMaskedAddress } from '../../domain/access/email-address.js';
import { BeaconError, invalid } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import { findEmailSubscription, upsertPendingSubscription } from '../../store/subscriptions/email-subscriptions.js';
import type { Tx } from '../../store/transaction.js';
import { writeUnannounced } from '../live-state/unannounced-write.js';
import { VISITOR_ACTOR, appendAudit } from '../sign-in/sign-in-audit.js';
import { SUBSCRIPTION_ACTIONS, subscriptionEvent } from './subscription-audit.js';
import type { ScopeTarget, SubscriptionDeps } from './subscription-deps.js';
import { countSubscriptionRequest } from './subscription-limits.js';
import { issueSubscriptionLink } from './subscription-tokens.js';

/** A scope key with what the web layer resolved of it from the current snapshot. */
export interface ResolvedScope extends ScopeTarget {
  key: string;
}

export interface SubscriptionRequestInput {
  scope: ResolvedScope;
  /** As typed into the form; canonicalised here (DOM-1/2). */
  rawEmail: string;
  /** The chosen components, already checked against the page by the web layer; null for the whole page. */
  componentIds: readonly string[] | null;
  /** The client address as the web layer established it (proxies resolved). */
  clientIp: string;
}

/** What a request led to, for the audit log and the server log only: the visitor sees none of it (SUB-1). */
type Outcome = 'queued' | 'rate_limited' | 'not_allowlisted' | 'nothing_to_manage';

/**
 * What one kind of request does for an address that is allowed and within its limits, in the
 * request's transaction: queue a mail (returning the subscription it concerns), or nothing.
 */
type RequestWork = (tx: Tx, email: CanonicalEmail) => Promise<{ subscriptionId: string; mail: string } | null>;

/**
 * The subscribe form: a new (or ended) subscription becomes pending and gets a confirmation link; a
 * pending one gets a fresh link; a confirmed one is left as it is and its address gets a manage link
 * instead. Nothing else is ever sent before the address confirms (SUB-1). Every request does the same
 * kind of database work, in one transaction, and the mail leaves later through the outbox, so neither
 * the answer nor its timing tells whether the address was known.
 *
 * @throws BeaconError('validation') for a malformed address (the only visible difference),
 *   BeaconError('rate_limited') when the client IP is over its limit (the same for every address).
 */
export async function requestSubscription(
  deps: SubscriptionDeps,
  input: SubscriptionRequestInput,
  logger?: Pick<Logger, 'info'>,
): Promise<void> {
  await runSubscriptionRequest(deps, input, SUBSCRIPTION_ACTIONS.requested, logger, async (tx, email) => {
    const now = deps.clock();
    const existing = await findEmailSubscription(tx, input.scope.key, email.address);
    if (existing?.state === 'confirmed') {
      await issueSubscriptionLink(tx, deps, { subscription: existing, mail: 'already_subscribed', now });
      return { subscriptionId: existing.id, mail: 'already_subscribed' };
    }
    const subscription = await upsertPendingSubscription(tx, {
      id: existing?.id ?? newId(),
      scope: input.scope.key,
      email: email.address,
      domain: email.domain,
      componentIds: input.componentIds,
      now,
    });
    await issueSubscriptionLink(tx, deps, { subscription, mail: 'confirm', now });
    return { subscriptionId: subscription.id, mail: 'confirm' };
  });
}

/**
 * The checks, limits (SUB-5), allowlist (SUB-4) and audit every subscriber request shares; `work`
 * runs only for an admitted address within its limits. The outbox is rung whatever happened, so when
 * the worker wakes says nothing about the address.
 */
export async function runSubscriptionRequest(
  deps: SubscriptionDeps,
  input: Pick<SubscriptionRequestInput, 'scope' | 'rawEmail' | 'clientIp'>,
  action: string,
  logger: Pick<Logger, 'info'> | undefined,
  work: RequestWork,
): Promise<void> {
  const parsed = canonicaliseEmail(input.rawEmail);
  if (!parsed.ok) throw invalid('email', parsed.reason);
  const email = parsed.address;
  const { scope } = input;
  const now = deps.clock();
  const outcome = await writeUnannounced(deps, async (tx): Promise<{ outcome: Outcome; limit: string | null }> => {
    const limit = await countSubscriptionRequest(tx, { scope: scope.key, email, clientIp: input.clientIp, now });
    const admitted = scope.allowlist === null || isAllowlisted(email, scope.allowlist) !== null;
    const done = admitted && limit === null ? await work(tx, email) : null;
    const outcome: Outcome =
      limit !== null ? 'rate_limited' : !admitted ? 'not_allowlisted' : done === null ? 'nothing_to_manage' : 'queued';
    const subject = { id: done?.subscriptionId ?? 'none', scope: scope.key, email: email.address };
    const details = { outcome, rateLimited: limit, mail: done?.mail ?? null, clientIp: input.clientIp };
    await appendAudit(tx, now, [subscriptionEvent(VISITOR_ACTOR, action, subject, details)]);
    return { outcome, limit };
  });
  deps.outbox?.ring();
  // The visitor is told nothing (SUB-1), but whoever runs the server, waiting for a mail, should learn why none comes.
  if (outcome.outcome !== 'queued') {
    logger?.info(
      { scope: scope.key, email: formatMaskedAddress(email), reason: outcome.limit ?? outcome.outcome },
      'subscription mail not sent',
    );
  }
  if (outcome.limit === 'client_ip')
    throw new BeaconError('rate_limited', 'Too many subscription requests from your network. Please try again later.');
}
