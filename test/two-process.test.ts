import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/services/api-keys.js';
import { createComponent } from '../src/services/components.js';
import { createPage } from '../src/services/pages.js';
import { openDatabase } from '../src/store/database.js';
import { type ServerProcess, startServerProcess } from './helpers/beacon-process.js';
import { TEST_DATABASE_URL, releasePostgresTestDatabase, takePostgresTestDatabase } from './helpers/databases.js';

/** A page with one component and a staff API key, written straight through the services. */
async function seed(url: string): Promise<{ componentId: string; apiKey: string }> {
  const database = openDatabase(url, { poolSize: 1 });
  try {
    const ctx = { database, clock: () => new Date(), onRevision: () => {} };
    const component = await createComponent(ctx, { name: 'API' });
    await createPage(ctx, { slug: 'status', name: 'Acme', items: [{ kind: 'component', componentId: component.id, showUptime: true }] });
    const { token } = await createApiKey(ctx, { name: 'two-process test' });
    return { componentId: component.id, apiKey: token };
  } finally {
    await database.close();
  }
}

/** Milliseconds until `check` holds, polling every 20 ms; throws after `limitMs`. */
async function timeUntil(check: () => Promise<boolean>, limitMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    if (await check()) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`not visible within ${limitMs} ms`);
}

describe.skipIf(!TEST_DATABASE_URL)('two Beacon processes sharing PostgreSQL', () => {
  let url: string;
  let dataDir: string;
  let servers: ServerProcess[] = [];
  beforeEach(async () => {
    url = await takePostgresTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'beacon-two-'));
  });
  afterEach(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    servers = [];
    rmSync(dataDir, { recursive: true, force: true });
    await releasePostgresTestDatabase(url);
  }, 30_000); // a stop that hangs escalates to SIGKILL after 20 s

  const start = async (env: NodeJS.ProcessEnv) => {
    const server = await startServerProcess(['serve'], { DATABASE_URL: url, BEACON_DATA_DIR: dataDir, PORT: '0', ...env });
    servers.push(server);
    return server;
  };

  /** Declares an incident through A's API and measures how long until B's public page and API show it. */
  async function writeOnAReadOnB(env: NodeJS.ProcessEnv, limitMs: number): Promise<number[]> {
    const { componentId, apiKey } = await seed(url);
    const [a, b] = await Promise.all([start(env), start(env)]);
    expect((await fetch(`${b!.url}/`)).status).toBe(200); // B has its snapshot before the write
    const auth = { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' };

    const latencies: number[] = [];
    for (let round = 1; round <= 3; round++) {
      const name = `Elevated errors, round ${round} ${Math.random().toString(36).slice(2)}`;
      const created = await fetch(`${a!.url}/api/v1/incidents`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ name, status: 'investigating', message: 'Looking into it', components: [{ component_id: componentId, impact: 'partial_outage' }] }),
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      latencies.push(
        await timeUntil(async () => {
          const page = await fetch(`${b!.url}/`);
          return (await page.text()).includes(name);
        }, limitMs),
      );
      const viaApi = await fetch(`${b!.url}/api/v1/incidents/${id}`, { headers: auth });
      expect(viaApi.status).toBe(200);
    }
    return latencies;
  }

  it('B shows a write made through A within one second, by LISTEN/NOTIFY alone (polling off)', async () => {
    const latencies = await writeOnAReadOnB({ BEACON_REVISION_POLL_MS: '0' }, 1_000);
    for (const latency of latencies) expect(latency).toBeLessThan(1_000);
  }, 120_000);

  it('B still catches up by polling when LISTEN is disabled', async () => {
    // Polling every second: a write shows after at most one period plus a reload.
    const latencies = await writeOnAReadOnB({ BEACON_DISABLE_LISTEN: '1' }, 2_000);
    for (const latency of latencies) expect(latency).toBeLessThan(1_600);
  }, 120_000);

  it('with neither LISTEN nor polling, B does not see the write (the signal is what delivers it)', async () => {
    await expect(writeOnAReadOnB({ BEACON_DISABLE_LISTEN: '1', BEACON_REVISION_POLL_MS: '0' }, 2_500)).rejects.toThrow(/not visible/);
  }, 120_000);
});
