import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { classifyDatabaseError, isDatabaseBusy } from './database-busy.js';
import type { Tx } from '../transaction.js';

describe('isDatabaseBusy', () => {
  it.each(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_BUSY_RECOVERY', '55P03', '40001', '40P01'])(
    'counts %s as busy',
    (code) => {
      expect(isDatabaseBusy(Object.assign(new Error('x'), { code }))).toBe(true);
    },
  );

  it.each(['SQLITE_BUSYNESS', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_LOCKED', '23505', '57014'])('does not count %s', (code) => {
    const error = Object.assign(new Error('x'), { code });
    expect(isDatabaseBusy(error)).toBe(false);
    expect(classifyDatabaseError(error)).toBe(error);
  });
});

describeEachEngine('busy errors leaving the driver', (database, engine) => {
  it('leaves other driver errors as they are', async () => {
    await expect(sql`select * from no_such_table`.execute(database().db)).rejects.not.toMatchObject({ name: 'BeaconError' });
  });

  // Only PostgreSQL can deadlock: SQLite's writers take its one lock up front.
  if (engine === 'postgres')
    it('turns a PostgreSQL deadlock into BeaconError("busy")', async () => {
      const now = new Date().toISOString();
      await database()
        .db.insertInto('components')
        .values(['a', 'b'].map((id) => ({ id, name: id, description: null, created_at: now, updated_at: now })))
        .execute();
      const rename = (tx: Tx, id: string) => tx.updateTable('components').set({ name: 'renamed' }).where('id', '=', id).execute();
      // Each locks one row, then waits for the other's: PostgreSQL breaks the cycle by failing one.
      let bothHoldOne!: () => void;
      let held = 0;
      const bothHold = new Promise<void>((resolve) => (bothHoldOne = resolve));
      const crossing = (first: string, second: string) =>
        database()
          .db.transaction()
          .execute(async (tx) => {
            await sql`set local deadlock_timeout = '50ms'`.execute(tx);
            await rename(tx, first);
            if (++held === 2) bothHoldOne();
            await bothHold;
            await rename(tx, second);
          });
      const results = await Promise.allSettled([crossing('a', 'b'), crossing('b', 'a')]);
      const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatchObject({ name: 'BeaconError', code: 'busy', cause: expect.objectContaining({ code: '40P01' }) });
    });
});
