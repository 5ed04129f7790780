import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertTestEntry, insertTestType } from '../../test/helpers/page-kinds-fixtures.js';
import { buildTestContext } from '../../test/helpers/write-fixtures.js';
import { createCustomerPageSet, bindParentPage } from '../services/pages/page-kinds.js';
import { createPage } from '../services/pages/pages.js';
import { loadAllCustomerPages } from '../store/pages/customer-pages.js';
import { migrateDatabase, openDatabase } from '../store/database.js';
import type { CliIo } from './cli-io.js';
import { runCli } from './commands.js';
import { TEST_DATABASE_SETTINGS } from '../../test/helpers/test-config.js';

describe('beacon pages / who-can-access', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'beacon-pages-'));
    env = {
      BEACON_DATA_DIR: dataDir,
      DATABASE_URL: join(dataDir, 'beacon.db'),
      PUBLIC_URL: 'https://status.example.com',
      LOG_LEVEL: 'silent',
    };
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  async function seed() {
    const database = openDatabase(env.DATABASE_URL!, TEST_DATABASE_SETTINGS);
    try {
      await migrateDatabase(database);
      const { ctx, advance } = buildTestContext(database);
      const region = await insertTestType(database, 'Region');
      await insertTestEntry(database, region.id, 'EU');
      const status = await createPage(ctx, { slug: 'status', name: 'Status' });
      await bindParentPage(ctx, status.id, { catalogTypeId: region.id, componentAttributeId: 'components' });
      advance(1000);
      const customer = await insertTestType(database, 'Customer');
      await insertTestEntry(database, customer.id, 'Acme', { domains: ['acme.com'] });
      await insertTestEntry(database, customer.id, 'Initech');
      await createCustomerPageSet(
        ctx,
        {
          slug: 'customers',
          name: 'Customers',
          catalogTypeId: customer.id,
          allowlistAttributeId: 'domains',
          componentAttributeId: 'components',
        },
        'cli',
      );
      return await loadAllCustomerPages(database.db);
    } finally {
      await database.close();
    }
  }

  async function run(...argv: string[]) {
    const output = { out: '', err: '' };
    const io: CliIo = { env, out: (text) => void (output.out += text), err: (text) => void (output.err += text) };
    const code = await runCli(argv, io);
    return { code, ...output };
  }

  it('lists every page, customer pages with their URLs and the no-one-can-sign-in flag', async () => {
    const rows = await seed();
    const text = await run('pages', 'list');
    expect(text.code).toBe(0);
    expect(text.out).toContain('https://status.example.com/status/eu');
    for (const row of rows) expect(text.out).toContain(`https://status.example.com/c/${row.urlToken}`);
    expect(text.out).toMatch(/Initech .*NO ONE CAN SIGN IN/);

    const json = await run('pages', 'list', '--json');
    const pages = JSON.parse(json.out) as { kind: string; name: string; url: string | null; no_one_can_sign_in: boolean }[];
    expect(pages.map((p) => [p.kind, p.name, p.no_one_can_sign_in])).toEqual([
      ['parent', 'Status', false],
      ['sub_page', 'EU', false],
      ['customer_set', 'Customers', false],
      ['customer_page', 'Acme', false],
      ['customer_page', 'Initech', true],
    ]);
  });

  it('rotates a customer page URL and prints only the new URL on stdout', async () => {
    const [row] = await seed();
    const result = await run('pages', 'rotate', row!.id);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^https:\/\/status\.example\.com\/c\/[A-Za-z0-9_-]{24}\n$/);
    expect(result.out).not.toContain(row!.urlToken);
    expect((await run('pages', 'list')).out).not.toContain(row!.urlToken);
    expect((await run('pages', 'rotate', 'nope')).code).toBe(1);
  });

  it('says who can access an address, and why', async () => {
    await seed();
    const result = await run('who-can-access', 'bob@ACME.com', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual([
      expect.objectContaining({ page_name: 'Acme', entry_name: 'Acme', matched_domain: 'acme.com' }),
    ]);
    expect((await run('who-can-access', 'eve@example.org')).out).toBe('No customer page admits this address.\n');
    const bad = await run('who-can-access', 'a@b@acme.com');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('email');
  });

  it.each([
    [['pages'], 'missing action'],
    [['pages', 'drop'], 'unknown action "drop"'],
    [['pages', 'rotate'], 'missing customer page id'],
    [['pages', 'list', 'x'], 'unexpected argument "x"'],
    [['who-can-access'], 'missing email address'],
  ])('exits 2 with usage for %j', async (argv, message) => {
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.out).toBe('');
  });
});
