import { readConfig } from './read-config.js';
import { seedDemo } from '../services/demo/demo.js';
import { type CliIo, type Command, EXIT_OK, parseCommandArgs, usageError } from './cli-io.js';
import { withServices } from './open-services.js';
import { describeDemoPages } from './start-banner.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Seed the demo (Acme Cloud) into an empty database',
  usage: [
    'Usage: beacon demo',
    '',
    'Seeds components, pages (a parent page with sub-pages, three customers with customer pages),',
    '90 days of incidents and maintenance windows, a staff API key and a staff admin for /admin.',
    'Refuses a database that already holds data. `beacon serve --demo` does the same on start.',
  ].join('\n'),
  async run(args: string[], io: CliIo) {
    const parsed = parseCommandArgs(this, args, {}, io);
    if ('exitCode' in parsed) return parsed.exitCode;
    if (parsed.positionals.length > 0) return usageError(this, `unexpected argument ${JSON.stringify(parsed.positionals[0])}`, io);
    const config = readConfig(io.env);
    const summary = await withServices(config, (ctx) => seedDemo(ctx, { publicUrl: config.publicUrl }));
    io.err(
      [
        `Seeded the demo: ${summary.componentCount} components, ${summary.incidentCount} incidents, ${summary.maintenanceCount} maintenance windows.`,
        '',
        ...describeDemoPages(config.publicUrl.replace(/\/+$/, ''), summary),
        '',
        `Staff dashboard: ${config.publicUrl.replace(/\/+$/, '')}/admin, sign in as ${summary.staffAdmin} (an admin).`,
        '',
        'Demo API key (shown once; only its hash is stored):',
        '',
      ].join('\n'),
    );
    io.out(`${summary.apiKey}\n`);
    return EXIT_OK;
  },
};
