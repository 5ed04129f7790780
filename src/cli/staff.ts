import { CLI_ACTOR } from '../domain/access/audit-event.js';
import { STAFF_ROLES, STAFF_ROLE_SUMMARIES } from '../domain/access/staff-role.js';
import {
  type StaffMember,
  addStaffMember,
  changeStaffRole,
  endStaffMemberSessions,
  listStaff,
  removeStaffMember,
} from '../services/staff/staff-members.js';
import { type CliIo, type Command, EXIT_OK, parseCommandArgs, usageError } from './cli-io.js';
import { withServices } from './open-services.js';
import { readConfig } from './read-config.js';

const ACTIONS = { add: 1, list: 0, remove: 1, role: 2, 'sign-out': 1 } as const;
type Action = keyof typeof ACTIONS;
const isAction = (value: string | undefined): value is Action => value !== undefined && Object.hasOwn(ACTIONS, value);

function formatStaff(members: readonly StaffMember[]): string {
  if (members.length === 0) return 'No staff yet. Add the first admin with `beacon staff add <email> --role admin`.\n';
  const width = Math.max(5, ...members.map((m) => m.email.length));
  const lines = [
    `${'EMAIL'.padEnd(width)}  ROLE       ADDED`,
    ...members.map((m) => `${m.email.padEnd(width)}  ${m.role.padEnd(9)}  ${m.createdAt.toISOString()}`),
  ];
  return `${lines.join('\n')}\n`;
}

const present = (m: StaffMember) => ({ id: m.id, email: m.email, role: m.role, created_at: m.createdAt.toISOString() });

export const staffCommand: Command = {
  name: 'staff',
  summary: 'Add, list and remove staff who sign in to /admin, and change their roles',
  usage: [
    'Usage: beacon staff add <email> --role <role>',
    '       beacon staff list [--json]',
    '       beacon staff remove <email>',
    '       beacon staff role <email> <role>',
    '       beacon staff sign-out <email>',
    '',
    'Staff sign in at /admin with an emailed link; only addresses added here or by an admin get one.',
    'Removing someone, changing their role or `sign-out` ends their sessions at once. Every change is audited',
    '(actor `cli`). The last admin can be neither removed nor demoted.',
    '',
    'Roles:',
    ...STAFF_ROLES.map((role) => `  ${role.padEnd(9)}  ${STAFF_ROLE_SUMMARIES[role]}`),
  ].join('\n'),
  async run(args: string[], io: CliIo) {
    const parsed = parseCommandArgs(this, args, { role: { type: 'string' }, json: { type: 'boolean' } }, io);
    if ('exitCode' in parsed) return parsed.exitCode;
    const [action, ...rest] = parsed.positionals;
    if (!isAction(action))
      return usageError(this, action === undefined ? 'missing action' : `unknown action ${JSON.stringify(action)}`, io);
    const expected = ACTIONS[action];
    if (rest.length < expected) return usageError(this, action === 'role' ? 'give an address and a role' : 'missing address', io);
    if (rest.length > expected) return usageError(this, `unexpected argument ${JSON.stringify(rest[expected])}`, io);
    const { role, json } = parsed.values;
    if (action === 'add' && typeof role !== 'string') return usageError(this, `--role is required (${STAFF_ROLES.join(', ')})`, io);
    if (action !== 'add' && role !== undefined)
      return usageError(this, '--role applies to add only (use `beacon staff role <email> <role>`)', io);
    if (action !== 'list' && json !== undefined) return usageError(this, '--json applies to list only', io);
    const [email = '', newRole = ''] = rest;
    const config = readConfig(io.env);

    switch (action) {
      case 'list': {
        const members = await withServices(config, (ctx) => listStaff(ctx));
        io.out(json === true ? `${JSON.stringify(members.map(present), null, 2)}\n` : formatStaff(members));
        return EXIT_OK;
      }
      case 'add': {
        const member = await withServices(config, (ctx) => addStaffMember(ctx, { email, role: String(role) }, CLI_ACTOR));
        io.out(`Added ${member.email} as ${member.role}. They sign in at ${config.publicUrl}/admin\n`);
        return EXIT_OK;
      }
      case 'remove': {
        const member = await withServices(config, (ctx) => removeStaffMember(ctx, email, CLI_ACTOR));
        io.out(`Removed ${member.email}; their sessions have ended.\n`);
        return EXIT_OK;
      }
      case 'sign-out': {
        const ended = await withServices(config, (ctx) => endStaffMemberSessions(ctx, email, CLI_ACTOR));
        io.out(`Ended ${ended} session${ended === 1 ? '' : 's'}.\n`);
        return EXIT_OK;
      }
      case 'role': {
        const member = await withServices(config, (ctx) => changeStaffRole(ctx, { email, role: newRole }, CLI_ACTOR));
        io.out(`${member.email} is now ${member.role}; their sessions have ended.\n`);
        return EXIT_OK;
      }
    }
  },
};
