import type { Clock } from '../domain/clock.js';
import type { Database } from '../store/database.js';
import type { ChangeSet } from '../store/revisions/change-log.js';
import { type Tx, writeTransaction } from '../store/transaction.js';

/** What every service needs, passed explicitly. */
export interface ServiceContext {
  database: Database;
  clock: Clock;
  /** Called after each committed write with the new data revision (the snapshot listens). */
  onRevision: (revision: number) => void;
}

/**
 * Runs `work` in one write transaction (bumping the revision) and announces the revision once committed.
 * `work` records what it changes on `changed`, so every process applies just that (see ChangeSet).
 */
export async function write<T>(ctx: ServiceContext, work: (tx: Tx, changed: ChangeSet) => Promise<T>): Promise<T> {
  const { result, revision } = await writeTransaction(ctx.database, work);
  ctx.onRevision(revision);
  return result;
}
