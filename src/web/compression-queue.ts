/**
 * Runs background compressions one at a time, in the order asked. Each takes a thread of libuv's
 * pool and native memory for its compressor; a burst of cache misses (every page after a write)
 * would otherwise compress them all at once, and the allocator keeps the peak. One at a time, the
 * forms still arrive within milliseconds of each other, and an entry dropped while it waited
 * (a newer revision, an eviction) is skipped when its turn comes.
 */
export function createCompressionQueue(): (job: () => Promise<void>) => Promise<void> {
  let tail: Promise<void> = Promise.resolve();
  return (job) => {
    const run = tail.then(job, job);
    tail = run.catch(() => {});
    return tail;
  };
}

/** The process's one queue: every cache's entries share the thread pool. */
export const enqueueCompression = createCompressionQueue();
