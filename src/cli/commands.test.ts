import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runBeacon, startServerProcess } from '../../test/helpers/beacon-process.js';
import { runCliInProcess } from '../../test/helpers/run-cli.js';
import { authenticateApiKey } from '../services/sessions/api-keys.js';
import { openDatabase } from '../store/database.js';
import type { CliIo } from './cli-io.js';
import { runCli } from './commands.js';
import { TEST_DATABASE_SETTINGS } from '../../test/helpers/test-config.js';

function captureIo(env: NodeJS.ProcessEnv = {}) {
  const output = { out: '', err: '' };
  const io: CliIo = { env, out: (text) => void (output.out += text), err: (text) => void (output.err += text) };
  return { io, output };
}

describe('beacon CLI (in-process)', () => {
  it('prints help on --help and exits 0', async () => {
    const { io, output } = captureIo();
    expect(await runCli(['--help'], io)).toBe(0);
    for (const name of ['serve', 'migrate', 'demo', 'api-key', 'incident']) expect(output.out).toContain(name);
  });

  it.each([
    [[], 'missing command'],
    [['launch'], 'unknown command "launch"'],
    [['serve', '--bogus'], "Unknown option '--bogus'"],
    [['serve', 'extra'], 'unexpected argument "extra"'],
    [['api-key'], 'missing action'],
    [['api-key', 'delete'], 'unknown action "delete"'],
    [['api-key', 'create'], '--name is required'],
    [['api-key', 'create', '--name'], 'argument missing'],
  ])('exits 2 with usage for %j', async (argv, message) => {
    const { io, output } = captureIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(output.err).toContain(message);
    expect(output.err).toContain('Usage: beacon');
    expect(output.out).toBe('');
  });

  it('shows a command’s help with --help and exits 0', async () => {
    const { io, output } = captureIo();
    expect(await runCli(['api-key', '--help'], io)).toBe(0);
    expect(output.err).toContain('Usage: beacon api-key create --name <name>');
  });

  it('exits 1 naming the variable when the configuration is invalid', async () => {
    const { io, output } = captureIo({ PORT: 'eighty', BEACON_DATA_DIR: join(tmpdir(), 'beacon-never-created') });
    expect(await runCli(['migrate'], io)).toBe(1);
    expect(output.err).toBe('beacon migrate: invalid configuration: PORT: expected a port number\n');
  });
});

describe('beacon CLI (in-process, on a data directory)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'beacon-cli-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('demo seeds an empty database once, then refuses with a clear message', async () => {
    const first = await runCliInProcess(['demo'], { BEACON_DATA_DIR: dataDir });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^bk_[A-Za-z0-9_-]{43}\n$/);
    expect(first.stderr).toContain('Seeded the demo');
    expect(first.stderr).toContain('http://localhost:3000/regions/eu');
    expect(first.stderr).toMatch(/Globex Corporation +http:\/\/localhost:3000\/c\/[A-Za-z0-9_-]{24}\n +sign in as you@globex\.example/);
    const second = await runCliInProcess(['demo'], { BEACON_DATA_DIR: dataDir });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('already holds data');
    expect(second.stdout).toBe('');
  });
});

// Smoke tests of the real entry (main.ts through tsx): stdout carries only the result, and a signal stops the server.
describe('beacon CLI (child processes)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'beacon-cli-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('api-key create prints only a working key on stdout', async () => {
    const result = await runBeacon(['api-key', 'create', '--name', 'Monitoring'], { BEACON_DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^bk_[A-Za-z0-9_-]{43}\n$/);
    const database = openDatabase(join(dataDir, 'beacon.sqlite'), TEST_DATABASE_SETTINGS);
    try {
      const ctx = { database, clock: () => new Date(), onRevision: () => {} };
      expect(await authenticateApiKey(ctx, result.stdout.trim())).not.toBeNull();
    } finally {
      await database.close();
    }
  }, 60_000);

  it('serve --demo migrates, seeds, serves the probes, and stops on SIGTERM with exit 0', async () => {
    const server = await startServerProcess(['serve', '--demo'], { BEACON_DATA_DIR: dataDir, PORT: '0' });
    try {
      // The banner goes to stderr after the "listening" line on stdout: wait for its end to arrive.
      await vi.waitFor(() => expect(server.stderr()).toMatch(/\n +sign in as you@initech\.example/), { timeout: 10_000, interval: 20 });
      expect(server.stderr()).toContain('Beacon is running at http://127.0.0.1:');
      expect(server.stderr()).toMatch(/Demo API key +bk_/);
      expect(server.stderr()).toContain('No SMTP_URL is set, so sign-in links and codes are printed in this log (development only).');
      // Every page the banner lists opens; a customer page opens on its sign-in form.
      const listed = [...server.stderr().matchAll(/(http:\/\/127\.0\.0\.1:\d+\/(?:regions\S*|developers|c\/\S+))/g)].map(
        (match) => match[1]!,
      );
      expect(listed.filter((url) => url.includes('/regions'))).toHaveLength(4);
      expect(listed.filter((url) => url.includes('/c/'))).toHaveLength(3);
      for (const url of listed) expect([url, (await fetch(url)).status]).toEqual([url, 200]);
      expect(server.stderr()).toMatch(/\n +sign in as you@initech\.example/);
      const health = await fetch(`${server.url}/healthz`, { headers: { 'X-Request-Id': 'probe-1' } });
      expect(health.status).toBe(200);
      expect(health.headers.get('X-Request-Id')).toBe('probe-1');
      expect(health.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      const key = /Demo API key +(bk_\S+)/.exec(server.stderr())?.[1];
      const incidents = await fetch(`${server.url}/api/v1/incidents`, { headers: { Authorization: `Bearer ${key}` } });
      expect(incidents.status).toBe(200);

      // The demo's staff admin signs in to /admin with the link the log shows (no SMTP_URL).
      const admin = /Staff dashboard +\S+\/admin\n +sign in as (\S+@\S+)/.exec(server.stderr())?.[1];
      expect(admin).toBe('admin@acme-cloud.example');
      const form = { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' };
      const asked = await fetch(`${server.url}/admin/sign-in`, { method: 'POST', headers: form, body: `email=${admin}` });
      expect(asked.status).toBe(200);
      const pending = asked.headers.getSetCookie()[0]!.split(';')[0]!;
      const logged = await waitFor(() =>
        server.logs.find((line) => line.msg === 'mail not sent (no SMTP_URL): Sign in to the Beacon staff dashboard'),
      );
      const link = (logged.mail as { link: string }).link;
      const signedIn = await fetch(`${server.url}/admin/auth`, {
        method: 'POST',
        headers: { ...form, Cookie: pending },
        body: `link=${encodeURIComponent(link)}`,
        redirect: 'manual',
      });
      expect(signedIn.status).toBe(303);
      const session = signedIn.headers
        .getSetCookie()
        .find((cookie) => cookie.includes('beacon-staff='))!
        .split(';')[0]!;
      expect(await (await fetch(`${server.url}/admin`, { headers: { Cookie: session } })).text()).toContain(`Signed in as ${admin}`);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const access = server.logs.find((line) => line.msg === 'request' && line.path === '/healthz');
    expect(access).toMatchObject({ method: 'GET', status: 200, requestId: 'probe-1' });
    expect(server.logs.map((line) => line.msg)).toContain('shut down cleanly');
  }, 90_000);
});

/** Polls `find` until it returns something, for at most 20 s (the outbox worker delivers off the request path). */
async function waitFor<T>(find: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('waited 20 s in vain');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
