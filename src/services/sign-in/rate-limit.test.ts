import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { openDatabase } from '../../store/database.js';
import { writeTransaction } from '../../store/transaction.js';
import { hitRateLimit, pruneRateLimits } from './rate-limit.js';
import { TEST_DATABASE_SETTINGS } from '../../../test/helpers/test-config.js';

const T0 = new Date('2025-03-01T12:00:00.000Z');
const plus = (ms: number) => new Date(T0.getTime() + ms);

describeEachEngine('services/rate-limit', (database, engine) => {
  const hit = (key: string, limit: number, windowSeconds: number, now: Date, db = database()) =>
    writeTransaction(db, (tx) => hitRateLimit(tx, key, limit, windowSeconds, now)).then((r) => r.result);

  it('REQ-4: allows `limit` hits in any window of `windowSeconds`, then refuses until the oldest leaves it', async () => {
    expect(await hit('k', 2, 60, T0)).toBe(true);
    expect(await hit('k', 2, 60, plus(10_000))).toBe(true);
    expect(await hit('k', 2, 60, plus(59_999))).toBe(false);
    expect(await hit('other', 2, 60, plus(59_999))).toBe(true);
    // T0 has left the window; the hit at 10 s has not.
    expect(await hit('k', 2, 60, plus(60_000))).toBe(true);
    expect(await hit('k', 2, 60, plus(69_999))).toBe(false);
    expect(await hit('k', 2, 60, plus(70_000))).toBe(true);
  });

  it('REQ-4: a clock minute or hour boundary resets nothing (sliding windows)', async () => {
    // Two hits 2 s apart across a minute boundary.
    const beforeMinute = new Date('2025-03-01T12:00:59.000Z');
    expect(await hit('minute', 1, 60, beforeMinute)).toBe(true);
    expect(await hit('minute', 1, 60, new Date(beforeMinute.getTime() + 2_000))).toBe(false);
    // Ten hits a minute apart across an hour boundary: five in any hour.
    const results: boolean[] = [];
    for (let i = 0; i < 10; i++) results.push(await hit('hour', 5, 3600, new Date(Date.parse('2025-03-01T12:55:30.000Z') + i * 60_000)));
    expect(results).toEqual([true, true, true, true, true, false, false, false, false, false]);
  });

  it('REQ-4: refused hits do not keep the window shut', async () => {
    expect(await hit('k', 1, 60, T0)).toBe(true);
    for (let s = 1; s < 60; s += 1) expect(await hit('k', 1, 60, plus(s * 1000))).toBe(false);
    expect(await hit('k', 1, 60, plus(60_000))).toBe(true);
  });

  it('REQ-4: a minute window and an hour window on one key are counted apart', async () => {
    expect(await hit('k', 1, 60, T0)).toBe(true);
    expect(await hit('k', 1, 3600, T0)).toBe(true);
    expect(await hit('k', 1, 60, T0)).toBe(false);
    expect(await hit('k', 1, 3600, T0)).toBe(false);
  });

  it('REQ-4: the limit holds across processes sharing the database', async () => {
    const other = engine === 'postgres' ? openDatabase(database().url, { ...TEST_DATABASE_SETTINGS, poolSize: 2 }) : database();
    try {
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => hit('shared', 4, 3600, T0, i % 2 ? other : database())));
      expect(results.filter(Boolean)).toHaveLength(4);
    } finally {
      if (other !== database()) await other.close();
    }
  });

  it('prunes keys no one asked about for a day, and only those', async () => {
    await hit('k', 1, 60, T0);
    await hit('later', 1, 60, plus(3600_000));
    await writeTransaction(database(), (tx) => pruneRateLimits(tx, plus(24 * 3600_000 + 1)));
    expect((await database().db.selectFrom('rate_limits').select('key').execute()).map((row) => row.key)).toEqual(['later|60s']);
  });

  it('refuses windows it could not prune', async () => {
    await expect(hit('k', 1, 0, T0)).rejects.toThrow(RangeError);
    await expect(hit('k', 1, 2 * 86_400, T0)).rejects.toThrow(RangeError);
  });
});
