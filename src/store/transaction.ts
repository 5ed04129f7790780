import { type Transaction, sql } from 'kysely';
import { ChangeSet, logChanges } from './change-log.js';
import type { Database } from './database.js';
import type { Tables } from './tables.js';

/** A open transaction. Store functions that write take one, so forgetting it is a type error. */
export type Tx = Transaction<Tables>;
/** Anything queries can run on: the database or a transaction. */
export type Queryable = Database['db'] | Tx;

export const REVISION_CHANNEL = 'beacon_revision';

/**
 * Runs `work` in a transaction that also bumps the data revision and logs what `work` says it changed
 * under that revision, so readers learn of every committed write and can apply just its delta. On
 * PostgreSQL the NOTIFY is sent inside the transaction and therefore delivered only if it commits.
 * The revision row is updated last: it serialises writers only from there to commit, and revisions
 * still commit in order, so a reader that sees revision R sees every change logged up to R.
 */
export async function writeTransaction<T>(
  database: Database,
  work: (tx: Tx, changed: ChangeSet) => Promise<T>,
): Promise<{ result: T; revision: number }> {
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
    if (database.capabilities.isShared) {
      await sql`select pg_notify(${REVISION_CHANNEL}, ${String(revision)})`.execute(tx);
    }
    return { result, revision };
  });
}

export async function readRevision(db: Queryable): Promise<number> {
  const row = await db.selectFrom('meta_revision').select('value').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(row.value);
}
