import { describe, expect, it } from 'vitest';
import { FifoLock } from './fifo-lock.js';

describe('FifoLock', () => {
  it('hands the lock to waiters in the order they asked, one at a time', async () => {
    const lock = new FifoLock();
    const order: string[] = [];
    let holders = 0;
    const use = async (name: string) => {
      await lock.acquire();
      holders += 1;
      expect(holders).toBe(1);
      order.push(name);
      await new Promise((resolve) => setImmediate(resolve));
      holders -= 1;
      lock.release();
    };
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map(use));
    expect(order).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(lock.waiting).toBe(0);
  });

  it('serves an early waiter before callers that keep re-acquiring right after each release', async () => {
    const lock = new FifoLock();
    const order: string[] = [];
    // A writer that re-queues as soon as it releases, as a burst of API writes does.
    const greedy = async () => {
      for (let round = 0; round < 5; round++) {
        await lock.acquire();
        order.push('writer');
        await new Promise((resolve) => setImmediate(resolve));
        lock.release();
      }
    };
    await lock.acquire();
    const writers = [greedy(), greedy()];
    const reader = lock.acquire().then(() => {
      order.push('reader');
      lock.release();
    });
    lock.release();
    await Promise.all([...writers, reader]);
    // The reader asked third, so it is third: Kysely's wake-everyone mutex serves it after all ten writes.
    expect(order.indexOf('reader')).toBe(2);
  });

  it('is free again once every holder has released it', async () => {
    const lock = new FifoLock();
    await lock.acquire();
    lock.release();
    let acquired = false;
    void lock.acquire().then(() => (acquired = true));
    await Promise.resolve();
    expect(acquired).toBe(true);
  });
});
