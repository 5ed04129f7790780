import { parseScopeKey } from '../../domain/notifications/notification-event.js';
import type { EmailSubscriptionRecord } from '../../store/subscriptions/email-subscriptions.js';
import type { AuditEventInput } from '../sign-in/sign-in-audit.js';

/**
 * Subscription audit actions (LOG-1 for subscribers). Details never hold a raw token, code or link
 * (LOG-2): links are named by their non-secret `id` handle, subscriptions by their id.
 */
export const SUBSCRIPTION_ACTIONS = {
  requested: 'subscription.requested',
  manageRequested: 'subscription.manage_requested',
  mailSent: 'subscription.mail_sent',
  mailDropped: 'subscription.mail_dropped',
  confirmed: 'subscription.confirmed',
  confirmFailed: 'subscription.confirm_failed',
  manageOpened: 'subscription.manage_opened',
  manageFailed: 'subscription.manage_failed',
  codeFailed: 'subscription.code_failed',
  componentsChanged: 'subscription.components_changed',
  unsubscribed: 'subscription.unsubscribed',
} as const;

/** The subject type of every subscription audit event. */
const SUBSCRIPTION_SUBJECT = 'email_subscription';

/** The page a scope's audit events are about: the page, a sub-page's parent, or the customer page. */
function auditPageIdOf(scopeKey: string): string | null {
  const scope = parseScopeKey(scopeKey);
  if (scope === null) return null;
  return scope.kind === 'customer' ? scope.customerPageId : scope.pageId;
}

/** An audit event about one subscription, by `actor`. */
export function subscriptionEvent(
  actor: string,
  action: string,
  subscription: Pick<EmailSubscriptionRecord, 'id' | 'scope' | 'email'>,
  details: Record<string, unknown>,
): AuditEventInput {
  return {
    actor,
    action,
    subjectType: SUBSCRIPTION_SUBJECT,
    subjectId: subscription.id,
    pageId: auditPageIdOf(subscription.scope),
    details: { email: subscription.email, scope: subscription.scope, ...details },
  };
}
