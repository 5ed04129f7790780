import { readConfig } from './read-config.js';
import { type CliIo, type Command, EXIT_FAILURE, EXIT_OK, parseCommandArgs, usageError } from './cli-io.js';
import { createCliLogger } from './logger.js';
import { describeStart } from './start-banner.js';
import { type RunningServer, startServer } from './start-server.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the server (migrates the database first)',
  usage: [
    'Usage: beacon serve [--demo]',
    '',
    '  --demo   seed the demo (Acme Cloud) when the database is empty',
    '',
    'Listens on HOST:PORT (127.0.0.1:3000). Stops gracefully on SIGTERM or Ctrl-C.',
  ].join('\n'),
  async run(args: string[], io: CliIo) {
    const parsed = parseCommandArgs(this, args, { demo: { type: 'boolean' } }, io);
    if ('exitCode' in parsed) return parsed.exitCode;
    if (parsed.positionals.length > 0) return usageError(this, `unexpected argument ${JSON.stringify(parsed.positionals[0])}`, io);
    const config = readConfig(io.env);
    const { logger, flush } = createCliLogger(config.logLevel, 'stdout');
    let server: RunningServer;
    try {
      server = await startServer(config, logger, { seedDemo: parsed.values.demo === true });
    } catch (error) {
      logger.fatal({ err: error }, 'could not start');
      flush();
      throw error;
    }
    // With PORT=0 the public URL cannot know the port that was picked.
    const base = config.port === 0 ? server.url : config.publicUrl.replace(/\/+$/, '');
    io.err(describeStart({ base, demo: server.demo, isSmtpConfigured: config.smtp !== null }));
    const exitCode = await closeOnSignal(server, (signal) => logger.info({ signal }, 'received signal'));
    flush();
    return exitCode;
  },
};

/**
 * Resolves with the exit code once the server has shut down after SIGTERM or SIGINT. A second
 * signal during shutdown exits at once, for the person pressing Ctrl-C twice.
 */
export function closeOnSignal(server: RunningServer, onSignal: (signal: NodeJS.Signals) => void): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const handle = (signal: NodeJS.Signals) => {
      onSignal(signal);
      if (stopping) process.exit(EXIT_FAILURE);
      stopping = true;
      server.close().then(
        () => resolve(EXIT_OK),
        () => resolve(EXIT_FAILURE),
      );
    };
    process.on('SIGTERM', handle);
    process.on('SIGINT', handle);
  });
}
