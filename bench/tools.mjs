// The command-line tools the bench uses when this machine has them.
import { existsSync, readFileSync } from 'node:fs';

const find = (...paths) => paths.find((path) => existsSync(path));

export const WRK = find('/usr/bin/wrk', '/usr/local/bin/wrk');
export const TASKSET = find('/usr/bin/taskset', '/bin/taskset');

/** Resolves with Beacon's URL once `child`'s log at `logPath` says it is listening; rejects if it exits or takes 30 s. */
export async function waitForListening(child, logPath) {
  for (let waited = 0; waited < 30_000; waited += 100) {
    const line = readFileSync(logPath, 'utf8')
      .split('\n')
      .find((text) => text.includes('"beacon is listening"'));
    if (line) return JSON.parse(line).url;
    if (child.exitCode !== null) throw new Error(`beacon exited with ${child.exitCode}:\n${readFileSync(logPath, 'utf8')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('beacon did not start within 30 s');
}

/**
 * The allocator settings (glibc's malloc and V8's young generation) the README tells operators to run
 * `beacon serve` with (and `npm start` sets),
 * so that the bench measures Beacon as deployed; BENCH_ALLOCATOR=defaults measures glibc's defaults.
 * Settings already in the environment win.
 */
export const SERVER_ALLOCATOR_ENV =
  process.env.BENCH_ALLOCATOR === 'defaults'
    ? {}
    : {
        MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
        MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? '65536',
        // V8's young generation, smaller than its default (docs/performance.md, memory).
        NODE_OPTIONS: process.env.NODE_OPTIONS ?? '--max-semi-space-size=8',
      };

/** `SERVER_ALLOCATOR_ENV` as a bench header prints it. */
export const allocatorDescription = () =>
  Object.entries(SERVER_ALLOCATOR_ENV)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ') || 'glibc defaults';

/** A positive whole number from the environment, else the default; anything else stops the bench. */
export function knob(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${name} must be a positive whole number, not ${JSON.stringify(process.env[name])}`);
    process.exit(1);
  }
  return value;
}
