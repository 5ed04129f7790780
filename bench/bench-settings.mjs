// The product's defaults (loadConfig's), for the benches that open a database or build a renderer themselves.
import { tmpdir } from 'node:os';
import { loadConfig } from '../dist/config/load-config.js';

const config = loadConfig({
  BEACON_DATA_DIR: tmpdir(),
  DATABASE_URL: ':memory:',
  BEACON_SECRET: 'bench-secret-not-for-production-0123456789abcdef',
  LOG_LEVEL: 'silent',
});

export const BENCH_CACHES = config.caches;

export const BENCH_DATABASE_SETTINGS = {
  busyTimeoutMs: config.busyTimeoutMs,
  statementCache: config.caches.statementCache,
  synchronous: config.sqliteSynchronous,
};
