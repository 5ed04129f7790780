import type { CliIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/commands.js';
import type { Finished } from './beacon-process.js';

/**
 * Runs `beacon <argv>` in this process through the CLI's entry function, with `env` as the whole
 * environment, and captures what it prints: what `runBeacon` gives for a child process, without
 * starting Node and tsx for every command. main.ts only hands runCli's exit code to the process;
 * a few smoke tests (commands.test.ts) still run the real entry as a child.
 */
export async function runCliInProcess(argv: string[], env: NodeJS.ProcessEnv): Promise<Finished> {
  const output = { stdout: '', stderr: '' };
  const io: CliIo = { env, out: (text) => void (output.stdout += text), err: (text) => void (output.stderr += text) };
  const code = await runCli(argv, io);
  return { code, ...output };
}
