import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { claimRateLimitHits, deleteRateLimitsBefore, saveRateLimitHits } from './rate-limits.js';
import { writeTransaction } from '../transaction.js';

const T1 = new Date('2025-03-01T12:00:00.000Z');
const T2 = new Date('2025-03-01T13:00:00.000Z');

describeEachEngine('store/rate-limits', (database) => {
  const tx = <T>(work: Parameters<typeof writeTransaction<T>>[1]) => writeTransaction(database(), work).then((r) => r.result);

  it('keeps the hits of each key', async () => {
    expect(await tx((t) => claimRateLimitHits(t, 'ip:1.2.3.4', T1))).toEqual([]);
    await tx((t) => saveRateLimitHits(t, 'ip:1.2.3.4', [T1, T2]));
    expect(await tx((t) => claimRateLimitHits(t, 'ip:1.2.3.4', T2))).toEqual([T1, T2]);
    expect(await tx((t) => claimRateLimitHits(t, 'ip:5.6.7.8', T2))).toEqual([]);
  });

  it('REQ-4: loses no hit when many writers claim, add and save at once', async () => {
    const at = (i: number) => new Date(T1.getTime() + i);
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        tx(async (t) => {
          const hits = await claimRateLimitHits(t, 'k', at(i));
          await saveRateLimitHits(t, 'k', [...hits, at(i)]);
        }),
      ),
    );
    const hits = await tx((t) => claimRateLimitHits(t, 'k', T2));
    expect(hits.map((hit) => hit.getTime() - T1.getTime()).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it('prunes keys last asked about before a time', async () => {
    await tx((t) => claimRateLimitHits(t, 'old', T1));
    await tx((t) => claimRateLimitHits(t, 'new', T2));
    expect(await tx((t) => deleteRateLimitsBefore(t, T2))).toBe(1);
    expect((await database().db.selectFrom('rate_limits').select('key').execute()).map((row) => row.key)).toEqual(['new']);
  });
});
