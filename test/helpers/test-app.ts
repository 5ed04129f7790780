import type { Hono } from 'hono';
import pino, { type Logger } from 'pino';
import { createApiKey } from '../../src/services/sessions/api-keys.js';
import type { Database } from '../../src/store/database.js';
import type { AppDeps } from '../../src/web/app-deps.js';
import { type TestEnv, testConfig } from './test-config.js';
import { type WebServer, createWebServer } from '../../src/web/server.js';

export interface TestAppOptions {
  /** Where the clock starts; it moves only when the test says so. */
  now?: Date;
  /** Environment variables over `TEST_ENV`, read by `loadConfig` as `beacon serve` reads its own. */
  env?: TestEnv;
  /** The app's logger (request logs included); silent unless given, e.g. `capturingLogger().logger`. */
  logger?: Logger;
  /** Routes tried before Beacon's own, behind the same middleware. */
  extraRoutes?: Hono;
}

export interface TestApp {
  app: Hono;
  deps: AppDeps;
  /** Everything `createWebServer` built: `web.listen()` serves it over HTTP with the fast path in front. */
  web: WebServer;
  /** A live API key created through the service. */
  token: string;
  apiKeyId: string;
  /** `app.request` with the bearer token and a JSON content type (both overridable through `init.headers`). */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** `request` with `body` serialised as JSON. */
  requestJson(method: string, path: string, body: unknown): Promise<Response>;
  setNow(at: Date): void;
  advance(ms: number): void;
  /** Stops the snapshot holder's timers and the fast path's summary (the database is closed by its owner). */
  close(): Promise<void>;
}

/**
 * The whole HTTP app over `database`, built by `createWebServer` as for `beacon serve`, with a silent logger (unless
 * `options.logger` is given), a clock the test moves, and an API key ready to use.
 *
 * @example
 * const { request } = await createTestApp(database());
 * const res = await request('/api/v1/components', { method: 'POST', body: JSON.stringify({ name: 'API' }) });
 */
export async function createTestApp(database: Database, options: TestAppOptions = {}): Promise<TestApp> {
  let now = (options.now ?? new Date('2025-03-01T12:00:00.000Z')).getTime();
  const web = createWebServer({
    database,
    config: testConfig(options.env),
    logger: options.logger ?? pino({ level: 'silent' }),
    clock: () => new Date(now),
    extraRoutes: options.extraRoutes,
  });
  const { app, deps } = web;
  const { apiKey, token } = await createApiKey(deps.ctx, { name: 'test' }, 'test');

  const request = (path: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
    new Headers(init.headers).forEach((value, key) => headers.set(key, value));
    return Promise.resolve(app.request(path, { ...init, headers }));
  };

  return {
    app,
    deps,
    web,
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
    close: () => web.close(),
  };
}
