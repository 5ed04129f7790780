import type { Clock } from '../domain/clock.js';
import type { Database } from '../store/database.js';
import type { ChangeSet } from '../store/revisions/change-log.js';
import type { OutboxDoorbell } from './outbox/outbox-doorbell.js';
import { type Tx, writeTransaction } from '../store/transaction.js';

/** What every service needs, passed explicitly. */
export interface ServiceContext {
  database: Database;
  clock: Clock;
  /** Called after each committed write with the new data revision (the snapshot listens). */
  onRevision: (revision: number) => void;
  /** Rung after a committed write queued outbox messages; this process's outbox worker answers it. */
  outbox?: OutboxDoorbell;
  /**
   * Runs inside each write's transaction, after its work, with the work's result: an audit record
   * that must commit with the write or not at all (the API's `api.write`, STF-7). Throwing rolls
   * the write back; a write refused by its work records nothing.
   */
  audit?: (tx: Tx, result: unknown) => Promise<void>;
}

/**
 * Runs `work` (then `ctx.audit`, if any) in one write transaction (bumping the revision) and announces the revision once committed.
 * `work` records what it changes on `changed`, so every process applies just that (see ChangeSet).
 */
export async function write<T>(ctx: ServiceContext, work: (tx: Tx, changed: ChangeSet) => Promise<T>): Promise<T> {
  const { audit } = ctx;
  const audited =
    audit === undefined
      ? work
      : async (tx: Tx, changed: ChangeSet) => {
          const result = await work(tx, changed);
          await audit(tx, result);
          return result;
        };
  const { result, revision } = await writeTransaction(ctx.database, audited);
  ctx.onRevision(revision);
  return result;
}
