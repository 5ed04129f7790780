import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { DEFAULT_CACHE_SETTINGS } from '../domain/cache-bounds.js';
import { systemClock } from '../domain/clock.js';
import type { ServiceContext } from '../services/context.js';
import { type DemoSummary, isDatabaseEmpty, seedDemo } from '../services/demo.js';
import { type SnapshotHolder, createSnapshotHolder } from '../services/snapshot-holder.js';
import { migrateDatabase, openDatabase } from '../store/database.js';
import { startRevisionListener } from '../store/revision-listener.js';
import { startBackgroundWork } from './start-background-work.js';
import type { AppDeps } from '../web/app-deps.js';
import { createApp } from '../web/app.js';
import { type FastPath, createFastPath } from '../web/fast-path.js';
import { type GracefulDrain, trackConnections } from '../web/graceful-drain.js';
import { HotCustomerPages } from '../web/customer/hot-pages.js';
import { HotResponses } from '../web/hot-responses.js';
import { createIncidentArchive } from '../services/incident-archive.js';

export interface StartOptions {
  /** Seed the demo when the database is empty. */
  seedDemo?: boolean;
  /** How long in-flight requests get to finish on shutdown before their connections are cut. */
  shutdownTimeoutMs?: number;
  /** Builds the HTTP app; tests wrap the real one to add a route. */
  buildApp?: (deps: AppDeps) => Hono;
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
 * Composes Beacon: opens and migrates the database, loads the snapshot, listens for other
 * processes' writes, and serves the app. The caller decides when to `close()` (see `serve`).
 */
export async function startServer(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningServer> {
  const caches = config.caches ?? DEFAULT_CACHE_SETTINGS;
  const database = openDatabase(config.databaseUrl, { statementCache: caches.statementCache, busyTimeoutMs: config.busyTimeoutMs, synchronous: config.sqliteSynchronous });
  let holder: SnapshotHolder | undefined;
  let listener: { close(): Promise<void> } | undefined;
  let background: { stop(): Promise<void> } | undefined;
  const closeBackends = async () => {
    await background?.stop();
    await listener?.close();
    await holder?.close();
    await database.close();
  };
  try {
    await migrateDatabase(database);
    // The fast path hears of every revision first, so that no stale page is served while the snapshot reloads.
    const currentSnapshot = () => holder?.current();
    const hot = new HotResponses({ currentSnapshot, clock: systemClock, ...caches.hotResponses });
    const hotCustomerPages = new HotCustomerPages({ currentSnapshot, clock: systemClock, ...caches.hotCustomerPages });
    const announce = (revision: number) => {
      hot.noteRevision(revision);
      hotCustomerPages.noteRevision(revision);
      holder?.onRevision(revision);
    };
    const ctx: ServiceContext = { database, clock: systemClock, onRevision: announce };
    const demo = options.seedDemo && (await isDatabaseEmpty(ctx)) ? await seedDemo(ctx, { publicUrl: config.publicUrl }) : null;
    if (demo) logger.info({ pages: demo.pageSlugs }, 'seeded the demo');

    holder = createSnapshotHolder(ctx, { logger, pollIntervalMs: config.revisionPollMs ?? 1000 });
    await holder.fresh(); // the first visitor must not pay for the first load
    const snapshots = holder;
    if (config.listenForRevisions !== false) {
      listener = startRevisionListener(database, {
        onRevision: announce,
        onConnectionChange: ({ connected, error }) =>
          connected
            ? logger.info('listening for revisions from other processes')
            : logger.warn({ err: error }, 'revision listener disconnected; polling until it reconnects'),
      });
    }

    background = startBackgroundWork(ctx, holder, config, logger);

    const app = (options.buildApp ?? createApp)({ ctx, snapshots, archive: createIncidentArchive(ctx, caches.incidentArchive), config, logger, hotResponses: hot, hotCustomerPages });
    const fastPath = createFastPath({ hot, customerPages: hotCustomerPages, publicUrl: config.publicUrl, logger });
    const { server, drain } = await listen(app, config, fastPath, logger);
    const { port } = server.address() as AddressInfo;
    const url = `http://${displayHost(config.host)}:${port}`;
    logger.info({ url, publicUrl: config.publicUrl, engine: database.capabilities.engine }, 'beacon is listening');

    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        logger.info('shutting down: finishing in-flight requests');
        await drain.drain(options.shutdownTimeoutMs ?? 10_000);
        fastPath.close();
        await closeBackends();
        logger.info('shut down cleanly');
      })());
    return { url, demo, close };
  } catch (error) {
    await closeBackends().catch(() => {});
    throw error;
  }
}

/** The app behind the fast path (see web/fast-path.ts), listening on the configured address, its connections tracked for the drain. */
function listen(app: Hono, config: Config, fastPath: FastPath, logger: Logger): Promise<{ server: Server; drain: GracefulDrain }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    const drain = trackConnections(server, logger);
    server.on('request', drain.wrap(fastPath.wrap(getRequestListener(app.fetch, { hostname: config.host }))));
    server.listen(config.port, config.host);
    server.once('listening', () => {
      server.off('error', reject);
      resolve({ server, drain });
    });
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`${config.host}:${config.port} is already in use; set PORT to a free port`)
          : error,
      );
    });
  });
}

const displayHost = (host: string): string => {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
};
