import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildExampleCatalog } from '../../test/helpers/catalog-fixtures.js';
import { runCliInProcess } from '../../test/helpers/run-cli.js';
import { listAuditEvents } from '../store/access/audit-log.js';
import { loadAllCatalog } from '../store/catalog/catalog.js';
import { type Database, migrateDatabase, openDatabase } from '../store/database.js';
import { readRevision } from '../store/transaction.js';
import type { CliIo } from './cli-io.js';
import { runCli } from './commands.js';
import { TEST_DATABASE_SETTINGS } from '../../test/helpers/test-config.js';

const MAPPING = 'examples/catalog/customers-mapping.yaml';

describe('beacon catalog sync (in-process usage)', () => {
  it.each([
    [['catalog'], 'missing action'],
    [['catalog', 'pull'], 'unknown action "pull"'],
    [['catalog', 'sync', 'a.yaml'], '--mapping is required'],
    [['catalog', 'sync', '--mapping', MAPPING], 'name at least one file'],
  ])('exits 2 with usage for %j', async (argv, message) => {
    let err = '';
    const io: CliIo = { env: {}, out: () => {}, err: (text) => void (err += text) };
    expect(await runCli(argv, io)).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain('Usage: beacon catalog sync');
  });
});

describe('beacon catalog sync (in-process input errors)', () => {
  const run = async (argv: string[]) => {
    const output = { out: '', err: '' };
    const io: CliIo = { env: {}, out: (text) => void (output.out += text), err: (text) => void (output.err += text) };
    return { code: await runCli(argv, io), ...output };
  };

  it('names the file, record and field of bad records, bad mappings and missing files before touching a database', async () => {
    const records = await run(['catalog', 'sync', 'test/fixtures/catalog/bad-records.yaml', '--mapping', MAPPING]);
    expect(records.code).toBe(1);
    expect(records.err).toContain('  test/fixtures/catalog/bad-records.yaml: customers[1]: external_id: is missing (from id)\n');
    const mapping = await run([
      'catalog',
      'sync',
      'examples/catalog/customers.yaml',
      '--mapping',
      'test/fixtures/catalog/bad-mapping.yaml',
    ]);
    expect(mapping.code).toBe(1);
    expect(mapping.err).toContain('test/fixtures/catalog/bad-mapping.yaml: sync_key:');
    const missingMapping = await run(['catalog', 'sync', 'examples/catalog/customers.yaml', '--mapping', 'nope.yaml']);
    expect(missingMapping.err).toContain('nope.yaml: no such file');
    const missing = await run(['catalog', 'sync', 'nope/*.yaml', '--mapping', MAPPING]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no file matches "nope/*.yaml"');
  });
});

describe('beacon catalog sync (in-process, on a SQLite file)', () => {
  let dataDir: string;
  const env = () => ({ BEACON_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const withDatabase = async <T>(work: (database: Database) => Promise<T>): Promise<T> => {
    const database = openDatabase(join(dataDir, 'beacon.sqlite'), TEST_DATABASE_SETTINGS);
    try {
      await migrateDatabase(database);
      return await work(database);
    } finally {
      await database.close();
    }
  };

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'beacon-catalog-sync-'));
    await withDatabase((database) => buildExampleCatalog({ database, clock: () => new Date(), onRevision: () => {} }));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('dry run prints the diff and changes nothing; a real run applies it; a re-run reports no change', async () => {
    const revision = await withDatabase((database) => readRevision(database.db));
    const dry = await runCliInProcess(['catalog', 'sync', 'examples/catalog/customers.yaml', '--mapping', MAPPING, '--dry-run'], env());
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('+ Customer hooli "Hooli"\n    name: Hooli\n');
    expect(dry.stdout).toContain('    values.Email domains: [hooli.example, *.hooli-labs.example]\n');
    expect(dry.stdout).toMatch(/crm-customers: 3 to create, 0 to change, 0 to delete, 0 unchanged\ndry run: nothing applied\n$/);
    expect(await withDatabase((database) => readRevision(database.db))).toBe(revision);
    expect((await withDatabase((database) => loadAllCatalog(database.db))).entries).toHaveLength(3); // the regions only

    const real = await runCliInProcess(['catalog', 'sync', 'examples/catalog/customers.yaml', '--mapping', MAPPING], env());
    expect(real.code).toBe(0);
    expect(real.stdout).toBe(dry.stdout.replace('dry run: nothing applied', 'applied'));
    expect((await withDatabase((database) => loadAllCatalog(database.db))).entries).toHaveLength(6);

    const again = await runCliInProcess(['catalog', 'sync', 'examples/catalog/customers.yaml', '--mapping', MAPPING], env());
    expect(again.stdout).toBe('crm-customers: no changes; 0 to create, 0 to change, 0 to delete, 3 unchanged\napplied\n');

    const changed = await runCliInProcess(['catalog', 'sync', 'test/fixtures/catalog/customers-v2.yaml', '--mapping', MAPPING], env());
    expect(changed.stdout).toContain('~ Customer hooli "Hooli XYZ"\n    name: Hooli → Hooli XYZ\n');
    expect(changed.stdout).toContain(
      '! Customer pied-piper "Pied Piper": no longer in the source; kept (pass --allow-delete to delete it)\n',
    );
    const deleted = await runCliInProcess(
      ['catalog', 'sync', 'test/fixtures/catalog/customers-v2.yaml', '--mapping', MAPPING, '--allow-delete'],
      env(),
    );
    expect(deleted.stdout).toContain('- Customer pied-piper "Pied Piper"\n');
    const audit = await withDatabase((database) => listAuditEvents(database.db, { action: 'catalog_entry.deleted' }));
    expect(audit.map((e) => [e.actor, e.details.external_id])).toEqual([['cli', 'pied-piper']]);
  });

  it('syncs Backstage files given as a glob', async () => {
    const result = await runCliInProcess(
      ['catalog', 'sync', 'examples/catalog/backstage/*.yaml', '--mapping', 'examples/catalog/backstage-mapping.yaml'],
      env(),
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('+ Customer stark "Stark Industries"');
    expect(result.stdout).toContain('+ Customer cyberdyne "Cyberdyne Systems"');
    expect(result.stdout).toMatch(/backstage: 3 to create.*\napplied\n$/);
  });

  it('bad input: exits 1 naming file, record and field, and applies nothing', async () => {
    const before = await withDatabase((database) => readRevision(database.db));
    const bad = await runCliInProcess(
      ['catalog', 'sync', 'examples/catalog/customers.yaml', 'test/fixtures/catalog/unsafe-domains.yaml', '--mapping', MAPPING],
      env(),
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('beacon catalog sync: nothing applied; 1 problem:\n');
    expect(bad.stderr).toContain(
      'test/fixtures/catalog/unsafe-domains.yaml: customers[0] (external id "freelancers"): values.Email domains[1]: gmail.com is a webmail domain',
    );

    const syntax = await runCliInProcess(
      ['catalog', 'sync', 'test/fixtures/catalog/bad-syntax.yaml', 'test/fixtures/catalog/bad-records.yaml', '--mapping', MAPPING],
      env(),
    );
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toContain('test/fixtures/catalog/bad-syntax.yaml: documents[1]: is not valid YAML (line');

    expect(await withDatabase((database) => readRevision(database.db))).toBe(before);
  });

  it('accepts unsafe domains only with --allow-unsafe-domains, auditing the override as the CLI', async () => {
    const result = await runCliInProcess(
      ['catalog', 'sync', 'test/fixtures/catalog/unsafe-domains.yaml', '--mapping', MAPPING, '--allow-unsafe-domains'],
      env(),
    );
    expect(result.code).toBe(0);
    const overrides = await withDatabase((database) => listAuditEvents(database.db, { action: 'catalog_entry.domain_override' }));
    expect(overrides.map((e) => [e.actor, e.details.domain])).toEqual([['cli', 'gmail.com']]);
  });
});
