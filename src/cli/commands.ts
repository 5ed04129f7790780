import { BeaconError } from '../domain/errors.js';
import { apiKeyCommand } from './api-key.js';
import { catalogCommand } from './catalog-sync.js';
import { type CliIo, type Command, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './cli-io.js';
import { demoCommand } from './demo.js';
import { migrateCommand } from './migrate.js';
import { pagesCommand, whoCanAccessCommand } from './pages.js';
import { serveCommand } from './serve.js';
import { incidentCommand } from './incident.js';
import { sessionsCommand } from './sessions.js';
import { staffCommand } from './staff.js';

const COMMANDS: readonly Command[] = [
  serveCommand,
  migrateCommand,
  demoCommand,
  apiKeyCommand,
  incidentCommand,
  pagesCommand,
  whoCanAccessCommand,
  sessionsCommand,
  staffCommand,
  catalogCommand,
];

function describeUsage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    'Usage: beacon <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Run `beacon <command> --help` for a command’s options. Configuration is read from the',
    'environment (PORT, HOST, BEACON_DATA_DIR, DATABASE_URL, PUBLIC_URL, BEACON_SECRET, LOG_LEVEL, …);',
    'see the README.',
  ].join('\n');
}

/**
 * Runs `beacon <command> …` and returns the exit code: 0 done, 1 failed, 2 bad usage.
 * Errors are reported in one line; stack traces only with LOG_LEVEL=debug, and never for a busy database.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(`${describeUsage()}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    io.err(`${name === undefined ? 'beacon: missing command' : `beacon: unknown command ${JSON.stringify(name)}`}\n\n${describeUsage()}\n`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.err(`beacon ${command.name}: ${message}\n`);
    // A busy database is an expected moment's wait, not a bug: its one line says all there is.
    const isBusy = error instanceof BeaconError && error.code === 'busy';
    if (!isBusy && (io.env.LOG_LEVEL === 'debug' || io.env.LOG_LEVEL === 'trace')) io.err(`${error instanceof Error ? error.stack : ''}\n`);
    return EXIT_FAILURE;
  }
}
