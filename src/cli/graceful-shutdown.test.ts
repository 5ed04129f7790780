import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ServerProcess, startServerProcess } from '../../test/helpers/beacon-process.js';
import { capturingLogger } from '../../test/helpers/capturing-logger.js';
import { ENGINES, releasePostgresTestDatabase, takePostgresTestDatabase } from '../../test/helpers/databases.js';
import { KeepAliveConnection } from '../../test/helpers/keep-alive-client.js';
import { type LoadSeed, runLoadThroughShutdown, seedForLoad, summarise } from '../../test/helpers/shutdown-load.js';
import { loadConfig } from '../config/load-config.js';
import { type RunningServer, startServer } from './start-server.js';

for (const engine of ENGINES) {
  describe(`graceful shutdown under load [${engine}]`, () => {
    let dataDir: string;
    let databaseUrl: string;
    let seed: LoadSeed;
    let server: RunningServer | undefined;
    let child: ServerProcess | undefined;
    beforeEach(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'beacon-drain-'));
      databaseUrl = engine === 'postgres' ? await takePostgresTestDatabase() : join(dataDir, 'beacon.sqlite');
      seed = await seedForLoad(databaseUrl);
    });
    afterEach(async () => {
      await server?.close();
      if (child && child.child.exitCode === null) child.child.kill('SIGKILL');
      server = child = undefined;
      rmSync(dataDir, { recursive: true, force: true });
      if (engine === 'postgres') await releasePostgresTestDatabase(databaseUrl);
    });

    it('close() answers every request already written, says Connection: close from then on, and ends idle connections with a FIN', async () => {
      const { logger } = capturingLogger();
      server = await startServer(loadConfig({ BEACON_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, PORT: '0' }), logger);
      const running = server;
      // A keep-alive connection that sends its next request only once the drain has begun.
      const late = await KeepAliveConnection.open(running.url);
      expect((await late.send('GET', '/healthz')).response?.headers.get('connection')).not.toBe('close');
      let closing: Promise<void> | undefined;
      let lateExchange: ReturnType<KeepAliveConnection['send']> | undefined;

      const report = await runLoadThroughShutdown(running.url, seed, {
        busy: 40,
        idle: 10,
        answeredBeforeStop: 80,
        stop: () => {
          closing = running.close();
          lateExchange = late.send('GET', '/healthz');
        },
      });
      const closeStarted = report.stoppedAt;
      await closing;
      const summary = summarise(report);

      expect(summary.unanswered).toEqual([]);
      expect(summary.resets).toBe(0);
      expect(summary.answeredBefore).toBeGreaterThanOrEqual(40); // every busy connection wrote at once
      expect(summary.keptAliveAfter).toBe(0);
      expect(summary.idleProblems).toEqual([]);
      const { response } = await lateExchange!;
      expect(response?.status).toBe(200);
      expect(response?.headers.get('connection')).toBe('close');
      expect(await late.ended).toMatchObject({ sawEnd: true, error: undefined });
      expect(performance.now() - closeStarted).toBeLessThan(10_000);
      await expect(KeepAliveConnection.open(running.url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    }, 30_000);

    it('beacon serve on SIGTERM answers every request already written, then exits 0', async () => {
      child = await startServerProcess(['serve'], { BEACON_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, PORT: '0' });
      const running = child;
      let exited: Promise<number | null> | undefined;

      const report = await runLoadThroughShutdown(running.url, seed, {
        busy: 40,
        idle: 10,
        answeredBeforeStop: 80,
        stop: () => {
          exited = running.stop();
        },
      });
      expect(await exited).toBe(0);
      // The child logs when its drain began; its wall clock is ours.
      const began = running.logs.find((line) => line.msg === 'shutting down: finishing in-flight requests');
      const summary = summarise(report, Number(began?.time) - performance.timeOrigin + 1);

      expect(summary.unanswered).toEqual([]);
      expect(summary.resets).toBe(0);
      expect(summary.answeredBefore).toBeGreaterThanOrEqual(40); // every busy connection wrote at once
      expect(summary.keptAliveAfter).toBe(0);
      expect(summary.idleProblems).toEqual([]);
      expect(running.logs.map((line) => line.msg)).toContain('shut down cleanly');
    }, 60_000);
  });
}

describe('graceful shutdown with pipelined requests', () => {
  let dataDir: string;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers both of two pipelined requests received before close(); only the last says Connection: close', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'beacon-pipeline-'));
    let slowStarted = 0;
    // The slow requests finish only once close() has begun the drain (it does so before it returns).
    let finishSlow: () => void = () => {};
    const closed = new Promise<void>((resolve) => (finishSlow = resolve));
    const { logger } = capturingLogger();
    server = await startServer(loadConfig({ BEACON_DATA_DIR: dataDir, PORT: '0' }), logger, {
      extraRoutes: new Hono().get('/slow', async (c) => {
        slowStarted += 1;
        await closed;
        return c.text('finished');
      }),
    });
    const connection = await KeepAliveConnection.open(server.url);
    // Both are handled at once (Node parses pipelined requests ahead) and answered in order after close().
    const [slow, alsoSlow] = connection.pipeline(['/slow', '/slow']);
    await vi.waitFor(() => expect(slowStarted).toBe(2), { timeout: 5_000, interval: 5 });

    const closing = server.close();
    finishSlow();
    const first = await slow!;
    const second = await alsoSlow!;
    expect(first.response).toMatchObject({ status: 200 });
    expect(first.response?.body.toString()).toBe('finished');
    expect(first.response?.headers.get('connection')).not.toBe('close');
    expect(second.response).toMatchObject({ status: 200 });
    expect(second.response?.body.toString()).toBe('finished');
    expect(second.response?.headers.get('connection')).toBe('close');
    expect(await connection.ended).toMatchObject({ sawEnd: true, error: undefined });
    await closing;
  });
});
