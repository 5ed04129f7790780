import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI_ENTRY = join(ROOT, 'src', 'cli', 'main.ts');

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Node running a TypeScript entry through tsx, without npx in between (signals reach it directly). */
const spawnTs = (entry: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/** Runs `beacon <args>` to completion. */
export const runBeacon = (args: string[], env: NodeJS.ProcessEnv): Promise<Finished> => runTsEntry(CLI_ENTRY, args, env);

/** Runs a TypeScript entry (the CLI, or a test fixture) to completion. */
export async function runTsEntry(entry: string, args: string[], env: NodeJS.ProcessEnv): Promise<Finished> {
  const child = spawnTs(entry, args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

export interface ServerProcess {
  /** Where it listens, from its "beacon is listening" log line. */
  url: string;
  child: ChildProcess;
  /** Every JSON log line so far. */
  logs: Record<string, unknown>[];
  stderr(): string;
  /**
   * Sends SIGTERM and resolves with the exit code; after `graceMs` (20 s) without an exit, SIGKILL
   * (then the code is null), so a wedged shutdown fails the test that checks it instead of hanging
   * the suite's hooks.
   */
  stop(graceMs?: number): Promise<number | null>;
}

/**
 * Starts a server process (`beacon serve …` by default, or another entry such as a test fixture)
 * and resolves once it listens. Pass PORT=0 to get a free port.
 */
export async function startServerProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { entry?: string; timeoutMs?: number } = {},
): Promise<ServerProcess> {
  const child = spawnTs(options.entry ?? CLI_ENTRY, args, { LOG_LEVEL: 'info', ...env });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  let pending = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null]>;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Not left running after the test gave up on it.
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time:\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === 'beacon is listening') {
          clearTimeout(timer);
          resolve(String(entry.url));
        }
      }
    });
    void exited.then(([code]) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${stderr}`));
    });
  });
  return {
    url,
    child,
    logs,
    stderr: () => stderr,
    async stop(graceMs = 20_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const deadline = setTimeout(() => {
        stderr += `\n[test] no exit ${graceMs} ms after SIGTERM: SIGKILL\n`;
        child.kill('SIGKILL');
      }, graceMs);
      const [code] = await exited.finally(() => clearTimeout(deadline));
      return code;
    },
  };
}
