import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type RunningServer, startServer } from '../src/cli/start-server.js';
import { loadConfig } from '../src/config/load-config.js';
import { createApiKey } from '../src/services/sessions/api-keys.js';
import { createComponent } from '../src/services/status/components.js';
import { createPage } from '../src/services/pages/pages.js';
import { openDatabase } from '../src/store/database.js';
import { startRevisionListener } from '../src/store/revisions/revision-listener.js';
import { readRevision } from '../src/store/transaction.js';
import { type ServerProcess, startServerProcess } from './helpers/beacon-process.js';
import { TEST_DATABASE_URL, countRevisionListeners, releasePostgresTestDatabase, takePostgresTestDatabase } from './helpers/databases.js';
import { TEST_DATABASE_SETTINGS } from './helpers/test-config.js';

/** A page with one component and a staff API key, written straight through the services. */
async function seed(url: string): Promise<{ componentId: string; apiKey: string }> {
  const database = openDatabase(url, { ...TEST_DATABASE_SETTINGS, poolSize: 1 });
  try {
    const ctx = { database, clock: () => new Date(), onRevision: () => {} };
    const component = await createComponent(ctx, { name: 'API' });
    await createPage(ctx, { slug: 'status', name: 'Acme', items: [{ kind: 'component', componentId: component.id, showUptime: true }] });
    const { token } = await createApiKey(ctx, { name: 'two-process test' }, 'test');
    return { componentId: component.id, apiKey: token };
  } finally {
    await database.close();
  }
}

const PAGE_READ = { timeout: 15_000, interval: 20 };

describe.skipIf(!TEST_DATABASE_URL)('two Beacon processes sharing PostgreSQL', () => {
  let url: string;
  let dataDir: string;
  let a: RunningServer | undefined;
  let b: ServerProcess | undefined;
  beforeEach(async () => {
    url = await takePostgresTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'beacon-two-'));
  });
  afterEach(async () => {
    await Promise.all([a?.close(), b?.stop()]);
    a = b = undefined;
    rmSync(dataDir, { recursive: true, force: true });
    await releasePostgresTestDatabase(url);
  }, 30_000); // a stop that hangs escalates to SIGKILL after 20 s

  /**
   * A in this process (as `beacon serve` composes it) and B a real `beacon serve` child, both with
   * `env`'s revision settings: B shares no memory with A, only the database.
   */
  async function startBoth(env: NodeJS.ProcessEnv) {
    const seeded = await seed(url);
    const shared = { DATABASE_URL: url, BEACON_DATA_DIR: dataDir, PORT: '0', ...env };
    [a, b] = await Promise.all([startServer(loadConfig(shared), pino({ level: 'silent' })), startServerProcess(['serve'], shared)]);
    expect((await fetch(`${b.url}/`)).status).toBe(200); // B has its snapshot before the write
    return { ...seeded, a, b, auth: { Authorization: `Bearer ${seeded.apiKey}`, 'Content-Type': 'application/json' } };
  }

  /** Declares an incident through A's API; resolves with its id and name. */
  async function declareOnA(started: Awaited<ReturnType<typeof startBoth>>, round: number) {
    const name = `Elevated errors, round ${round} ${Math.random().toString(36).slice(2)}`;
    const created = await fetch(`${started.a.url}/api/v1/incidents`, {
      method: 'POST',
      headers: started.auth,
      body: JSON.stringify({
        name,
        status: 'investigating',
        message: 'Looking into it',
        components: [{ component_id: started.componentId, impact: 'partial_outage' }],
      }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    return { id, name };
  }

  const pageOfB = async (started: Awaited<ReturnType<typeof startBoth>>) => (await fetch(`${started.b.url}/`)).text();

  /** Writes through A three times; after each, B's public page and API show the write. */
  async function writeOnAReadOnB(env: NodeJS.ProcessEnv): Promise<void> {
    const started = await startBoth(env);
    for (let round = 1; round <= 3; round++) {
      const { id, name } = await declareOnA(started, round);
      await vi.waitFor(async () => expect(await pageOfB(started)).toContain(name), PAGE_READ);
      const viaApi = await fetch(`${started.b.url}/api/v1/incidents/${id}`, { headers: started.auth });
      expect(viaApi.status).toBe(200);
    }
  }

  // How soon B shows a write is measured by the benches, not bounded here (docs/performance.md).
  it('B shows a write made through A by LISTEN/NOTIFY alone (polling off)', async () => {
    await writeOnAReadOnB({ BEACON_REVISION_POLL_MS: '0' });
  }, 120_000);

  it('B still catches up by polling when LISTEN is disabled', async () => {
    // Polling a tenth as long apart as by default: what it shows is the same, sooner.
    await writeOnAReadOnB({ BEACON_DISABLE_LISTEN: '1', BEACON_REVISION_POLL_MS: '100' });
  }, 120_000);

  it('with neither LISTEN nor polling, B does not see the write (the signal is what delivers it)', async () => {
    const started = await startBoth({ BEACON_DISABLE_LISTEN: '1', BEACON_REVISION_POLL_MS: '0' });
    // The witness: a listener of the test's own gets the write's notification, as B would if it listened.
    const witnessDatabase = openDatabase(url, { ...TEST_DATABASE_SETTINGS, poolSize: 1 });
    const witnessed: number[] = [];
    const witness = startRevisionListener(witnessDatabase, { onRevision: (revision) => witnessed.push(revision) });
    try {
      await vi.waitFor(() => expect(witnessed).toHaveLength(1));
      const { name } = await declareOnA(started, 1);
      const written = await readRevision(witnessDatabase.db);
      await vi.waitFor(() => expect(witnessed).toContain(written));
      // Nothing of B listens, and no request of B's finds the write on its own.
      expect(await countRevisionListeners(witnessDatabase)).toBe(1); // the witness alone
      for (let read = 0; read < 3; read++) expect(await pageOfB(started)).not.toContain(name);
    } finally {
      await witness.close();
      await witnessDatabase.close();
    }
  }, 120_000);
});
