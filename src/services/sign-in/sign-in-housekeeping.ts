import { deleteFinishedOutboxBefore } from '../../store/outbox.js';
import { deleteExpiredSessions } from '../../store/access/sessions.js';
import { deleteSignInTokensExpiredBefore } from '../../store/access/sign-in-tokens.js';
import type { ServiceContext } from '../context.js';
import { pruneRateLimits } from './rate-limit.js';
import { writeUnannounced } from '../live-state/unannounced-write.js';

/** Expired links are kept this long, so a late click is still told apart from a made-up token in the audit log. */
const EXPIRED_LINK_RETENTION_MS = 24 * 60 * 60_000;
/** Finished outbox rows are kept this long for troubleshooting delivery. */
const FINISHED_OUTBOX_RETENTION_MS = 7 * 24 * 60 * 60_000;

export interface PruneReport {
  links: number;
  sessions: number;
  rateLimits: number;
  outbox: number;
}

/**
 * Deletes what sign-in no longer needs: long-expired links, expired sessions, old rate-limit windows,
 * finished outbox messages. Run it periodically (e.g. hourly); nothing depends on its timing.
 */
export async function pruneSignInState(ctx: Pick<ServiceContext, 'database' | 'clock'>): Promise<PruneReport> {
  const now = ctx.clock();
  return writeUnannounced(ctx, async (tx) => ({
    links: await deleteSignInTokensExpiredBefore(tx, new Date(now.getTime() - EXPIRED_LINK_RETENTION_MS)),
    // Customer pages' and staff sessions alike.
    sessions: (await deleteExpiredSessions(tx, now)) + (await deleteExpiredSessions(tx, now, 'staff_sessions')),
    rateLimits: await pruneRateLimits(tx, now),
    outbox: await deleteFinishedOutboxBefore(tx, new Date(now.getTime() - FINISHED_OUTBOX_RETENTION_MS)),
  }));
}
