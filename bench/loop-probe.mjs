// Preloaded into the server by the scale bench (`node --import ./bench/loop-probe.mjs dist/cli/main.js serve`),
// so that Beacon needs no code of its own for it: samples the process's event-loop delay and, on each
// SIGUSR2, appends the histogram since the previous SIGUSR2 to $BENCH_LOOP_PROBE_FILE as one JSON line,
// then starts afresh. The bench signals once when a phase begins and once when it ends.
// A blocked loop answers the signal late, once it unblocks; the block is then in the histogram.
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.BENCH_LOOP_PROBE_FILE;
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const ms = (ns) => ns / 1e6;
  process.on('SIGUSR2', () => {
    const figures = {
      count: histogram.count,
      p50Ms: ms(histogram.percentile(50)),
      p99Ms: ms(histogram.percentile(99)),
      maxMs: ms(histogram.max),
    };
    appendFileSync(file, `${JSON.stringify(figures)}\n`);
    histogram.reset();
  });
}
