import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/helpers/describe-each-engine.js';
import { openDatabase } from '../store/database.js';
import { writeTransaction } from '../store/transaction.js';
import { hitRateLimit, pruneRateLimits } from './rate-limit.js';

const T0 = new Date('2025-03-01T12:00:00.000Z');
const plus = (ms: number) => new Date(T0.getTime() + ms);

describeEachEngine('services/rate-limit', (database, engine) => {
  const hit = (key: string, limit: number, windowSeconds: number, now: Date, db = database()) =>
    writeTransaction(db, (tx) => hitRateLimit(tx, key, limit, windowSeconds, now)).then((r) => r.result);

  it('REQ-4: allows `limit` hits per fixed window, then refuses until the next window', async () => {
    expect(await hit('k', 2, 60, T0)).toBe(true);
    expect(await hit('k', 2, 60, plus(10_000))).toBe(true);
    expect(await hit('k', 2, 60, plus(59_999))).toBe(false);
    expect(await hit('other', 2, 60, plus(59_999))).toBe(true);
    expect(await hit('k', 2, 60, plus(60_000))).toBe(true);
  });

  it('REQ-4: a minute window and an hour window on one key are counted apart', async () => {
    expect(await hit('k', 1, 60, T0)).toBe(true);
    expect(await hit('k', 1, 3600, T0)).toBe(true);
    expect(await hit('k', 1, 60, T0)).toBe(false);
    expect(await hit('k', 1, 3600, T0)).toBe(false);
  });

  it('REQ-4: the limit holds across processes sharing the database', async () => {
    const other = engine === 'postgres' ? openDatabase(database().url, { poolSize: 2 }) : database();
    try {
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => hit('shared', 4, 3600, T0, i % 2 ? other : database())));
      expect(results.filter(Boolean)).toHaveLength(4);
    } finally {
      if (other !== database()) await other.close();
    }
  });

  it('prunes windows older than a day', async () => {
    await hit('k', 1, 60, T0);
    await writeTransaction(database(), (tx) => pruneRateLimits(tx, plus(24 * 3600_000 + 1)));
    expect(await database().db.selectFrom('rate_limits').selectAll().execute()).toEqual([]);
  });

  it('refuses windows it could not prune', async () => {
    await expect(hit('k', 1, 0, T0)).rejects.toThrow(RangeError);
    await expect(hit('k', 1, 2 * 86_400, T0)).rejects.toThrow(RangeError);
  });
});
