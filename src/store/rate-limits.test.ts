import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/helpers/describe-each-engine.js';
import { deleteRateLimitsBefore, incrementRateLimit } from './rate-limits.js';
import { writeTransaction } from './transaction.js';

const W1 = new Date('2025-03-01T12:00:00.000Z');
const W2 = new Date('2025-03-01T13:00:00.000Z');

describeEachEngine('store/rate-limits', (database) => {
  const tx = <T>(work: Parameters<typeof writeTransaction<T>>[1]) => writeTransaction(database(), work).then((r) => r.result);

  it('counts hits per key and window', async () => {
    expect(await tx((t) => incrementRateLimit(t, 'ip:1.2.3.4', W1))).toBe(1);
    expect(await tx((t) => incrementRateLimit(t, 'ip:1.2.3.4', W1))).toBe(2);
    expect(await tx((t) => incrementRateLimit(t, 'ip:5.6.7.8', W1))).toBe(1);
    expect(await tx((t) => incrementRateLimit(t, 'ip:1.2.3.4', W2))).toBe(1);
  });

  it('REQ-4: loses no hit when many writers count at once', async () => {
    const counts = await Promise.all(Array.from({ length: 25 }, () => tx((t) => incrementRateLimit(t, 'k', W1))));
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('prunes old windows', async () => {
    await tx(async (t) => {
      await incrementRateLimit(t, 'k', W1);
      await incrementRateLimit(t, 'k', W2);
    });
    expect(await tx((t) => deleteRateLimitsBefore(t, W2))).toBe(1);
    expect(await tx((t) => incrementRateLimit(t, 'k', W2))).toBe(2);
  });
});
