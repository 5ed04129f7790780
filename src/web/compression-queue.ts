/** Compressions waiting beyond this are not made: under a flood of misses, the queue must not hold every body. */
export const MAX_WAITING_COMPRESSIONS = 64;

/**
 * Runs background compressions one at a time, in the order asked. Each takes a thread of libuv's
 * pool and native memory for its compressor; a burst of cache misses (every page after a write)
 * would otherwise compress them all at once, and the allocator keeps the peak. One at a time, the
 * forms still arrive within milliseconds of each other; an entry dropped while it waited (a newer
 * revision, an eviction) is skipped when its turn comes. When `maxWaiting` jobs already wait, a new
 * one is not run at all (its entry is served as identity until it is rendered again).
 */
export function createCompressionQueue(maxWaiting = MAX_WAITING_COMPRESSIONS): (job: () => Promise<void>) => Promise<void> {
  let tail: Promise<void> = Promise.resolve();
  let waiting = 0;
  return (job) => {
    if (waiting >= maxWaiting) return Promise.resolve();
    waiting += 1;
    const run = async (): Promise<void> => {
      waiting -= 1;
      await job();
    };
    tail = tail.then(run).catch(() => {});
    return tail;
  };
}

/** The process's one queue: every cache's entries share the thread pool. */
export const enqueueCompression = createCompressionQueue();
