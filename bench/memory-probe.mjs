// Loaded into the server by `bench/memory.mjs` (node --import): on SIGUSR2 it writes the process's
// memory breakdown (V8 heap, external and array buffers, as process.memoryUsage() reports them) to
// the file named by BENCH_MEMORY_PROBE, so the bench can say where the resident set went.
import { renameSync, writeFileSync } from 'node:fs';
import v8 from 'node:v8';

const out = process.env.BENCH_MEMORY_PROBE;
if (out) {
  process.on('SIGUSR2', () => {
    // With --expose-gc (BENCH_MEMORY_GC=1): what is live, garbage collected first.
    if (typeof globalThis.gc === 'function') globalThis.gc();
    const usage = process.memoryUsage();
    const spaces = Object.fromEntries(
      v8.getHeapSpaceStatistics().map((space) => [space.space_name, { used: space.space_used_size, committed: space.space_size }]),
    );
    // Written whole, then renamed: the bench must never read half a file.
    writeFileSync(`${out}.part`, JSON.stringify({ ...usage, spaces }));
    renameSync(`${out}.part`, out);
  });
}
