import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../src/domain/clock.js';
import { createApiKey } from '../src/services/sessions/api-keys.js';
import { createComponent } from '../src/services/status/components.js';
import { createCustomerPageSet } from '../src/services/pages/page-kinds.js';
import { loadAllCustomerPages } from '../src/store/pages/customer-pages.js';
import { migrateDatabase, openDatabase } from '../src/store/database.js';
import { type Finished, type ServerProcess, startServerProcess } from './helpers/beacon-process.js';
import { runCliInProcess } from './helpers/run-cli.js';
import { insertTestEntry, insertTestType } from './helpers/page-kinds-fixtures.js';
import { TEST_DATABASE_SETTINGS } from './helpers/test-config.js';

const WRITERS = 30;
/** The load stops by then even if a command hangs, so the test ends and reports it. */
const LOAD_LIMIT_MS = 15_000;

/** A component, a customer page to rotate and a staff API key, written straight through the services. */
async function seed(databaseUrl: string): Promise<{ componentId: string; customerPageId: string; apiKey: string }> {
  const database = openDatabase(databaseUrl, TEST_DATABASE_SETTINGS);
  try {
    await migrateDatabase(database);
    const ctx = { database, clock: systemClock, onRevision: () => {} };
    const component = await createComponent(ctx, { name: 'API' });
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
    const { token } = await createApiKey(ctx, { name: 'load' }, 'test');
    return { componentId: component.id, customerPageId: page!.id, apiKey: token };
  } finally {
    await database.close();
  }
}

// The situation that used to answer 500 (SQLITE_BUSY) and fail `beacon` commands with "database is
// locked": a real server on SQLite under a burst of API writes, with write commands run beside it.
describe('beacon serve on SQLite under write load, with beacon commands writing beside it', () => {
  let dataDir: string;
  let server: ServerProcess | undefined;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'beacon-contention-'));
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('answers every write (never 500) and every command succeeds', async () => {
    const env = { BEACON_DATA_DIR: dataDir, DATABASE_URL: join(dataDir, 'beacon.sqlite'), LOG_LEVEL: 'warn' };
    const { componentId, customerPageId, apiKey } = await seed(env.DATABASE_URL);
    server = await startServerProcess(['serve'], { ...env, PORT: '0', LOG_LEVEL: 'info' });
    const { url } = server;

    const statuses = new Map<number, number>();
    let isLoading = true;
    const stopLoad = setTimeout(() => (isLoading = false), LOAD_LIMIT_MS);
    const writer = async () => {
      while (isLoading) {
        const res = await fetch(`${url}/api/v1/incidents`, {
          method: 'POST',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            name: 'Load',
            message: 'Writing',
            components: [{ component_id: componentId, impact: 'degraded_performance' }],
          }),
        });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    };
    const writers = Array.from({ length: WRITERS }, writer);
    // Let the burst build up before the commands start, so they meet it.
    while (isLoading && (statuses.get(201) ?? 0) < WRITERS) await new Promise((resolve) => setTimeout(resolve, 20));

    const writesBefore = statuses.get(201) ?? 0;
    const commands: Finished[] = await Promise.all([
      // In this process (each command opens its own connection, as a `beacon` process would), so
      // that the only child is the server, whose lock the commands must wait for.
      runCliInProcess(['pages', 'rotate', customerPageId], env),
      runCliInProcess(['api-key', 'create', '--name', 'beside the server'], env),
      runCliInProcess(['pages', 'rotate', customerPageId], env),
    ]);
    const writesDuring = (statuses.get(201) ?? 0) - writesBefore;
    isLoading = false;
    clearTimeout(stopLoad);
    await Promise.all(writers);

    expect(
      commands.map(({ code }) => code),
      commands.map(({ stderr }) => stderr).join(''),
    ).toEqual([0, 0, 0]);
    expect(commands[0]!.stdout).toMatch(/\/c\/\S+\n$/);
    expect(commands[1]!.stdout).toMatch(/^\S+\n$/);
    // The commands ran while the server was writing, not after the load had stopped.
    expect(writesDuring).toBeGreaterThan(0);
    expect(statuses.get(500)).toBeUndefined();
    // A write may wait out the whole busy timeout and get 503 (retry); here none should need to.
    expect([...statuses.keys()].sort()).toEqual([201]);
    expect(server.logs.filter((line) => line.msg === 'unhandled error')).toEqual([]);
  }, 60_000);
});
