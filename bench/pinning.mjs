// CPU pinning for the bench: with at least two CPUs, `taskset` and wrk, every server under test runs
// on the last CPU and wrk on the first. Unpinned, the scheduler moved them around and onto each other,
// and on a two-core machine the same run varied by ±20%; pinned, each side has a core of its own, and
// the bare server and Beacon are measured under the same conditions.
import { cpus } from 'node:os';
import { TASKSET, WRK } from './tools.mjs';

const CPU_COUNT = cpus().length;

export const pinning = TASKSET && WRK && CPU_COUNT >= 2 ? { server: String(CPU_COUNT - 1), generator: '0' } : null;

export const pinningDescription = () =>
  pinning ? `servers pinned to CPU ${pinning.server}, wrk to CPU ${pinning.generator}` : 'no CPU pinning (needs taskset, wrk and two CPUs)';

/** `[command, args]` that run `command args` on the servers' CPU when pinning. */
export function onServerCpu(command, args) {
  return pinning ? [TASKSET, ['-c', pinning.server, command, ...args]] : [command, args];
}

/** `[command, args]` that run `command args` on the load generator's CPU when pinning. */
export function onGeneratorCpu(command, args) {
  return pinning ? [TASKSET, ['-c', pinning.generator, command, ...args]] : [command, args];
}
