// Starts `beacon serve` from dist/ for the scale bench: on the servers' CPU when pinning, with the
// event-loop probe preloaded, logging at `warn` to a file. Times spawn → first `/readyz` 200.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { onServerCpu } from './pinning.mjs';
import { send } from './scale-http.mjs';
import { SERVER_ALLOCATOR_ENV } from './tools.mjs';

const CLI = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');
const PROBE = join(import.meta.dirname, 'loop-probe.mjs');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port nothing listens on now (the server gets it a moment later; the bench runs alone on 127.0.0.1). */
async function freePort() {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address();
  probe.close();
  await once(probe, 'close');
  return port;
}

/** The server's resident and peak memory in MB, from /proc (Linux). */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/**
 * @param {{ databaseUrl: string, dataDir: string, env?: Record<string, string> }} options (`env` on top of the bench's)
 * @returns the server's base URL, the start-to-ready time, and handles for the probe, memory and stopping it.
 */
export async function startBeacon({ databaseUrl, dataDir, env: extraEnv = {} }) {
  const port = await freePort();
  const probeFile = join(dataDir, 'loop-probe.jsonl');
  const logPath = join(dataDir, 'server.log');
  const env = {
    ...process.env,
    ...SERVER_ALLOCATOR_ENV,
    DATABASE_URL: databaseUrl,
    BEACON_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    BENCH_LOOP_PROBE_FILE: probeFile,
    ...extraEnv,
  };
  // BENCH_SCALE_CPU_PROF=<dir>: the server writes a CPU profile there when it stops (for finding where time goes).
  const profile = process.env.BENCH_SCALE_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_SCALE_CPU_PROF] : [];
  const [command, args] = onServerCpu(process.execPath, [...profile, '--import', PROBE, CLI, 'serve']);
  const log = openSync(logPath, 'w');
  const started = performance.now();
  const child = spawn(command, args, { env, stdio: ['ignore', log, log] });
  const url = `http://127.0.0.1:${port}`;
  let readyMs;
  while (readyMs === undefined) {
    if (child.exitCode !== null)
      throw new Error(`beacon exited with ${child.exitCode} before it was ready:\n${readFileSync(logPath, 'utf8')}`);
    if (performance.now() - started > 120_000) throw new Error('beacon was not ready within 120 s');
    const answer = await send(`${url}/readyz`, { timeoutMs: 1000 }).catch(() => null);
    if (answer?.status === 200) readyMs = performance.now() - started;
    else await sleep(20);
  }

  let probes = 0;
  /** The loop's delay since the previous call (the first call only starts the count). */
  async function loopDelay() {
    const before = probes++;
    child.kill('SIGUSR2');
    for (let waited = 0; waited < 60_000; waited += 20) {
      const lines = existsSync(probeFile) ? readFileSync(probeFile, 'utf8').trim().split('\n').filter(Boolean) : [];
      if (lines.length > before) return JSON.parse(lines[before]);
      await sleep(20);
    }
    throw new Error('the event-loop probe did not answer within 60 s');
  }

  async function stop() {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    const exited = once(child, 'exit');
    const timeout = sleep(20_000).then(() => 'timeout');
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  }

  const logTail = () => readFileSync(logPath, 'utf8').split('\n').slice(-30).join('\n');
  return { url, readyMs, child, loopDelay, logTail, memory: () => memoryOf(child.pid), stop };
}
