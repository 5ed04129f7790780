import { engineName } from '../store/database.js';
import { readConfig } from './read-config.js';
import { type CliIo, type Command, EXIT_OK, parseCommandArgs, usageError } from './cli-io.js';
import { withServices } from './open-services.js';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Bring the database schema up to date (serve also does this on start)',
  usage: 'Usage: beacon migrate\n\nApplies pending migrations to DATABASE_URL (default: a SQLite file in BEACON_DATA_DIR).',
  async run(args: string[], io: CliIo) {
    const parsed = parseCommandArgs(this, args, {}, io);
    if ('exitCode' in parsed) return parsed.exitCode;
    if (parsed.positionals.length > 0) return usageError(this, `unexpected argument ${JSON.stringify(parsed.positionals[0])}`, io);
    const config = readConfig(io.env);
    const engine = await withServices(config, async (ctx) => engineName(ctx.database));
    io.err(`The ${engine} database is up to date.\n`);
    return EXIT_OK;
  },
};
