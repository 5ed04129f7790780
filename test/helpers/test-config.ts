import { tmpdir } from 'node:os';
import { loadConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config.js';

export type TestEnv = Record<string, string>;

/** What a test's configuration differs in from the defaults. */
const TEST_ENV: TestEnv = {
  // Nothing is written there: the database is given and so is the secret.
  BEACON_DATA_DIR: tmpdir(),
  DATABASE_URL: ':memory:',
  BEACON_SECRET: 'test-secret-not-for-production-0123456789abcdef',
  LOG_LEVEL: 'silent',
  // No polling and no LISTEN: every write in a test goes through the test's context, which publishes it.
  BEACON_REVISION_POLL_MS: '0',
  BEACON_DISABLE_LISTEN: '1',
};

/** A test's configuration: `loadConfig` over `TEST_ENV` and `env`, so its rules and defaults are the product's. */
export const testConfig = (env: TestEnv = {}): Config => loadConfig({ ...TEST_ENV, ...env });

const defaults = testConfig();

/** Every cache's bounds as `beacon serve` has them by default (loadConfig's), for tests that build a cache themselves. */
export const TEST_CACHES = defaults.caches;

/** What `openDatabase` is given from the configuration, by default (loadConfig's), for tests that open a database themselves. */
export const TEST_DATABASE_SETTINGS = {
  busyTimeoutMs: defaults.busyTimeoutMs,
  statementCache: defaults.caches.statementCache,
  synchronous: defaults.sqliteSynchronous,
} as const;
