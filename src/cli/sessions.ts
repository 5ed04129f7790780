import { CLI_ACTOR } from '../domain/access/audit-event.js';
import { notFound } from '../domain/errors.js';
import type { ServiceContext } from '../services/context.js';
import { type RevokeBy, type SessionSummary, listSessions, revokeSessions } from '../services/sessions/sessions.js';
import { type SignInDeps, createSignInDeps } from '../services/sign-in/sign-in-deps.js';
import { buildPageKindsIndex } from '../domain/pages/page-kinds-index.js';
import { createSnapshotDirectory } from '../services/live-state/snapshot-directory.js';
import { loadSnapshot } from '../services/live-state/snapshot-loader.js';
import { presentCustomerPageSession } from '../web/api/v1/presenters/customer-page-session.js';
import { type CliIo, type Command, EXIT_OK, parseCommandArgs, usageError } from './cli-io.js';
import { withServices } from './open-services.js';
import { readConfig } from './read-config.js';
import type { Config } from '../config.js';
import { createSessionCache } from '../services/sessions/session-cache.js';

/** The session services over the current data, once the customer page is known to exist. */
async function openSessionServices(ctx: ServiceContext, config: Config, customerPageId: string): Promise<SignInDeps> {
  // One snapshot, read once: its index is built once, here.
  const kinds = buildPageKindsIndex(await loadSnapshot(ctx.database, ctx.clock));
  const directory = createSnapshotDirectory(() => kinds);
  if (directory.find(customerPageId) === null) throw notFound('Customer page', customerPageId);
  return createSignInDeps(ctx, { secret: config.secret, directory, sessionCache: createSessionCache(config.caches.sessionCache) });
}

/** One line per session, under a header; never a session secret (SES-8: the services hold none to show). */
function formatSessions(sessions: readonly SessionSummary[]): string {
  if (sessions.length === 0) return 'No active sessions.\n';
  const rows = sessions.map((s) => [
    s.id,
    s.email,
    s.domain,
    s.createdAt.toISOString(),
    s.lastSeenAt.toISOString(),
    s.idleExpiresAt.toISOString(),
  ]);
  const table = [['ID', 'EMAIL', 'DOMAIN', 'CREATED', 'LAST SEEN', 'EXPIRES'], ...rows];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  const lines = table.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd(),
  );
  return `${lines.join('\n')}\n`;
}

/** `--all`, `--email` or `--domain`: exactly one, else the usage message says what is wrong. */
function readRevokeBy(values: Record<string, unknown>): { by: RevokeBy } | { problem: string } {
  const given = [
    values.all === true ? ('all' as const) : null,
    typeof values.email === 'string' ? { email: values.email } : null,
    typeof values.domain === 'string' ? { domain: values.domain } : null,
  ].filter((by) => by !== null);
  const [by] = given;
  if (by === undefined) return { problem: 'give one of --all, --email <address> or --domain <domain>' };
  if (given.length > 1) return { problem: '--all, --email and --domain exclude each other' };
  return { by };
}

export const sessionsCommand: Command = {
  name: 'sessions',
  summary: 'List a customer page’s active sessions, or revoke them',
  usage: [
    'Usage: beacon sessions list <customer-page-id> [--json]',
    '       beacon sessions revoke <customer-page-id> (--all | --email <address> | --domain <domain>)',
    '',
    'list    the page’s active sessions: id, email, domain, created, last seen and expiry.',
    'revoke  end sessions at once: all of them, one address’s, or one domain’s (`*.example.com`',
    '        also ends its subdomains’). Prints how many were revoked.',
    '',
    'Customer page ids are listed by `beacon pages list`.',
  ].join('\n'),
  async run(args: string[], io: CliIo) {
    const options = { json: { type: 'boolean' }, all: { type: 'boolean' }, email: { type: 'string' }, domain: { type: 'string' } } as const;
    const parsed = parseCommandArgs(this, args, options, io);
    if ('exitCode' in parsed) return parsed.exitCode;
    const [action, id, ...extra] = parsed.positionals;
    if (action !== 'list' && action !== 'revoke') {
      return usageError(this, action === undefined ? 'missing action' : `unknown action ${JSON.stringify(action)}`, io);
    }
    if (id === undefined) return usageError(this, 'missing customer page id', io);
    if (extra.length > 0) return usageError(this, `unexpected argument ${JSON.stringify(extra[0])}`, io);
    const { values } = parsed;

    if (action === 'list') {
      if (values.all !== undefined || values.email !== undefined || values.domain !== undefined) {
        return usageError(this, '--all, --email and --domain apply to revoke only', io);
      }
      const config = readConfig(io.env);
      const sessions = await withServices(config, async (ctx) => listSessions(await openSessionServices(ctx, config, id), id));
      io.out(values.json === true ? `${JSON.stringify(sessions.map(presentCustomerPageSession), null, 2)}\n` : formatSessions(sessions));
      return EXIT_OK;
    }

    if (values.json === true) return usageError(this, '--json applies to list only', io);
    const revoke = readRevokeBy(values);
    if ('problem' in revoke) return usageError(this, revoke.problem, io);
    const { by } = revoke;
    const config = readConfig(io.env);
    const { revoked } = await withServices(config, async (ctx) =>
      revokeSessions(await openSessionServices(ctx, config, id), { customerPageId: id, by }, CLI_ACTOR),
    );
    io.out(`Revoked ${revoked} session${revoked === 1 ? '' : 's'}.\n`);
    return EXIT_OK;
  },
};
