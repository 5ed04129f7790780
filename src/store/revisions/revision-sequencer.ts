import type pg from 'pg';
import { CHANGE_LOG_KEPT_REVISIONS, CHANGE_LOG_PRUNE_EVERY, PENDING_REVISION } from './change-log.js';
import { classifyDatabaseError } from '../sqlite/database-busy.js';

export const REVISION_CHANNEL = 'beacon_revision';

// Sequencers take this transaction-scoped advisory lock (an arbitrary constant, "beacon revision")
// rather than the meta_revision row lock: a row lock writes WAL, so even a sequencer that finds
// nothing to do would wait for a disk flush in its commit, while every other one queued behind it.
const SEQUENCER_LOCK = 0x6265_6163;

/*
 * One simple-protocol message, so one round trip and one implicit transaction, with no parameters.
 * The lock is taken by a statement of its own so that the next statement's snapshot (READ COMMITTED:
 * one per statement) is taken once the lock is held, and sees every write committed before then.
 * That statement gives every pending change the next revision, bumps meta_revision to it (only when
 * there was something to give), now and then prunes the log, and NOTIFYs. It answers the revision
 * either way: one at least as new as every write committed before the lock was taken.
 * The bump goes through meta_revision's row as before, so it also waits for a writer that still bumps
 * the row inside its own transaction (an older Beacon process during a rolling upgrade).
 */
const SEQUENCE_SQL = `
select pg_advisory_xact_lock(${SEQUENCER_LOCK});
with bumped as (
  update meta_revision set value = value + 1
  where id = 1 and exists (select 1 from change_log where revision = ${PENDING_REVISION})
  returning value
), assigned as (
  update change_log set revision = bumped.value from bumped where change_log.revision = ${PENDING_REVISION}
), pruned as (
  delete from change_log using bumped
  where bumped.value % ${CHANGE_LOG_PRUNE_EVERY} = 0 and change_log.revision > ${PENDING_REVISION} and change_log.revision <= bumped.value - ${CHANGE_LOG_KEPT_REVISIONS}
)
select value, pg_notify('${REVISION_CHANNEL}', value::text) as notified from bumped
union all
select value, null from meta_revision where id = 1 and not exists (select 1 from bumped)`;

/**
 * PostgreSQL: gives the changes of every write committed so far without a revision (logged as
 * `PENDING_REVISION`) the next revision, announces it, and answers the current revision.
 *
 * Why after the commit rather than in the write transaction: a write transaction that updated the
 * revision row held that row's lock through its commit, disk flush included, so every writer of every
 * process queued behind one flush at a time. Write transactions now commit side by side (their flushes
 * shared), and sequencers, which do queue, each cover every write committed before they ran: the
 * queue is short, and a sequencer that finds nothing writes nothing and waits for no flush.
 * Revisions still become visible in order, so a reader that sees revision R sees every change logged
 * up to R.
 *
 * @example const revision = await sequenceRevisions(pool)
 */
export async function sequenceRevisions(pool: pg.Pool): Promise<number> {
  // Raw pg, not Kysely: a message of two statements answers two results, and Kysely would keep neither.
  let results: unknown;
  try {
    results = await pool.query(SEQUENCE_SQL);
  } catch (error) {
    throw classifyDatabaseError(error);
  }
  const value = (results as pg.QueryResult<{ value: string | number }>[]).at(-1)?.rows[0]?.value;
  if (value === undefined) throw new Error('revision sequencer: meta_revision has no row');
  return Number(value);
}
