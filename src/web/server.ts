import { type RequestListener, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { type Clock, systemClock } from '../domain/clock.js';
import type { ServiceContext } from '../services/context.js';
import { createIncidentArchive } from '../services/live-state/incident-archive.js';
import { createOutboxDoorbell } from '../services/outbox/outbox-doorbell.js';
import { type RevisionFeed, createRevisionFeed } from '../services/live-state/revision-feed.js';
import { createSessionCache } from '../services/sessions/session-cache.js';
import { type SnapshotHolder, createSnapshotHolder } from '../services/live-state/snapshot-holder.js';
import type { Database } from '../store/database.js';
import { type RevisionListener, startRevisionListener } from '../store/revisions/revision-listener.js';
import type { AppDeps } from './app-deps.js';
import { createApp } from './app.js';
import { HotCustomerPages } from './customer/hot-pages.js';
import { createCustomerSignIn } from './customer/sign-in-context.js';
import { createEventStreams } from './event-streams.js';
import { createFastPath } from './fast-path.js';
import { type GracefulDrain, trackConnections } from './graceful-drain.js';
import { HotResponses } from './hot-responses.js';
import { RenderCache } from './render-cache.js';

export interface WebServerOptions {
  database: Database;
  config: Config;
  logger: Logger;
  /** The clock of every service and cache (tests move their own); the system clock by default. */
  clock?: Clock;
  /** Routes tried before Beacon's own, behind the same middleware (tests add a slow route). */
  extraRoutes?: Hono;
}

/** Most server-sent event streams open at once (each is a dashboard screen left open); more are refused with a 503. */
const MAX_EVENT_STREAMS = 200;

interface ListenOptions {
  port: number;
  host: string;
  /** Serve the app alone, without the fast path in front (the differential test's reference). */
  withoutFastPath?: boolean;
}

export interface Listening {
  server: Server;
  /** `http://127.0.0.1:3000`: the actual port when asked for 0. */
  url: string;
  drain: GracefulDrain;
}

/** Everything a request can touch, built once (see `createWebServer`). */
export interface WebServer {
  /** The services' context: its `onRevision` is the revision publish. */
  ctx: ServiceContext;
  snapshots: SnapshotHolder;
  /** The one publish of every revision this process learns of; every cache below subscribes. */
  revisions: RevisionFeed;
  deps: AppDeps;
  /** The Hono app alone, e.g. for `app.request()` in tests. */
  app: Hono;
  /** Listens on a new HTTP server: the fast path in front of the app, connections tracked for the drain. */
  listen(options: ListenOptions): Promise<Listening>;
  /** Flushes the fast path's log summary, stops listening for revisions and the snapshot's timers (the database stays open). */
  close(): Promise<void>;
}

/**
 * The composition root of the web layer, used alike by `beacon serve`, the bench and every web and
 * browser test: the snapshot holder, the render caches, the session cache (through the customer
 * sign-in services), the fast path's hot maps, the Hono app, the fast path in front of it, and the
 * revision feed they hang on.
 *
 * Every revision goes through `revisions.publish`, whatever its source: a local write (`ctx.onRevision`),
 * another process's NOTIFY (the listener started here on PostgreSQL unless `listenForRevisions` is
 * false), or the snapshot holder's poll. Each subscriber hears it synchronously, before the next
 * request is read: the holder starts its reload, the hot maps stop answering at once (so the fast
 * path never serves a page older than the app would while the snapshot reloads), and the render
 * caches drop their entries (and with them any compression still queued for them). The session and
 * archive caches need no subscription: each entry is checked against the revision of the snapshot a
 * request reads, which the holder moves. See docs/architecture.md.
 *
 * @example
 * const web = createWebServer({ database, config, logger });
 * await web.snapshots.fresh();
 * const { url } = await web.listen({ port: 0, host: '127.0.0.1' });
 */
export function createWebServer(options: WebServerOptions): WebServer {
  const { database, config, logger } = options;
  const clock = options.clock ?? systemClock;
  const { caches } = config;

  const revisions = createRevisionFeed();
  const ctx: ServiceContext = { database, clock, onRevision: revisions.publish, outbox: createOutboxDoorbell() };
  const snapshots = createSnapshotHolder(ctx, { logger, pollIntervalMs: config.revisionPollMs, revisions });
  const currentSnapshot = () => snapshots.current();
  const hotResponses = new HotResponses({ currentSnapshot, clock, ...caches.hotResponses });
  const hotCustomerPages = new HotCustomerPages({ currentSnapshot, clock, ...caches.hotCustomerPages });
  const renderCaches = {
    public: new RenderCache({ clock, ...caches.renderCache }),
    // Sent only as identity with a spliced nonce: compressing these entries would be wasted work.
    customer: new RenderCache({ clock, compress: false, ...caches.customerRenderCache }),
  };
  revisions.subscribe((revision) => {
    // One the live state already holds (the poll reading the loaded revision again) makes nothing older.
    if (revision <= (snapshots.current()?.revision ?? -1)) return;
    hotResponses.noteRevision(revision);
    hotCustomerPages.noteRevision(revision);
    renderCaches.public.clear();
    renderCaches.customer.clear();
  });

  const deps: AppDeps = {
    ctx,
    snapshots,
    archive: createIncidentArchive(ctx, caches.incidentArchive),
    config,
    logger,
    renderCaches,
    customerSignIn: createCustomerSignIn(ctx, { secret: config.secret, sessionCache: createSessionCache(caches.sessionCache) }),
    hotResponses,
    hotCustomerPages,
    revisions,
    eventStreams: createEventStreams(MAX_EVENT_STREAMS),
  };
  const app = createApp(deps, { extraRoutes: options.extraRoutes });
  const fastPath = createFastPath({ hot: hotResponses, customerPages: hotCustomerPages, publicUrl: config.publicUrl, logger });

  let listener: RevisionListener | undefined;
  let closing: Promise<void> | undefined;
  if (config.listenForRevisions) {
    listener = startRevisionListener(database, {
      onRevision: revisions.publish,
      onConnectionChange: ({ connected, error }) =>
        connected
          ? logger.info('listening for revisions from other processes')
          : logger.warn({ err: error }, 'revision listener disconnected; polling until it reconnects'),
    });
  }

  return {
    ctx,
    snapshots,
    revisions,
    deps,
    app,
    listen: (listenOptions) => {
      const appListener = getRequestListener(app.fetch, { hostname: listenOptions.host });
      return listen(listenOptions.withoutFastPath ? appListener : fastPath.wrap(appListener), listenOptions, logger, () =>
        deps.eventStreams.closeAll(),
      );
    },
    close: () =>
      (closing ??= (async () => {
        deps.eventStreams.closeAll();
        fastPath.close();
        await listener?.close();
        await snapshots.close();
      })()),
  };
}

function listen(requestListener: RequestListener, options: ListenOptions, logger: Logger, beforeDrain: () => void): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    const tracked = trackConnections(server, logger);
    // Open event streams end first: otherwise each would hold the drain until its deadline.
    const drain: GracefulDrain = {
      wrap: tracked.wrap,
      drain: (timeoutMs) => {
        beforeDrain();
        return tracked.drain(timeoutMs);
      },
    };
    server.on('request', drain.wrap(requestListener));
    server.listen(options.port, options.host);
    server.once('listening', () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://${displayHost(options.host)}:${port}`, drain });
    });
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new Error(`${options.host}:${options.port} is already in use; set PORT to a free port`) : error);
    });
  });
}

const displayHost = (host: string): string => {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
};
