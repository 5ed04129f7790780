import { CLI_ACTOR } from '../domain/access/audit-event.js';
import { STAFF_RESOURCES, STAFF_ROLES, STAFF_ROLE_SUMMARIES, isStaffRole } from '../domain/access/staff-role.js';
import { readConfig } from './read-config.js';
import { createApiKey } from '../services/sessions/api-keys.js';
import { type CliIo, type Command, EXIT_OK, parseCommandArgs, usageError } from './cli-io.js';
import { withServices } from './open-services.js';

export const apiKeyCommand: Command = {
  name: 'api-key',
  summary: 'Create a staff API key (printed once on stdout)',
  usage: [
    'Usage: beacon api-key create --name <name> [--role <role>] [--scope <resource>]…',
    '',
    'Creates a bearer key for the staff API (/api/v1) and prints only the key on stdout.',
    'Only its hash is stored: keep it now, it cannot be shown again.',
    '',
    '--role   what the key may do (default: admin, what every key could do before roles):',
    ...STAFF_ROLES.map((role) => `           ${role.padEnd(9)}  ${STAFF_ROLE_SUMMARIES[role]}`),
    '--scope  limit the key to these resources (repeat for several; default: all):',
    `           ${STAFF_RESOURCES.join(', ')}`,
  ].join('\n'),
  async run(args: string[], io: CliIo) {
    const options = { name: { type: 'string', short: 'n' }, role: { type: 'string' }, scope: { type: 'string', multiple: true } } as const;
    const parsed = parseCommandArgs(this, args, options, io);
    if ('exitCode' in parsed) return parsed.exitCode;
    const [action, ...extra] = parsed.positionals;
    if (action !== 'create')
      return usageError(this, action === undefined ? 'missing action' : `unknown action ${JSON.stringify(action)}`, io);
    if (extra.length > 0) return usageError(this, `unexpected argument ${JSON.stringify(extra[0])}`, io);
    const { name, role = 'admin', scope } = parsed.values;
    if (typeof name !== 'string' || name.trim() === '') return usageError(this, '--name is required', io);
    if (!isStaffRole(role)) return usageError(this, `--role must be one of ${STAFF_ROLES.join(', ')}`, io);
    const scopes = Array.isArray(scope) ? scope.filter((s): s is string => typeof s === 'string') : null;
    const config = readConfig(io.env);
    const { token } = await withServices(config, (ctx) => createApiKey(ctx, { name, role, scope: scopes }, CLI_ACTOR));
    io.out(`${token}\n`);
    return EXIT_OK;
  },
};
