import type { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { type DemoSummary, isDatabaseEmpty, seedDemo } from '../services/demo/demo.js';
import { engineName, migrateDatabase, openDatabase } from '../store/database.js';
import { type WebServer, createWebServer } from '../web/server.js';
import { startBackgroundWork } from './start-background-work.js';

export interface StartOptions {
  /** Seed the demo when the database is empty. */
  seedDemo?: boolean;
  /** How long in-flight requests get to finish on shutdown before their connections are cut. */
  shutdownTimeoutMs?: number;
  /** Routes tried before Beacon's own, behind the same middleware (tests add a slow route). */
  extraRoutes?: Hono;
}

export interface RunningServer {
  /** Where this process listens, e.g. `http://127.0.0.1:3000` (the actual port when PORT=0). */
  url: string;
  /** Set when this start seeded the demo. */
  demo: DemoSummary | null;
  /** Stops accepting, lets in-flight requests finish (bounded), then closes listener, snapshot and database. */
  close(): Promise<void>;
}

/**
 * Runs Beacon: opens and migrates the database, builds the web layer (web/server.ts, the one
 * composition root), loads the snapshot, starts the background work and listens. The caller decides
 * when to `close()` (see `serve`).
 */
export async function startServer(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningServer> {
  const { caches } = config;
  const database = openDatabase(config.databaseUrl, {
    statementCache: caches.statementCache,
    busyTimeoutMs: config.busyTimeoutMs,
    synchronous: config.sqliteSynchronous,
  });
  let web: WebServer | undefined;
  let background: { stop(): Promise<void> } | undefined;
  const closeBackends = async () => {
    await background?.stop();
    await web?.close();
    await database.close();
  };
  try {
    await migrateDatabase(database);
    web = createWebServer({ database, config, logger, extraRoutes: options.extraRoutes });
    const demo = options.seedDemo && (await isDatabaseEmpty(web.ctx)) ? await seedDemo(web.ctx, { publicUrl: config.publicUrl }) : null;
    if (demo) logger.info({ pages: demo.pageSlugs }, 'seeded the demo');
    await web.snapshots.fresh(); // the first visitor must not pay for the first load

    background = startBackgroundWork(web.ctx, web.snapshots, config, logger);
    const { url, drain } = await web.listen({ port: config.port, host: config.host });
    logger.info({ url, publicUrl: config.publicUrl, engine: engineName(database) }, 'beacon is listening');

    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        logger.info('shutting down: finishing in-flight requests');
        await drain.drain(options.shutdownTimeoutMs ?? 10_000);
        await closeBackends();
        logger.info('shut down cleanly');
      })());
    return { url, demo, close };
  } catch (error) {
    await closeBackends().catch(() => {});
    throw error;
  }
}
