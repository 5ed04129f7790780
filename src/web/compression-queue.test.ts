import { describe, expect, it } from 'vitest';
import { CachedResponse } from './cached-response.js';
import { createCompressionQueue } from './compression-queue.js';

describe('compression queue', () => {
  it('runs one job at a time, in order, and goes on after a failure', async () => {
    const enqueue = createCompressionQueue();
    const log: string[] = [];
    let running = 0;
    const job =
      (name: string, fail = false) =>
      async () => {
        running += 1;
        expect(running).toBe(1);
        log.push(`start ${name}`);
        await new Promise((resolve) => setImmediate(resolve)); // a turn of the loop: the next job could start, were it let
        log.push(`end ${name}`);
        running -= 1;
        if (fail) throw new Error(name);
      };
    await Promise.all([enqueue(job('a')), enqueue(job('b', true)), enqueue(job('c'))]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('refuses jobs beyond the ones allowed to wait', async () => {
    const enqueue = createCompressionQueue(2);
    const ran: number[] = [];
    let release: () => void = () => {};
    const first = enqueue(() => new Promise<void>((resolve) => (release = resolve)).then(() => void ran.push(0)));
    await Promise.resolve(); // the first job is running, no longer waiting
    const queued = [1, 2, 3].map((n) => enqueue(async () => void ran.push(n)));
    release();
    await Promise.all([first, ...queued]);
    expect(ran).toEqual([0, 1, 2]);
  });

  it('skips the compression of an entry abandoned while it waited', async () => {
    const body = '<p>All systems operational</p>'.repeat(100);
    const kept = new CachedResponse({ contentType: 'text/html', body });
    const dropped = new CachedResponse({ contentType: 'text/html', body });
    const asked = [kept.prepare('br'), dropped.prepare('br')];
    dropped.abandon();
    await Promise.all(asked);
    expect(kept.br).toBeDefined();
    expect(dropped.br).toBeUndefined();
    expect(dropped.byteLength).toBe(dropped.bodyLength);
  });
});
