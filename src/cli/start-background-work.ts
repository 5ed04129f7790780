import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createSessionCache } from '../services/sessions/session-cache.js';
import type { ServiceContext } from '../services/context.js';
import { createMailer } from '../services/outbox/mailer.js';
import { startOutboxWorker } from '../services/outbox/outbox-worker.js';
import { pruneSignInState } from '../services/sign-in/sign-in-housekeeping.js';
import { createSignInMailHandler, formatSignInLinkUnder } from '../services/sign-in/sign-in-mail.js';
import { SIGN_IN_MAIL_KIND } from '../services/sign-in/sign-in-mail-payload.js';
import { createSignInDeps } from '../services/sign-in/sign-in-deps.js';
import type { SnapshotHolder } from '../services/live-state/snapshot-holder.js';
import { createSnapshotDirectory } from '../services/live-state/snapshot-directory.js';
import { createStaffDeps } from '../services/staff/staff-deps.js';
import { STAFF_SIGN_IN_MAIL_KIND, createStaffSignInMailHandler } from '../services/staff/staff-sign-in.js';
import { createWebhookDeliveryHandler } from '../services/webhooks/webhook-delivery.js';
import { createWebhookDeps } from '../services/webhooks/webhook-deps.js';
import { WEBHOOK_DELIVERY_KIND } from '../services/webhooks/webhook-message.js';

const PRUNE_INTERVAL_MS = 10 * 60_000;

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
  const mailer = createMailer(config.smtp, logger);
  const signIn = createSignInDeps(ctx, {
    secret: config.secret,
    directory: createSnapshotDirectory(() => {
      const snapshot = holder.current();
      return snapshot && holder.pageKinds(snapshot);
    }),
    sessionCache: createSessionCache(config.caches.sessionCache),
  });
  const worker = startOutboxWorker(ctx, {
    handlers: {
      [SIGN_IN_MAIL_KIND]: createSignInMailHandler(signIn, { mailer, formatLink: formatSignInLinkUnder(config.publicUrl) }),
      [WEBHOOK_DELIVERY_KIND]: createWebhookDeliveryHandler(
        createWebhookDeps(ctx, { secret: config.secret, publicUrl: config.publicUrl, ...config.webhooks }, holder),
      ),
      [STAFF_SIGN_IN_MAIL_KIND]: createStaffSignInMailHandler(createStaffDeps(ctx, { secret: config.secret }), {
        mailer,
        publicUrl: config.publicUrl,
      }),
    },
    logger,
    pollMs: 500,
  });
  const prune = setInterval(() => {
    pruneSignInState(ctx).catch((err: unknown) => logger.warn({ err }, 'pruning sign-in state failed'));
  }, PRUNE_INTERVAL_MS);
  prune.unref();
  return {
    async stop() {
      clearInterval(prune);
      await worker.stop();
      mailer.close();
    },
  };
}
