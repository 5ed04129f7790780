import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedCustomerPages } from '../../test/helpers/customer-pages.js';
import { runCliInProcess } from '../../test/helpers/run-cli.js';
import { TEST_SECRET, signInAs } from '../../test/helpers/sign-in-fixtures.js';
import { buildTestContext } from '../../test/helpers/write-fixtures.js';
import { createSignInDeps } from '../services/sign-in/sign-in-deps.js';
import { createSnapshotDirectory } from '../services/live-state/snapshot-directory.js';
import { loadSnapshot } from '../services/live-state/snapshot-loader.js';
import { migrateDatabase, openDatabase } from '../store/database.js';
import type { CliIo } from './cli-io.js';
import { runCli } from './commands.js';
import { TEST_CACHES, TEST_DATABASE_SETTINGS } from '../../test/helpers/test-config.js';
import { createSessionCache } from '../services/sessions/session-cache.js';
import { buildPageKindsIndex } from '../domain/pages/page-kinds-index.js';

describe('beacon sessions (in-process, on a SQLite file)', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'beacon-sessions-'));
    env = { BEACON_DATA_DIR: dataDir, DATABASE_URL: join(dataDir, 'beacon.sqlite'), BEACON_SECRET: TEST_SECRET, LOG_LEVEL: 'silent' };
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  /** Acme and Globex customer pages, with sessions signed in through the real sign-in services. */
  async function seed() {
    const database = openDatabase(env.DATABASE_URL!, TEST_DATABASE_SETTINGS);
    try {
      await migrateDatabase(database);
      // The real time: the CLI reads sessions against the system clock.
      const { ctx } = buildTestContext(database, new Date());
      const pages = await seedCustomerPages(ctx, 'https://status.example.com');
      const kinds = buildPageKindsIndex(await loadSnapshot(database));
      const deps = createSignInDeps(ctx, {
        secret: TEST_SECRET,
        directory: createSnapshotDirectory(() => kinds),
        sessionCache: createSessionCache(TEST_CACHES.sessionCache),
      });
      const tokens = [
        await signInAs(deps, 'ann@acme-corp.com', pages.acme.customerPageId),
        await signInAs(deps, 'bob@acme-corp.com', pages.acme.customerPageId),
        await signInAs(deps, 'cy@acme-labs.com', pages.acme.customerPageId),
        await signInAs(deps, 'dan@globex.com', pages.globex.customerPageId),
      ];
      return { acme: pages.acme.customerPageId, globex: pages.globex.customerPageId, tokens };
    } finally {
      await database.close();
    }
  }

  const beacon = (...args: string[]) => runCliInProcess(['sessions', ...args], env);

  /** What the database holds after the CLI ran: signed-in addresses and who revoked sessions. */
  async function readState(): Promise<{ emails: string[]; revokedBy: string[] }> {
    const database = openDatabase(env.DATABASE_URL!, TEST_DATABASE_SETTINGS);
    try {
      const sessions = await database.db.selectFrom('sessions').select('email').orderBy('email').execute();
      const revocations = await database.db.selectFrom('audit_log').select('actor').where('action', '=', 'session.revoked').execute();
      return { emails: sessions.map((row) => row.email), revokedBy: revocations.map((row) => row.actor) };
    } finally {
      await database.close();
    }
  }

  it('lists a page’s active sessions as a table and as JSON, never showing a session secret', async () => {
    const { acme, tokens } = await seed();
    const text = await beacon('list', acme);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^ID +EMAIL +DOMAIN +CREATED +LAST SEEN +EXPIRES\n/);
    for (const email of ['ann@acme-corp.com', 'bob@acme-corp.com', 'cy@acme-labs.com']) expect(text.stdout).toContain(email);
    expect(text.stdout).not.toContain('dan@globex.com');

    const json = await beacon('list', acme, '--json');
    expect(json.code).toBe(0);
    const sessions = JSON.parse(json.stdout) as Record<string, string>[];
    expect(sessions.map((s) => s.email).sort()).toEqual(['ann@acme-corp.com', 'bob@acme-corp.com', 'cy@acme-labs.com']);
    expect(Object.keys(sessions[0]!).sort()).toEqual([
      'absolute_expires_at',
      'created_at',
      'domain',
      'email',
      'id',
      'idle_expires_at',
      'last_seen_at',
    ]);
    expect(sessions.find((s) => s.email === 'cy@acme-labs.com')?.domain).toBe('acme-labs.com');

    for (const token of tokens) expect(text.stdout + text.stderr + json.stdout + json.stderr).not.toContain(token);
  });

  it('revokes by address, by domain and all, printing how many, as actor cli', async () => {
    const { acme } = await seed();
    expect(await beacon('revoke', acme, '--email', 'BOB@acme-corp.com')).toMatchObject({ code: 0, stdout: 'Revoked 1 session.\n' });
    expect(await beacon('revoke', acme, '--domain', 'acme-labs.com')).toMatchObject({ code: 0, stdout: 'Revoked 1 session.\n' });
    expect((await readState()).emails).toEqual(['ann@acme-corp.com', 'dan@globex.com']);

    expect(await beacon('revoke', acme, '--all')).toMatchObject({ code: 0, stdout: 'Revoked 1 session.\n' });
    // Another customer's sessions are untouched.
    expect(await readState()).toEqual({ emails: ['dan@globex.com'], revokedBy: ['cli', 'cli', 'cli'] });
  });

  it('exits 1 with a clear message for an unknown customer page', async () => {
    await seed();
    const results = await Promise.all([beacon('list', 'no-such-page'), beacon('revoke', 'no-such-page', '--all')]);
    for (const result of results) {
      expect(result.code).toBe(1);
      expect(result.stderr).toBe('beacon sessions: Customer page "no-such-page" does not exist\n');
      expect(result.stdout).toBe('');
    }
  });

  it('exits 2 with usage when revoke is given no option', async () => {
    const result = await beacon('revoke', 'p');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('give one of --all, --email <address> or --domain <domain>');
    expect(result.stderr).toContain('Usage: beacon sessions list <customer-page-id> [--json]');
    expect(result.stdout).toBe('');
  });
});

describe('beacon sessions usage (in-process)', () => {
  it.each([
    [['revoke', 'p', '--all', '--email', 'a@acme-corp.com'], '--all, --email and --domain exclude each other'],
    [['revoke', 'p', '--email', 'a@acme-corp.com', '--domain', 'acme-corp.com'], '--all, --email and --domain exclude each other'],
    [['revoke', 'p', '--all', '--json'], '--json applies to list only'],
    [['list', 'p', '--all'], '--all, --email and --domain apply to revoke only'],
    [['list'], 'missing customer page id'],
    [['drop', 'p'], 'unknown action "drop"'],
    [['list', 'p', 'x'], 'unexpected argument "x"'],
  ])('exits 2 with usage for %j', async (args, message) => {
    const output = { out: '', err: '' };
    const io: CliIo = { env: {}, out: (text) => void (output.out += text), err: (text) => void (output.err += text) };
    expect(await runCli(['sessions', ...args], io)).toBe(2);
    expect(output.err).toContain(message);
    expect(output.err).toContain('beacon sessions revoke <customer-page-id> (--all | --email <address> | --domain <domain>)');
    expect(output.out).toBe('');
  });
});
