import { CLI_ACTOR } from '../domain/access/audit-event.js';
import { findWhoCanAccess, rotateCustomerPageToken } from '../services/pages/customer-pages.js';
import { type PageListing, listPageDirectory } from '../services/pages/page-directory.js';
import { type CliIo, type Command, EXIT_OK, parseCommandArgs, usageError } from './cli-io.js';
import { withServices } from './open-services.js';
import { readConfig } from './read-config.js';

const KIND_LABELS: Record<PageListing['kind'], string> = {
  standalone: 'page',
  parent: 'parent',
  sub_page: 'sub-page',
  customer_set: 'customer set',
  customer_page: 'customer',
};

/** One line per page, sub-pages and customer pages indented under their parent or set. */
function formatListing(pages: readonly PageListing[]): string {
  if (pages.length === 0) return 'No pages yet.\n';
  const lines = pages.map((page) => {
    const indent = page.parentId === null ? '' : '  ';
    const flags = [
      page.isDefault ? 'default' : null,
      page.disabled ? 'disabled' : null,
      page.noOneCanSignIn ? 'NO ONE CAN SIGN IN: no allowlisted domain' : null,
    ].filter((flag): flag is string => flag !== null);
    const where = page.url ?? '(served only as customer pages)';
    return `${indent}${KIND_LABELS[page.kind].padEnd(12)} ${page.id}  ${page.name}  ${where}${flags.length > 0 ? `  [${flags.join(', ')}]` : ''}`;
  });
  return `${lines.join('\n')}\n`;
}

const toJson = (page: PageListing) => ({
  kind: page.kind,
  id: page.id,
  name: page.name,
  url: page.url,
  is_default: page.isDefault,
  parent_id: page.parentId,
  entry_id: page.entryId,
  disabled: page.disabled,
  no_one_can_sign_in: page.noOneCanSignIn,
});

export const pagesCommand: Command = {
  name: 'pages',
  summary: 'List every page (customer pages with their unlisted URLs), or rotate a customer page URL',
  usage: [
    'Usage: beacon pages list [--json]',
    '       beacon pages rotate <customer-page-id>',
    '',
    'list    every page; sub-pages under their parent; customer pages under their set, with their',
    '        unlisted /c/<token> URL and a flag when no one can sign in (no allowlisted domain).',
    'rotate  give a customer page a new URL; the old one stops working at once. Prints the new URL.',
  ].join('\n'),
  async run(args: string[], io: CliIo) {
    const parsed = parseCommandArgs(this, args, { json: { type: 'boolean' } }, io);
    if ('exitCode' in parsed) return parsed.exitCode;
    const [action, ...rest] = parsed.positionals;
    if (action === 'list') {
      if (rest.length > 0) return usageError(this, `unexpected argument ${JSON.stringify(rest[0])}`, io);
      const config = readConfig(io.env);
      const pages = await withServices(config, (ctx) => listPageDirectory(ctx, { publicUrl: config.publicUrl }));
      io.out(parsed.values.json === true ? `${JSON.stringify(pages.map(toJson), null, 2)}\n` : formatListing(pages));
      return EXIT_OK;
    }
    if (action === 'rotate') {
      const [id, ...extra] = rest;
      if (id === undefined) return usageError(this, 'missing customer page id', io);
      if (extra.length > 0) return usageError(this, `unexpected argument ${JSON.stringify(extra[0])}`, io);
      if (parsed.values.json === true) return usageError(this, '--json applies to list only', io);
      const config = readConfig(io.env);
      const page = await withServices(config, (ctx) => rotateCustomerPageToken(ctx, id, CLI_ACTOR, { publicUrl: config.publicUrl }));
      io.err(`New URL for ${page.name} (the old one no longer works):\n`);
      io.out(`${page.url}\n`);
      return EXIT_OK;
    }
    return usageError(this, action === undefined ? 'missing action' : `unknown action ${JSON.stringify(action)}`, io);
  },
};

export const whoCanAccessCommand: Command = {
  name: 'who-can-access',
  summary: 'Show the customer pages an email address may sign in to, and why',
  usage: [
    'Usage: beacon who-can-access <email> [--json]',
    '',
    'Lists each customer page whose allowlist admits the address, with the catalog entry and the',
    'allowlisted domain that match.',
  ].join('\n'),
  async run(args: string[], io: CliIo) {
    const parsed = parseCommandArgs(this, args, { json: { type: 'boolean' } }, io);
    if ('exitCode' in parsed) return parsed.exitCode;
    const [email, ...extra] = parsed.positionals;
    if (email === undefined) return usageError(this, 'missing email address', io);
    if (extra.length > 0) return usageError(this, `unexpected argument ${JSON.stringify(extra[0])}`, io);
    const config = readConfig(io.env);
    const grants = await withServices(config, (ctx) => findWhoCanAccess(ctx, email, { publicUrl: config.publicUrl }));
    if (parsed.values.json === true) {
      const json = grants.map((g) => ({
        customer_page_id: g.customerPageId,
        page_name: g.pageName,
        set_name: g.setName,
        entry_id: g.entryId,
        entry_name: g.entryName,
        url: g.url,
        matched_domain: g.matchedDomain,
      }));
      io.out(`${JSON.stringify(json, null, 2)}\n`);
    } else if (grants.length === 0) {
      io.out('No customer page admits this address.\n');
    } else {
      const lines = grants.map(
        (g) => `${g.customerPageId}  ${g.pageName} (${g.setName})  entry ${g.entryName}  matches ${g.matchedDomain}  ${g.url}`,
      );
      io.out(`${lines.join('\n')}\n`);
    }
    return EXIT_OK;
  },
};
