import { readConfig } from './read-config.js';
import { createApiKey } from '../services/sessions/api-keys.js';
import { type CliIo, type Command, EXIT_OK, parseCommandArgs, usageError } from './cli-io.js';
import { withServices } from './open-services.js';

export const apiKeyCommand: Command = {
  name: 'api-key',
  summary: 'Create a staff API key (printed once on stdout)',
  usage: [
    'Usage: beacon api-key create --name <name>',
    '',
    'Creates a bearer key for the staff API (/api/v1) and prints only the key on stdout.',
    'Only its hash is stored: keep it now, it cannot be shown again.',
  ].join('\n'),
  async run(args: string[], io: CliIo) {
    const parsed = parseCommandArgs(this, args, { name: { type: 'string', short: 'n' } }, io);
    if ('exitCode' in parsed) return parsed.exitCode;
    const [action, ...extra] = parsed.positionals;
    if (action !== 'create')
      return usageError(this, action === undefined ? 'missing action' : `unknown action ${JSON.stringify(action)}`, io);
    if (extra.length > 0) return usageError(this, `unexpected argument ${JSON.stringify(extra[0])}`, io);
    const name = parsed.values.name;
    if (typeof name !== 'string' || name.trim() === '') return usageError(this, '--name is required', io);
    const config = readConfig(io.env);
    const { token } = await withServices(config, (ctx) => createApiKey(ctx, { name }));
    io.out(`${token}\n`);
    return EXIT_OK;
  },
};
