import { isAllowlisted } from '../../domain/access/allowlist.js';
import { SYSTEM_ACTOR } from '../../domain/access/audit-event.js';
import { canonicaliseEmail } from '../../domain/access/email-address.js';
import type { OutboxRecord } from '../../store/outbox.js';
import { findSubscriptionAtSend, quarantineAddress } from '../../store/subscriptions/subscriber-stream.js';
import { findMailDetail } from '../../store/subscriptions/subscription-page-settings.js';
import type { ServiceContext } from '../context.js';
import type { SnapshotSource } from '../live-state/snapshot-source.js';
import { writeUnannounced } from '../live-state/unannounced-write.js';
import { type Mailer, isPermanentRecipientFailure } from '../outbox/mailer.js';
import type { OutboxHandler, OutboxOutcome } from '../outbox/outbox-worker.js';
import type { AuditEventInput } from '../sign-in/sign-in-audit.js';
import { SUBSCRIPTION_PATHS, unsubscribeUrl } from '../subscriptions/subscription-links.js';
import { type NotificationMailPayload, NotificationMailPayloadSchema } from './notification-mail-payload.js';
import { composeNotificationMail } from './notification-mail-text.js';
import { scopeTarget } from './scope-target.js';

/** Audit actions of notification mail. */
export const NOTIFICATION_MAIL_ACTIONS = {
  /** A mail server refused an address for good (5xx); nothing more is sent to it. */
  quarantined: 'notification.address_quarantined',
  /** A mail given up after its last retry. */
  failed: 'notification.mail_failed',
} as const;

export interface NotificationMailOptions {
  mailer: Mailer;
  liveState: SnapshotSource;
  publicUrl: string;
  secret: string;
}

/**
 * Delivers queued notification mails. Just before sending it checks again that the subscription is
 * still confirmed, the address not quarantined, the page still served and, on a customer page, the
 * address still allowlisted (SUB-4: a removed domain gets no more mail); otherwise the mail is dropped.
 * A 5xx refusal of the recipient quarantines the address and drops the mail (no retry); a 4xx or a
 * network failure throws, and the outbox retries with backoff.
 */
export function createNotificationMailHandler(
  ctx: Pick<ServiceContext, 'database' | 'clock'>,
  options: NotificationMailOptions,
): OutboxHandler {
  const origin = options.publicUrl.replace(/\/+$/, '');
  const drop = (reason: string, events: AuditEventInput[] = []): OutboxOutcome => ({ status: 'dropped', reason, events });
  return {
    async deliver(message, signal) {
      const payload = parsePayload(message.payload);
      if (!payload) return drop('malformed_payload');
      const subscription = await findSubscriptionAtSend(ctx.database.db, payload.subscriptionId);
      if (!subscription || subscription.state !== 'confirmed') return drop('not_subscribed');
      if (subscription.quarantined) return drop('quarantined');
      const kinds = options.liveState.pageKinds(await options.liveState.fresh());
      const target = scopeTarget(kinds, subscription.scope);
      if (!target) return drop('page_removed');
      let detail: 'full' | 'notice' = 'full';
      if (target.customer) {
        const email = canonicaliseEmail(subscription.email);
        if (!email.ok || isAllowlisted(email.address, target.customer.allowlist) === null) return drop('not_allowlisted');
        detail = await findMailDetail(ctx.database.db, target.customer.setId);
      }
      const mail = composeNotificationMail({
        to: subscription.email,
        pageName: target.name,
        pageUrl: `${origin}${target.path}`,
        notice: payload.notice,
        detail,
        unsubscribeUrl: unsubscribeUrl(origin, options.secret, subscription.id),
        manageUrl: `${origin}${SUBSCRIPTION_PATHS.manage}`,
      });
      try {
        await options.mailer.send(mail, signal);
      } catch (error) {
        if (!isPermanentRecipientFailure(error)) throw error;
        const reason = (error instanceof Error ? error.message : String(error)).slice(0, 300);
        await writeUnannounced(ctx, (tx) => quarantineAddress(tx, { email: subscription.email, reason, at: ctx.clock() }));
        return drop('quarantined_now', [
          {
            actor: SYSTEM_ACTOR,
            action: NOTIFICATION_MAIL_ACTIONS.quarantined,
            subjectType: 'email_subscription',
            subjectId: subscription.id,
            pageId: null,
            details: { email: subscription.email, reason, noticeId: payload.notice.id },
          },
        ]);
      }
      return { status: 'sent' };
    },
    // Once finished, the row keeps who and which notice, not the message again.
    redact(text) {
      const payload = parsePayload(text);
      if (!payload) return '{}';
      const { id, kind, title, status } = payload.notice;
      return JSON.stringify({ subscriptionId: payload.subscriptionId, notice: { id, kind, title, status } });
    },
    describeGiveUp(message: OutboxRecord, error: string) {
      const payload = parsePayload(message.payload);
      if (!payload) return [];
      return [
        {
          actor: SYSTEM_ACTOR,
          action: NOTIFICATION_MAIL_ACTIONS.failed,
          subjectType: 'email_subscription',
          subjectId: payload.subscriptionId,
          pageId: null,
          details: { noticeId: payload.notice.id, error },
        },
      ];
    },
  };
}

function parsePayload(text: string): NotificationMailPayload | null {
  try {
    const parsed = NotificationMailPayloadSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
