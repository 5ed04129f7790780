import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTsEntry } from '../../test/helpers/beacon-process.js';
import { DEFAULT_CACHE_SETTINGS, MEGABYTE } from '../domain/cache-bounds.js';
import { BeaconError } from '../domain/errors.js';
import { loadConfig } from './load-config.js';

describe('loadConfig', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'beacon-config-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const load = (env: Record<string, string>) => loadConfig({ BEACON_DATA_DIR: dataDir, ...env });
  const failureOf = (env: Record<string, string>): BeaconError => {
    try {
      load(env);
    } catch (error) {
      if (error instanceof BeaconError) return error;
      throw error;
    }
    throw new Error('expected loadConfig to fail');
  };

  it('applies the documented defaults', () => {
    const config = load({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir,
      databaseUrl: join(dataDir, 'beacon.sqlite'),
      publicUrl: 'http://localhost:3000',
      logLevel: 'info',
      trustedProxies: [],
      listenForRevisions: true,
      revisionPollMs: 1000,
      caches: DEFAULT_CACHE_SETTINGS,
      busyTimeoutMs: 5000,
      sqliteSynchronous: 'normal',
      smtp: null,
      dkim: null,
      maintenanceReminderMinutes: null,
    });
    expect(config.caches).toMatchObject({
      renderCache: { maxBytes: 24 * MEGABYTE },
      customerRenderCache: { maxBytes: 16 * MEGABYTE },
      hotResponses: { maxBytes: 8 * MEGABYTE },
      hotCustomerPages: { maxBytes: 8 * MEGABYTE },
      sessionCache: { maxEntries: 50_000, maxBytes: 16 * MEGABYTE },
      statementCache: { maxBytes: 4 * MEGABYTE },
    });
  });

  it('defaults the data dir to ./data and resolves it to an absolute path', () => {
    const cwd = process.cwd();
    process.chdir(dataDir);
    try {
      expect(loadConfig({}).dataDir).toBe(join(dataDir, 'data'));
    } finally {
      process.chdir(cwd);
    }
  });

  it('derives the default public URL from PORT and treats empty variables as unset', () => {
    expect(load({ PORT: '8080', HOST: '' }).publicUrl).toBe('http://localhost:8080');
    expect(load({ PORT: '8080', HOST: '' }).host).toBe('127.0.0.1');
  });

  it('refuses SMTP_URL without MAIL_FROM, and a MAIL_FROM that is no address, before anything starts', () => {
    expect(() => load({ SMTP_URL: 'smtp://127.0.0.1:2525' })).toThrow(/MAIL_FROM: is required when SMTP_URL is set/);
    expect(() => load({ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'Status' })).toThrow(/MAIL_FROM: expected an address/);
    expect(() => load({ MAIL_FROM: 'Status <status@example.com' })).toThrow(/MAIL_FROM: expected an address/);
    expect(load({ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'status@example.com' }).smtp).toEqual({
      smtpUrl: 'smtp://127.0.0.1:2525',
      from: 'status@example.com',
    });
    // Every problem is named at once, not one per attempt.
    expect(() => load({ SMTP_URL: 'smtp://127.0.0.1:2525', PORT: 'x' })).toThrow(/PORT: .*; MAIL_FROM: /);
  });

  it('reads every variable', () => {
    const config = load({
      PORT: '0',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://beacon@db:5432/beacon',
      PUBLIC_URL: 'https://status.example.com/',
      BEACON_SECRET: 'x'.repeat(40),
      LOG_LEVEL: 'warn',
      SMTP_URL: 'smtps://user:pass@mail.example.com',
      MAIL_FROM: 'Status <status@example.com>',
      TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.1,::1, fd00::/8',
      BEACON_DISABLE_LISTEN: '1',
      BEACON_REVISION_POLL_MS: '0',
      BEACON_BUSY_TIMEOUT_MS: '250',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      databaseUrl: 'postgres://beacon@db:5432/beacon',
      publicUrl: 'https://status.example.com',
      secret: 'x'.repeat(40),
      logLevel: 'warn',
      smtp: { smtpUrl: 'smtps://user:pass@mail.example.com', from: 'Status <status@example.com>' },
      trustedProxies: ['10.0.0.0/8', '192.168.1.1', '::1', 'fd00::/8'],
      listenForRevisions: false,
      revisionPollMs: 0,
      busyTimeoutMs: 250,
    });
  });

  it.each([
    [{ PORT: 'http' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '80.5' }, 'PORT'],
    [{ PUBLIC_URL: 'status.example.com' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'ftp://status.example.com' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'https://example.com/status' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'https://example.com/?a=1' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'https://user:pw@example.com' }, 'PUBLIC_URL'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ BEACON_SECRET: 'short' }, 'BEACON_SECRET'],
    [{ DATABASE_URL: 'mysql://db/beacon' }, 'DATABASE_URL'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ TRUSTED_PROXIES: '10.0.0.1,not-an-ip' }, 'TRUSTED_PROXIES'],
    [{ TRUSTED_PROXIES: '10.0.0.0/33' }, 'TRUSTED_PROXIES'],
    [{ BEACON_DISABLE_LISTEN: 'yes' }, 'BEACON_DISABLE_LISTEN'],
    [{ BEACON_REVISION_POLL_MS: '-5' }, 'BEACON_REVISION_POLL_MS'],
    [{ BEACON_RENDER_CACHE_MB: '0' }, 'BEACON_RENDER_CACHE_MB'],
    [{ BEACON_RENDER_CACHE_MB: 'lots' }, 'BEACON_RENDER_CACHE_MB'],
    [{ BEACON_CUSTOMER_RENDER_CACHE_MB: '-1' }, 'BEACON_CUSTOMER_RENDER_CACHE_MB'],
    [{ BEACON_HOT_RESPONSES_MB: '100000' }, 'BEACON_HOT_RESPONSES_MB'],
    [{ BEACON_SESSION_CACHE_MB: '0' }, 'BEACON_SESSION_CACHE_MB'],
    [{ BEACON_SESSION_CACHE_ENTRIES: '10.5' }, 'BEACON_SESSION_CACHE_ENTRIES'],
    [{ BEACON_SESSION_CACHE_ENTRIES: '0' }, 'BEACON_SESSION_CACHE_ENTRIES'],
    [{ BEACON_STATEMENT_CACHE_MB: 'x' }, 'BEACON_STATEMENT_CACHE_MB'],
    [{ BEACON_ARCHIVE_CACHE_MB: '0' }, 'BEACON_ARCHIVE_CACHE_MB'],
    [{ BEACON_ROW_CACHE_MB: '0' }, 'BEACON_ROW_CACHE_MB'],
    [{ BEACON_BUSY_TIMEOUT_MS: '-1' }, 'BEACON_BUSY_TIMEOUT_MS'],
    [{ BEACON_SQLITE_SYNCHRONOUS: 'off' }, 'BEACON_SQLITE_SYNCHRONOUS'],
    [{ BEACON_BUSY_TIMEOUT_MS: '1.5' }, 'BEACON_BUSY_TIMEOUT_MS'],
    [{ BEACON_BUSY_TIMEOUT_MS: '600000' }, 'BEACON_BUSY_TIMEOUT_MS'],
    [{ BEACON_BUSY_TIMEOUT_MS: 'soon' }, 'BEACON_BUSY_TIMEOUT_MS'],
  ])('refuses %j naming %s', (env, variable) => {
    const error = failureOf(env);
    expect(error.code).toBe('validation');
    expect(error.message).toMatch(new RegExp(`^${variable}: `));
    expect(error.issues.map((issue) => issue.path)).toEqual([variable]);
  });

  it('reads each cache bound, in megabytes (fractions allowed) or entries, keeping the entry bounds', () => {
    const { caches } = load({
      BEACON_RENDER_CACHE_MB: '48',
      BEACON_CUSTOMER_RENDER_CACHE_MB: '0.5',
      BEACON_HOT_RESPONSES_MB: '2',
      BEACON_SESSION_CACHE_MB: '64',
      BEACON_SESSION_CACHE_ENTRIES: '1000',
      BEACON_STATEMENT_CACHE_MB: '1',
      BEACON_ARCHIVE_CACHE_MB: '3',
      BEACON_ROW_CACHE_MB: '5',
    });
    expect(caches).toEqual({
      renderCache: { maxEntries: 2000, maxBytes: 48 * MEGABYTE },
      customerRenderCache: { maxEntries: 2000, maxBytes: MEGABYTE / 2 },
      hotResponses: { maxEntries: 64, maxBytes: 2 * MEGABYTE },
      hotCustomerPages: { maxEntries: 1024, maxBytes: 2 * MEGABYTE },
      sessionCache: { maxEntries: 1000, maxBytes: 64 * MEGABYTE },
      statementCache: { maxEntries: 512, maxBytes: MEGABYTE },
      incidentArchive: { maxEntries: 256, maxBytes: 3 * MEGABYTE },
      statusPageRows: { maxEntries: 20_000, maxBytes: 5 * MEGABYTE },
    });
  });

  it('reads how hard SQLite commits wait for the disk', () => {
    expect(load({ BEACON_SQLITE_SYNCHRONOUS: 'full' }).sqliteSynchronous).toBe('full');
    expect(load({ BEACON_SQLITE_SYNCHRONOUS: 'normal' }).sqliteSynchronous).toBe('normal');
  });

  it('reports every bad variable at once', () => {
    const error = failureOf({ PORT: 'x', LOG_LEVEL: 'loud', PUBLIC_URL: 'nope' });
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['LOG_LEVEL', 'PORT', 'PUBLIC_URL']);
  });

  it('generates the secret once, keeps it with mode 0600, and reuses it', () => {
    const first = load({}).secret;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    const path = join(dataDir, 'secret');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8').trim()).toBe(first);
    expect(load({}).secret).toBe(first);
  });

  it('prefers BEACON_SECRET and then writes no secret file', () => {
    load({ BEACON_SECRET: 's'.repeat(32) });
    expect(() => statSync(join(dataDir, 'secret'))).toThrow();
  });

  it('gives processes that start together on one data dir the same whole secret', async () => {
    // Before the secret was published with link(), a process could open the file its twin had
    // just created and read it empty: CI saw `beacon serve` refuse to start that way.
    const racers = 2;
    const dirs = 400;
    const startAt = Date.now() + 3000;
    const fixture = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'load-config-race.ts');
    const runs = await Promise.all(Array.from({ length: racers }, () => runTsEntry(fixture, [dataDir, String(dirs), String(startAt)], {})));
    const outputs = runs.map((run) => {
      expect(run.stderr).toBe('');
      return run.stdout.trim().split('\n');
    });
    for (let index = 0; index < dirs; index += 1) {
      const seen = new Set(outputs.map((lines) => lines[index]));
      expect([...seen], `data dir ${index}`).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);
      // The drafts are gone: only the published secret stays.
      expect(readdirSync(join(dataDir, String(index)))).toEqual(['secret']);
    }
  }, 60_000);

  it('refuses a truncated secret file instead of running with a weak key', () => {
    writeFileSync(join(dataDir, 'secret'), 'abc\n', { mode: 0o600 });
    expect(failureOf({}).issues[0]?.path).toBe('BEACON_SECRET');
  });
});
