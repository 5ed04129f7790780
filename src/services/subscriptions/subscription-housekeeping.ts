import { deletePendingSubscriptionsBefore, deleteSubscriptionTokensExpiredBefore } from '../../store/subscriptions/email-subscriptions.js';
import type { ServiceContext } from '../context.js';
import { writeUnannounced } from '../live-state/unannounced-write.js';

/** Expired links are kept a day, so a late click is still told apart from a made-up token in the audit log. */
const EXPIRED_LINK_RETENTION_MS = 24 * 60 * 60_000;
/** A subscription nobody confirmed is forgotten after this long (its link expired long before). */
const UNCONFIRMED_RETENTION_MS = 30 * 24 * 60 * 60_000;

/**
 * Deletes what subscribing no longer needs: long-expired confirmation and manage links, and
 * subscriptions never confirmed. Run it periodically beside the sign-in housekeeping.
 */
export async function pruneSubscriptionState(
  ctx: Pick<ServiceContext, 'database' | 'clock'>,
): Promise<{ links: number; unconfirmed: number }> {
  const now = ctx.clock().getTime();
  return writeUnannounced(ctx, async (tx) => ({
    links: await deleteSubscriptionTokensExpiredBefore(tx, new Date(now - EXPIRED_LINK_RETENTION_MS)),
    unconfirmed: await deletePendingSubscriptionsBefore(tx, new Date(now - UNCONFIRMED_RETENTION_MS)),
  }));
}
