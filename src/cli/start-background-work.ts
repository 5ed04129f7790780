import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createSessionCache } from '../services/sessions/session-cache.js';
import type { ServiceContext } from '../services/context.js';
import { createMailer } from '../services/outbox/mailer.js';
import { startOutboxWorker } from '../services/outbox/outbox-worker.js';
import { createEmailChannel } from '../services/notifications/email-channel.js';
import { createNotificationFanOut } from '../services/notifications/fan-out.js';
import { queueClockMaintenanceChanges } from '../services/notifications/maintenance-clock.js';
import { NOTIFICATION_FAN_OUT_KIND } from '../services/notifications/notification-channel.js';
import { createNotificationMailHandler } from '../services/notifications/notification-mail.js';
import { NOTIFICATION_EMAIL_KIND } from '../services/notifications/notification-mail-payload.js';
import { pruneSignInState } from '../services/sign-in/sign-in-housekeeping.js';
import { createSignInMailHandler, formatSignInLinkUnder } from '../services/sign-in/sign-in-mail.js';
import { SIGN_IN_MAIL_KIND } from '../services/sign-in/sign-in-mail-payload.js';
import { createSignInDeps } from '../services/sign-in/sign-in-deps.js';
import type { SnapshotHolder } from '../services/live-state/snapshot-holder.js';
import { createSnapshotDirectory } from '../services/live-state/snapshot-directory.js';
import { createStaffDeps } from '../services/staff/staff-deps.js';
import { STAFF_SIGN_IN_MAIL_KIND, createStaffSignInMailHandler } from '../services/staff/staff-sign-in.js';
import { pruneSubscriptionState } from '../services/subscriptions/subscription-housekeeping.js';
import { createSubscriptionMailHandler } from '../services/subscriptions/subscription-mail.js';
import { SUBSCRIPTION_MAIL_KIND } from '../services/subscriptions/subscription-mail-payload.js';
import { scopeDirectoryOf } from '../web/subscriptions/subscription-scopes.js';
import { createWebhookDeliveryHandler } from '../services/webhooks/webhook-delivery.js';
import { createWebhookChannel } from '../services/webhooks/webhook-channel.js';
import { createWebhookDeps } from '../services/webhooks/webhook-deps.js';
import { WEBHOOK_DELIVERY_KIND } from '../services/webhooks/webhook-message.js';

const PRUNE_INTERVAL_MS = 10 * 60_000;
/** How often to look for maintenance windows the clock started or ended (or that are due a reminder). */
const MAINTENANCE_CLOCK_INTERVAL_MS = 30_000;

/**
 * What a server does besides answering requests: delivering the outbox (customer pages' and staff
 * sign-in mail, off the request path: REQ-2; webhook deliveries) and pruning spent links, sessions and rate-limit windows.
 */
export function startBackgroundWork(
  ctx: ServiceContext,
  holder: SnapshotHolder,
  config: Config,
  logger: Logger,
): { stop(): Promise<void> } {
  // Without SMTP_URL this is the development log mailer, which warns about itself.
  const mailer = createMailer(config.smtp, logger, config.dkim);
  const currentKinds = () => {
    const snapshot = holder.current();
    return snapshot && holder.pageKinds(snapshot);
  };
  const signIn = createSignInDeps(ctx, {
    secret: config.secret,
    directory: createSnapshotDirectory(() => currentKinds()),
    sessionCache: createSessionCache(config.caches.sessionCache),
  });
  const fanOut = createNotificationFanOut(ctx, { liveState: holder });
  const webhookDeps = createWebhookDeps(ctx, { secret: config.secret, publicUrl: config.publicUrl, ...config.webhooks }, holder);
  fanOut.register(createEmailChannel());
  fanOut.register(createWebhookChannel(webhookDeps));
  const worker = startOutboxWorker(ctx, {
    handlers: {
      [NOTIFICATION_FAN_OUT_KIND]: fanOut.handler,
      [NOTIFICATION_EMAIL_KIND]: createNotificationMailHandler(ctx, {
        mailer,
        liveState: holder,
        publicUrl: config.publicUrl,
        secret: config.secret,
      }),
      [SIGN_IN_MAIL_KIND]: createSignInMailHandler(signIn, { mailer, formatLink: formatSignInLinkUnder(config.publicUrl) }),
      [WEBHOOK_DELIVERY_KIND]: createWebhookDeliveryHandler(webhookDeps),
      [STAFF_SIGN_IN_MAIL_KIND]: createStaffSignInMailHandler(createStaffDeps(ctx, { secret: config.secret }), {
        mailer,
        publicUrl: config.publicUrl,
      }),
      [SUBSCRIPTION_MAIL_KIND]: createSubscriptionMailHandler(
        { database: ctx.database, clock: ctx.clock, secret: config.secret },
        { mailer, publicUrl: config.publicUrl, scopes: scopeDirectoryOf(currentKinds) },
      ),
    },
    logger,
    pollMs: 500,
    // Enough concurrent sends for a fan-out of thousands (the pooled SMTP transport caps connections).
    batchSize: 50,
  });
  const clock = setInterval(() => {
    queueClockMaintenanceChanges(ctx, { reminderMinutes: config.maintenanceReminderMinutes }).catch((err: unknown) =>
      logger.warn({ err }, 'queueing maintenance start and end notifications failed'),
    );
  }, MAINTENANCE_CLOCK_INTERVAL_MS);
  clock.unref();
  const prune = setInterval(() => {
    pruneSignInState(ctx).catch((err: unknown) => logger.warn({ err }, 'pruning sign-in state failed'));
    pruneSubscriptionState(ctx).catch((err: unknown) => logger.warn({ err }, 'pruning subscription state failed'));
  }, PRUNE_INTERVAL_MS);
  prune.unref();
  return {
    async stop() {
      clearInterval(prune);
      clearInterval(clock);
      await worker.stop();
      mailer.close();
    },
  };
}
