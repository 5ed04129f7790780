import type { Transaction } from 'kysely';
import { ChangeSet, PENDING_REVISION, logChanges } from './revisions/change-log.js';
import type { Database } from './database.js';
import type { Tables } from './tables.js';

/** A open transaction. Store functions that write take one, so forgetting it is a type error. */
export type Tx = Transaction<Tables>;
/** Anything queries can run on: the database or a transaction. */
export type Queryable = Database['db'] | Tx;

/**
 * Runs `work` in a transaction that also logs what `work` says it changed, and gives that a new data
 * revision, so readers learn of every committed write and can apply just its delta. Answers a revision
 * at least as new as the write's, once other processes can see it.
 *
 * On SQLite (one writer at a time anyway) the transaction bumps the revision itself. On PostgreSQL the
 * transaction logs its changes as pending and commits without touching the revision row, so that
 * concurrent writers commit side by side; the sequencer then gives them a revision and NOTIFYs (see
 * revision-sequencer.ts). Either way revisions become visible in order, so a reader that sees
 * revision R sees every change logged up to R. Should the sequencer fail after the commit, the write
 * stands and the error is thrown as for a lost commit acknowledgement; the next sequencer (another
 * write's, or any process's revision poll) gives its changes their revision.
 */
export async function writeTransaction<T>(
  database: Database,
  work: (tx: Tx, changed: ChangeSet) => Promise<T>,
): Promise<{ result: T; revision: number }> {
  const { sequenceRevisions } = database;
  if (sequenceRevisions) {
    const result = await database.db.transaction().execute(async (tx) => {
      const changed = new ChangeSet();
      const result = await work(tx, changed);
      await logChanges(tx, PENDING_REVISION, changed.list());
      return result;
    });
    return { result, revision: await sequenceRevisions() };
  }
  return database.db.transaction().execute(async (tx) => {
    const changed = new ChangeSet();
    const result = await work(tx, changed);
    const row = await tx
      .updateTable('meta_revision')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('id', '=', 1)
      .returning('value')
      .executeTakeFirstOrThrow();
    const revision = Number(row.value);
    await logChanges(tx, revision, changed.list());
    return { result, revision };
  });
}

/**
 * The current revision, for a process that polls for other processes' writes. On PostgreSQL it first
 * gives a revision to any write committed without one: normally its writer does so a moment later,
 * but a writer that lost its connection (or its process) in between never will.
 */
export async function pollRevision(database: Database): Promise<number> {
  return database.sequenceRevisions ? database.sequenceRevisions() : readRevision(database.db);
}

export async function readRevision(db: Queryable): Promise<number> {
  const row = await db.selectFrom('meta_revision').select('value').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(row.value);
}

/**
 * Runs `read` in one read-only transaction that sees a single state of the database, so that its
 * statements never mix two revisions: REPEATABLE READ on PostgreSQL (one view for every statement),
 * and on SQLite a deferred read transaction on its one connection, which reads one WAL state and
 * never takes the write lock (see sqlite-dialect.ts; SQLite has no isolation levels to set).
 *
 * @example const data = await readConsistently(database, (tx) => readLiveStateData(tx, cutoff))
 */
export function readConsistently<T>(database: Database, read: (tx: Queryable) => Promise<T>): Promise<T> {
  return database.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(read);
}

/**
 * Runs `work` in a write transaction that neither logs its changes nor bumps the revision: for rows
 * no snapshot or cache reads (see `writeUnannounced` in the services).
 */
export function writeWithoutRevision<T>(database: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return database.db.transaction().execute(work);
}
