import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ServerProcess, startServerProcess } from '../../test/helpers/beacon-process.js';

const SLOW_SERVER = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'serve-with-slow-route.ts');

/** A GET on a fresh connection (no pooling), so "refused" really means the listener is closed. */
function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

describe('graceful shutdown (a real server process)', () => {
  let dataDir: string;
  let server: ServerProcess | undefined;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'beacon-shutdown-'));
  });
  afterEach(async () => {
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
    server = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = (env: NodeJS.ProcessEnv = {}) =>
    startServerProcess([], { BEACON_DATA_DIR: dataDir, PORT: '0', ...env }, { entry: SLOW_SERVER });
  const waitForLog = (message: string) =>
    vi.waitFor(() => expect(server?.logs.some((line) => line.msg === message)).toBe(true), { timeout: 10_000, interval: 20 });

  it('on SIGTERM stops accepting, finishes the request in flight, closes and exits 0', async () => {
    server = await start();
    expect((await get(`${server.url}/healthz`)).status).toBe(200);

    const slow = get(`${server.url}/slow?ms=1500`);
    await waitForLog('slow request started');
    server.child.kill('SIGTERM');
    await waitForLog('shutting down: finishing in-flight requests');

    await expect(get(`${server.url}/healthz`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(await slow).toEqual({ status: 200, body: 'finished' });
    expect(await server.stop()).toBe(0);
    expect(server.logs.map((line) => line.msg)).toContain('shut down cleanly');
  }, 60_000);

  it('cuts requests that outlive the shutdown timeout, then still exits 0', async () => {
    server = await start({ SHUTDOWN_TIMEOUT_MS: '300' });
    const slow = get(`${server.url}/slow?ms=20000`);
    await waitForLog('slow request started');
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    await expect(slow).rejects.toThrow();
    expect(await server.stop()).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(server.logs.map((line) => line.msg)).toContain('in-flight requests did not finish in time; closing their connections');
  }, 60_000);
});
