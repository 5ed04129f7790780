import { type ParseArgsConfig, parseArgs } from 'node:util';

/** What a command may touch of the outside world, so tests can run it in-process as well. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  /** The command's result (e.g. the new API key); nothing else goes here. */
  out(text: string): void;
  /** Messages for the person at the terminal. */
  err(text: string): void;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;
type ParsedArgs = { values: Record<string, string | boolean | Array<string | boolean> | undefined>; positionals: string[] };

/**
 * `parseArgs` for one command, with `--help` built in. Returns the values, or an exit code when
 * the command should stop here (help shown: 0; bad usage reported: 2).
 */
export function parseCommandArgs(
  command: Pick<Command, 'name' | 'usage'>,
  args: string[],
  options: Options,
  io: CliIo,
): ParsedArgs | { exitCode: number } {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    return { exitCode: usageError(command, error instanceof Error ? error.message : String(error), io) };
  }
  if (parsed.values.help === true) {
    io.err(`${command.usage}\n`);
    return { exitCode: EXIT_OK };
  }
  return parsed;
}

/** Reports bad usage the way `parseCommandArgs` does. */
export function usageError(command: Pick<Command, 'name' | 'usage'>, message: string, io: CliIo): number {
  io.err(`beacon ${command.name}: ${message}\n\n${command.usage}\n`);
  return EXIT_USAGE;
}
