import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { type RunningServer, startServer } from '../../src/cli/start-server.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config.js';
import { systemClock } from '../../src/domain/clock.js';
import { createApiKey } from '../../src/services/sessions/api-keys.js';
import type { ServiceContext } from '../../src/services/context.js';
import { migrateDatabase, openDatabase } from '../../src/store/database.js';
import { capturingLogger } from './capturing-logger.js';
import { TEST_DATABASE_SETTINGS } from './test-config.js';

export interface ServedBeacon<T> {
  server: RunningServer;
  config: Config;
  /** What `seed` returned. */
  seeded: T;
  /** A staff API key's bearer token. */
  token: string;
  /** Every log line the server wrote so far. */
  lines: ReturnType<typeof capturingLogger>['lines'];
}

/**
 * For a describe block of tests against Beacon wired as `beacon serve` wires it (fast path included):
 * returns `start(seed)`, which makes a fresh SQLite data dir, lets `seed` fill it through the
 * services, adds an API key, and starts the server on a free port with a capturing logger. The
 * server and its data dir go after each test.
 */
export function useServedBeacon(): <T>(seed: (ctx: ServiceContext, config: Config) => Promise<T>) => Promise<ServedBeacon<T>> {
  let dataDir: string | undefined;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    server = dataDir = undefined;
  });
  return async (seed) => {
    dataDir = mkdtempSync(join(tmpdir(), 'beacon-served-'));
    const config = loadConfig({ BEACON_DATA_DIR: dataDir, PORT: '0' });
    const seeding = openDatabase(config.databaseUrl, TEST_DATABASE_SETTINGS);
    await migrateDatabase(seeding);
    const ctx: ServiceContext = { database: seeding, clock: systemClock, onRevision: () => {} };
    const seeded = await seed(ctx, config);
    const { token } = await createApiKey(ctx, { name: 'test' }, 'test');
    await seeding.close();
    const { logger, lines } = capturingLogger();
    server = await startServer(config, logger);
    return { server, config, seeded, token, lines };
  };
}
