import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { capturingLogger } from '../../test/helpers/capturing-logger.js';
import { seedCustomerPages } from '../../test/helpers/customer-pages.js';
import { ENGINES, releasePostgresTestDatabase, takePostgresTestDatabase } from '../../test/helpers/databases.js';
import { KeepAliveConnection } from '../../test/helpers/keep-alive-client.js';
import { loadConfig } from '../config/load-config.js';
import { systemClock } from '../domain/clock.js';
import { migrateDatabase, openDatabase } from '../store/database.js';
import { type RunningServer, startServer } from './start-server.js';
import { TEST_DATABASE_SETTINGS } from '../../test/helpers/test-config.js';

/** A mail server that accepts connections and never greets: a delivery waits on it until its timeout. */
async function startSilentMailServer(): Promise<{ url: string; connected: Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let onConnection: () => void = () => {};
  const connected = new Promise<void>((resolve) => (onConnection = resolve));
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    onConnection();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    connected,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

for (const engine of ENGINES) {
  describe(`shutdown is prompt [${engine}]`, () => {
    let dataDir: string;
    let databaseUrl: string;
    let server: RunningServer | undefined;
    let mail: Awaited<ReturnType<typeof startSilentMailServer>> | undefined;
    beforeEach(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'beacon-prompt-'));
      databaseUrl = engine === 'postgres' ? await takePostgresTestDatabase() : join(dataDir, 'beacon.sqlite');
    });
    afterEach(async () => {
      await server?.close();
      await mail?.close();
      server = mail = undefined;
      rmSync(dataDir, { recursive: true, force: true });
      if (engine === 'postgres') await releasePostgresTestDatabase(databaseUrl);
    });

    it('with idle keep-alive connections, a preconnect, a client that never closes its side, the revision listener and a mail delivery hanging', async () => {
      mail = await startSilentMailServer();
      const config = loadConfig({
        BEACON_DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        PORT: '0',
        SMTP_URL: mail.url,
        MAIL_FROM: 'status@beacon.test',
      });
      const seeding = openDatabase(databaseUrl, { ...TEST_DATABASE_SETTINGS, poolSize: 1 });
      await migrateDatabase(seeding);
      const seeded = await seedCustomerPages({ database: seeding, clock: systemClock, onRevision: () => {} }, config.publicUrl);
      await seeding.close();
      const { logger, lines } = capturingLogger();
      // A deadline far above the bound below: only a drain that needs no deadline passes.
      server = await startServer(config, logger, { shutdownTimeoutMs: 30_000 });
      const { url } = server;

      const asked = await fetch(`${url}${seeded.acme.path}/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
        body: new URLSearchParams({ email: 'wile@acme-corp.com' }),
      });
      expect(asked.status).toBe(200);
      await mail.connected; // the outbox worker is now waiting for a greeting that never comes

      const { port } = new URL(url);
      const preconnect = net.connect(Number(port), '127.0.0.1');
      // Reads our FIN and never sends its own.
      const halfOpen = net.connect({ port: Number(port), host: '127.0.0.1', allowHalfOpen: true });
      const rawEnded = [preconnect, halfOpen].map(
        (socket) =>
          new Promise<string>((resolve) => {
            socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
            socket.on('end', () => resolve('end'));
            socket.resume();
          }),
      );
      await Promise.all([preconnect, halfOpen].map((socket) => new Promise((resolve) => socket.once('connect', resolve))));
      // Connected after them, so queued behind them to be accepted: once each has been answered, the
      // server has taken in the two raw connections too, and the drain knows of them.
      const idle = await Promise.all(
        Array.from({ length: 5 }, async () => {
          const connection = await KeepAliveConnection.open(url);
          expect((await connection.send('GET', '/healthz')).response?.status).toBe(200);
          return connection;
        }),
      );

      const started = performance.now();
      const closed = await Promise.race([
        server.close().then(() => performance.now() - started),
        new Promise<string>((resolve) => setTimeout(() => resolve('still shutting down after 10 s'), 10_000)),
      ]);
      expect(closed).toBeTypeOf('number');
      for (const ending of await Promise.all(idle.map((connection) => connection.ended)))
        expect(ending).toMatchObject({ sawEnd: true, error: undefined });
      expect(await Promise.all(rawEnded)).toEqual(['end', 'end']);
      expect(lines.map((line) => line.msg)).toContain('shut down cleanly');
      expect(lines.map((line) => line.msg)).not.toContain('in-flight requests did not finish in time; closing their connections');
      preconnect.destroy();
      halfOpen.destroy();
    }, 30_000);
  });
}
