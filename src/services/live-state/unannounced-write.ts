import { type Tx, writeWithoutRevision } from '../../store/transaction.js';
import type { ServiceContext } from '../context.js';

/**
 * A write transaction that does NOT bump the data revision. Only for rows no snapshot or cache reads
 * (sign-in links, rate-limit counters, the outbox, session creation and last-seen times, audit
 * events): bumping the revision makes every process reload its snapshot, and the sign-in form and the
 * outbox worker must not be able to trigger that on every request or poll. Anything that must reach
 * other processes' caches (revoking a session, signing out) goes through `write()` instead.
 */
export async function writeUnannounced<T>(ctx: Pick<ServiceContext, 'database'>, work: (tx: Tx) => Promise<T>): Promise<T> {
  return writeWithoutRevision(ctx.database, work);
}
