import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdSqliteWriteLock } from '../../test/helpers/foreign-lock.js';
import { insertTestEntry, insertTestType } from '../../test/helpers/page-kinds-fixtures.js';
import { buildTestContext } from '../../test/helpers/write-fixtures.js';
import { createCustomerPageSet } from '../services/pages/page-kinds.js';
import { loadAllCustomerPages } from '../store/pages/customer-pages.js';
import { migrateDatabase, openDatabase } from '../store/database.js';
import type { CliIo } from './cli-io.js';
import { runCli } from './commands.js';
import { TEST_DATABASE_SETTINGS } from '../../test/helpers/test-config.js';

// `beacon` commands (in-process: main.ts only hands runCli's exit code to the process) while this
// test's own connection holds the SQLite write lock for longer than their busy timeout, as a long
// write by the server or another command would.
describe('beacon commands on a busy SQLite database', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let holder: { release: () => void } | undefined;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'beacon-busy-cli-'));
    // LOG_LEVEL=debug prints stack traces of unexpected errors; a busy database must still get one line.
    env = { BEACON_DATA_DIR: dataDir, DATABASE_URL: join(dataDir, 'beacon.db'), LOG_LEVEL: 'debug', BEACON_BUSY_TIMEOUT_MS: '200' };
  });
  afterEach(() => {
    holder?.release();
    holder = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function seedCustomerPage(): Promise<string> {
    const database = openDatabase(env.DATABASE_URL!, TEST_DATABASE_SETTINGS);
    try {
      await migrateDatabase(database);
      const { ctx } = buildTestContext(database);
      const customer = await insertTestType(database, 'Customer');
      await insertTestEntry(database, customer.id, 'Acme', { domains: ['acme.com'] });
      const set = {
        slug: 'customers',
        name: 'Customers',
        catalogTypeId: customer.id,
        allowlistAttributeId: 'domains',
        componentAttributeId: 'components',
      };
      await createCustomerPageSet(ctx, set, 'cli');
      const [page] = await loadAllCustomerPages(database.db);
      return page!.id;
    } finally {
      await database.close();
    }
  }

  async function runBeacon(argv: string[], env: NodeJS.ProcessEnv) {
    const output = { stdout: '', stderr: '' };
    const io: CliIo = { env, out: (text) => void (output.stdout += text), err: (text) => void (output.stderr += text) };
    const code = await runCli(argv, io);
    return { code, ...output };
  }

  const holdWriteLock = () => {
    holder = holdSqliteWriteLock(env.DATABASE_URL!);
  };

  it('prints one line saying so, no stack trace, and exits 1; once the lock is free the same command works', async () => {
    const pageId = await seedCustomerPage();
    holdWriteLock();
    const rotate = await runBeacon(['pages', 'rotate', pageId], env);
    const createKey = await runBeacon(['api-key', 'create', '--name', 'ci'], env);
    expect(rotate).toEqual({
      code: 1,
      stdout: '',
      stderr: 'beacon pages: the database is busy (another process holds its write lock); try again\n',
    });
    expect(createKey).toEqual({
      code: 1,
      stdout: '',
      stderr: 'beacon api-key: the database is busy (another process holds its write lock); try again\n',
    });

    holder?.release();
    holder = undefined;
    const retried = await runBeacon(['pages', 'rotate', pageId], env);
    expect(retried.code).toBe(0);
    expect(retried.stdout).toMatch(/\/c\/\S+\n$/);
  });

  it('still runs a command that only reads', async () => {
    await seedCustomerPage();
    holdWriteLock();
    const list = await runBeacon(['pages', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('Acme');
  });
});
