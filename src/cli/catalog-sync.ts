import { readFileSync } from 'node:fs';
import { CLI_ACTOR } from '../domain/access/audit-event.js';
import { BeaconError, type FieldIssue } from '../domain/errors.js';
import { parseSyncMapping } from '../services/catalog/catalog-mapping-file.js';
import { buildSyncInput } from '../services/catalog/catalog-mapping.js';
import { type SourceFile, parseSourceFile } from '../services/catalog/catalog-source.js';
import { planCatalogSync, syncCatalog } from '../services/catalog/catalog-sync.js';
import { formatSyncPlan } from './catalog-sync-report.js';
import { type CliIo, type Command, EXIT_FAILURE, EXIT_OK, parseCommandArgs, usageError } from './cli-io.js';
import { expandGlobs } from './expand-globs.js';
import { withServices } from './open-services.js';
import { readConfig } from './read-config.js';

/** `beacon catalog sync`: fills catalog types from YAML, JSON and Backstage files through a mapping file. */
export const catalogCommand: Command = {
  name: 'catalog',
  summary: 'Sync catalog entries from YAML/JSON/Backstage files (catalog sync)',
  usage: [
    'Usage: beacon catalog sync <file|glob>… --mapping <file> [--dry-run] [--allow-delete] [--allow-unsafe-domains]',
    '',
    'Reads YAML (several documents per file allowed), JSON and Backstage catalog-info.yaml files,',
    'turns their records into catalog entries as the mapping file says (see docs/catalog.md),',
    'prints the diff, and applies it in one transaction. Running it again changes nothing.',
    'Nothing is applied when any record is bad; each problem names the file, record and field.',
    '',
    '  --mapping <file>          the mapping file (YAML): sync key, types, field paths',
    '  --dry-run                 print the diff only; change nothing',
    '  --allow-delete            delete entries this sync made that the files no longer have',
    '                            (entries made by hand or by other syncs are never touched)',
    '  --allow-unsafe-domains    accept webmail, disposable and public-suffix email domains;',
    '                            each one is recorded in the audit log',
  ].join('\n'),
  async run(args: string[], io: CliIo) {
    const parsed = parseCommandArgs(
      this,
      args,
      {
        mapping: { type: 'string', short: 'm' },
        'dry-run': { type: 'boolean' },
        'allow-delete': { type: 'boolean' },
        'allow-unsafe-domains': { type: 'boolean' },
      },
      io,
    );
    if ('exitCode' in parsed) return parsed.exitCode;
    const [action, ...patterns] = parsed.positionals;
    if (action !== 'sync')
      return usageError(this, action === undefined ? 'missing action' : `unknown action ${JSON.stringify(action)}`, io);
    const mappingFile = parsed.values.mapping;
    if (typeof mappingFile !== 'string' || mappingFile.trim() === '') return usageError(this, '--mapping is required', io);
    if (patterns.length === 0) return usageError(this, 'name at least one file or glob to read', io);
    const isDryRun = parsed.values['dry-run'] === true;

    try {
      const mapping = parseSyncMapping(mappingFile, readText(mappingFile));
      const files = readSources(expandGlobs(patterns, process.cwd()));
      const input = buildSyncInput(mapping, mappingFile, files, {
        allowDelete: parsed.values['allow-delete'] === true,
        allowUnsafeDomains: parsed.values['allow-unsafe-domains'] === true,
        actor: CLI_ACTOR,
      });
      const config = readConfig(io.env);
      const plan = await withServices(config, (ctx) => (isDryRun ? planCatalogSync(ctx, input) : syncCatalog(ctx, input)));
      io.out(formatSyncPlan(mapping.syncKey, plan));
      io.out(isDryRun ? 'dry run: nothing applied\n' : 'applied\n');
      return EXIT_OK;
    } catch (error) {
      if (!(error instanceof BeaconError) || error.issues.length === 0) throw error;
      io.err(formatProblems(error.issues));
      return EXIT_FAILURE;
    }
  },
};

/** Every source file parsed, with every file's syntax errors reported together. */
function readSources(paths: readonly string[]): SourceFile[] {
  const issues: FieldIssue[] = [];
  const files: SourceFile[] = [];
  for (const path of paths) {
    try {
      files.push(parseSourceFile(path, readText(path)));
    } catch (error) {
      if (!(error instanceof BeaconError)) throw error;
      issues.push(...error.issues);
    }
  }
  if (issues.length > 0) throw new BeaconError('validation', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  return files;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new BeaconError('validation', `${path}: ${reason}`, [{ path, message: reason }]);
  }
}

function formatProblems(issues: readonly FieldIssue[]): string {
  const lines = issues.map((issue) => `  ${issue.path}: ${issue.message}`);
  return `beacon catalog sync: nothing applied; ${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}:\n${lines.join('\n')}\n`;
}
