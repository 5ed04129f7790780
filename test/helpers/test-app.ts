import type { Hono } from 'hono';
import pino, { type Logger } from 'pino';
import type { Config } from '../../src/config.js';
import { createApiKey } from '../../src/services/api-keys.js';
import type { ServiceContext } from '../../src/services/context.js';
import { type SnapshotHolder, createSnapshotHolder } from '../../src/services/snapshot-holder.js';
import type { Database } from '../../src/store/database.js';
import type { AppDeps } from '../../src/web/app-deps.js';
import { createApp } from '../../src/web/app.js';
import { createIncidentArchive } from '../../src/services/incident-archive.js';

export interface TestAppOptions {
  /** Where the clock starts; it moves only when the test says so. */
  now?: Date;
  config?: Partial<Config>;
  /** The app's logger (request logs included); silent unless given, e.g. `capturingLogger().logger`. */
  logger?: Logger;
}

export interface TestApp {
  app: Hono;
  deps: AppDeps;
  /** A live API key created through the service. */
  token: string;
  apiKeyId: string;
  /** `app.request` with the bearer token and a JSON content type (both overridable through `init.headers`). */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** `request` with `body` serialised as JSON. */
  requestJson(method: string, path: string, body: unknown): Promise<Response>;
  setNow(at: Date): void;
  advance(ms: number): void;
  /** Stops the snapshot holder's timers (the database is closed by its owner). */
  close(): Promise<void>;
}

export const TEST_CONFIG: Config = {
  port: 3000,
  host: '127.0.0.1',
  databaseUrl: ':memory:',
  dataDir: './data',
  publicUrl: 'http://localhost:3000',
  secret: 'test-secret-not-for-production-0123456789abcdef',
  logLevel: 'silent',
};

/**
 * The whole HTTP app over `database`, as `beacon serve` wires it, with a silent logger (unless
 * `options.logger` is given), a clock the test moves, and an API key ready to use.
 *
 * @example
 * const { request } = await createTestApp(database());
 * const res = await request('/api/v1/components', { method: 'POST', body: JSON.stringify({ name: 'API' }) });
 */
export async function createTestApp(database: Database, options: TestAppOptions = {}): Promise<TestApp> {
  let now = (options.now ?? new Date('2025-03-01T12:00:00.000Z')).getTime();
  let holder: SnapshotHolder | undefined;
  const ctx: ServiceContext = {
    database,
    clock: () => new Date(now),
    onRevision: (revision) => holder?.onRevision(revision),
  };
  // No polling: every write in a test goes through this context, which announces it.
  holder = createSnapshotHolder(ctx, { pollIntervalMs: 0 });
  const deps: AppDeps = {
    ctx,
    snapshots: holder,
    archive: createIncidentArchive(ctx),
    config: { ...TEST_CONFIG, ...options.config },
    logger: options.logger ?? pino({ level: 'silent' }),
  };
  const app = createApp(deps);
  const { apiKey, token } = await createApiKey(ctx, { name: 'test' });

  const request = (path: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
    new Headers(init.headers).forEach((value, key) => headers.set(key, value));
    return Promise.resolve(app.request(path, { ...init, headers }));
  };

  return {
    app,
    deps,
    token,
    apiKeyId: apiKey.id,
    request,
    requestJson: (method, path, body) => request(path, { method, body: JSON.stringify(body) }),
    setNow: (at) => {
      now = at.getTime();
    },
    advance: (ms) => {
      now += ms;
    },
    close: () => holder.close(),
  };
}
