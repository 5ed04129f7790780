import { expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import {
  PAGE_A,
  PAGE_B,
  auditActions,
  buildOtherProcess,
  buildPage,
  buildSignInTestDeps,
  signInAs,
} from '../../../test/helpers/sign-in-fixtures.js';
import { openDatabase } from '../../store/database.js';
import { startRevisionListener } from '../../store/revisions/revision-listener.js';
import { randomToken } from '../secrets.js';
import {
  NEEDS_DATABASE,
  SESSION_TOUCH_INTERVAL_MS,
  checkSession,
  checkSessionInMemory,
  listSessions,
  revokeSessions,
  signOut,
} from './sessions.js';
import type { SignInDeps } from '../sign-in/sign-in-deps.js';
import { TEST_DATABASE_SETTINGS } from '../../../test/helpers/test-config.js';

const DAY = 86_400_000;

/** The same deps with a database that fails on any use: proves a check was answered from memory. */
const withoutDatabase = (deps: SignInDeps): SignInDeps => ({
  ...deps,
  database: {
    ...deps.database,
    db: new Proxy({} as SignInDeps['database']['db'], {
      get() {
        throw new Error('the database was used');
      },
    }),
  },
});

describeEachEngine('services/sessions', (database, engine) => {
  const rows = () => database().db.selectFrom('sessions').selectAll().execute();
  const check = (deps: SignInDeps, sessionToken: string, customerPageId = PAGE_A.id) =>
    checkSession(deps, { sessionToken, customerPageId });

  it('SES-4: a valid session on its own page identifies the viewer; on any other page, or forged, it is nothing', async () => {
    const { deps } = buildSignInTestDeps(database());
    const token = await signInAs(deps, 'alice@example.com');
    expect(await check(deps, token)).toEqual({ email: 'alice@example.com', domain: 'example.com' });
    expect(await check(deps, token, 'page-b')).toBeNull();
    expect(await check(deps, randomToken(32))).toBeNull();
    expect(await check(deps, `${token}x`)).toBeNull();
    expect(await check(deps, '')).toBeNull();
  });

  it('SES-4 (no database round-trip): once seen, a session is checked without a database round-trip', async () => {
    const { deps } = buildSignInTestDeps(database());
    const token = await signInAs(deps, 'alice@example.com');
    expect(await check(deps, token)).not.toBeNull();
    const offline = withoutDatabase(deps);
    for (let i = 0; i < 100; i++) expect(await check(offline, token)).toEqual({ email: 'alice@example.com', domain: 'example.com' });
  });

  it('SES-4 (no database round-trip): the in-memory check accepts only what checkSession would, and defers the rest to it', async () => {
    const { deps, directory, advance } = buildSignInTestDeps(database());
    const quick = (token: string, customerPageId = PAGE_A.id) =>
      checkSessionInMemory(withoutDatabase(deps), { sessionToken: token, customerPageId });
    const alice = await signInAs(deps, 'alice@example.com');
    expect(quick(alice)).toBe(NEEDS_DATABASE); // never seen by this process: only the database knows it
    expect(await check(deps, alice)).not.toBeNull();
    expect(quick(alice)).toEqual({ email: 'alice@example.com', domain: 'example.com' });
    expect(quick(alice, 'page-b')).toBeNull();
    expect(quick('not a token')).toBeNull();
    // A new revision: the cached copy is no longer trusted.
    directory.setRevision(directory.revision + 1);
    expect(quick(alice)).toBe(NEEDS_DATABASE);
    expect(await check(deps, alice)).not.toBeNull();
    // Due its last-seen write: only checkSession may write it.
    advance(SESSION_TOUCH_INTERVAL_MS);
    expect(quick(alice)).toBe(NEEDS_DATABASE);
    expect(await check(deps, alice)).not.toBeNull();
    expect(quick(alice)).not.toBe(NEEDS_DATABASE);
    // Outside the allowlist: refused, but ending the session (a write) is checkSession's.
    directory.set(buildPage(PAGE_A.id, ['other.example']));
    expect(quick(alice)).toBe(NEEDS_DATABASE);
    expect(await check(deps, alice)).toBeNull();
    expect(await rows()).toEqual([]);
  });

  it('SES-4/SES-5 (no database round-trip): a remembered acceptance holds only for its page, revision and time, never past an expiry', async () => {
    // Sessions that end an hour after sign-in, so that the end falls between two last-seen writes.
    const { deps, directory, advance } = buildSignInTestDeps(database(), { settings: { sessionAbsoluteDays: 1 / 24 } });
    const quick = (token: string, customerPageId = PAGE_A.id) =>
      checkSessionInMemory(withoutDatabase(deps), { sessionToken: token, customerPageId });
    const alice = await signInAs(deps, 'alice@example.com');
    expect(await check(deps, alice)).not.toBeNull();
    expect(quick(alice)).toEqual({ email: 'alice@example.com', domain: 'example.com' });
    expect(quick(alice, PAGE_B.id)).toBeNull(); // an allowlisted domain there too, but not this session's page
    directory.setRevision(directory.revision + 1);
    expect(quick(alice)).toBe(NEEDS_DATABASE);
    // Last-seen writes at 7, 12, … 57 minutes: the last one is 3 minutes before the end, so the next
    // write would be due after it.
    const end = new Date((await rows())[0]!.absolute_expires_at).getTime();
    advance(7 * 60_000);
    expect(await check(deps, alice)).not.toBeNull();
    while (deps.clock().getTime() + SESSION_TOUCH_INTERVAL_MS < end) {
      advance(SESSION_TOUCH_INTERVAL_MS);
      expect(await check(deps, alice)).not.toBeNull();
    }
    advance(60_000);
    expect(await check(deps, alice)).not.toBeNull();
    expect(quick(alice)).not.toBeNull();
    // At the end, nothing remembered outlives it.
    advance(end - deps.clock().getTime());
    expect([null, NEEDS_DATABASE]).toContain(quick(alice));
    expect(await check(deps, alice)).toBeNull();
  });

  it('SES-4/SES-7 (no database round-trip): a sign-out or an allowlist change ends a remembered acceptance on the next check', async () => {
    const { deps, directory } = buildSignInTestDeps(database());
    const quick = (token: string) => checkSessionInMemory(withoutDatabase(deps), { sessionToken: token, customerPageId: PAGE_A.id });
    const alice = await signInAs(deps, 'alice@example.com');
    const bob = await signInAs(deps, 'bob@example.com');
    for (const token of [alice, bob]) expect(await check(deps, token)).not.toBeNull();
    await signOut(deps, { sessionToken: alice, customerPageId: PAGE_A.id });
    // Even before this process sees the sign-out's new revision, the eviction forgot the acceptance.
    expect(quick(alice)).toBe(NEEDS_DATABASE);
    expect(await check(deps, alice)).toBeNull();
    expect(quick(bob)).toEqual({ email: 'bob@example.com', domain: 'example.com' });
    directory.set(buildPage(PAGE_A.id, ['other.example']));
    expect(quick(bob)).toBe(NEEDS_DATABASE);
    expect(await check(deps, bob)).toBeNull();
  });

  it('SES-4: removing the domain from the allowlist ends the session on the next request, for good', async () => {
    const { deps, directory } = buildSignInTestDeps(database());
    const alice = await signInAs(deps, 'alice@example.com');
    const carol = await signInAs(deps, 'carol@eu.corp.example');
    await check(deps, alice);
    directory.set(buildPage(PAGE_A.id, ['*.corp.example']));
    expect(await check(deps, alice)).toBeNull();
    expect(await check(deps, carol)).not.toBeNull();
    // Putting the domain back does not revive the ended session.
    directory.set(PAGE_A);
    directory.setRevision(directory.revision + 1);
    expect(await check(deps, alice)).toBeNull();
    expect((await rows()).map((row) => row.email)).toEqual(['carol@eu.corp.example']);
    expect((await auditActions(database())).find((e) => e.action === 'session.revoked')).toMatchObject({
      details: { reason: 'domain_removed', email: 'alice@example.com' },
    });
  });

  it('SES-4: a removed page lets no one in', async () => {
    const { deps, directory } = buildSignInTestDeps(database());
    const token = await signInAs(deps, 'alice@example.com');
    directory.remove(PAGE_A.id);
    expect(await check(deps, token)).toBeNull();
  });

  it('SES-5: a session unused for 7 days ends', async () => {
    const { deps, advance } = buildSignInTestDeps(database());
    const token = await signInAs(deps, 'alice@example.com');
    advance(7 * DAY - 1000);
    expect(await check(deps, token)).not.toBeNull();
    advance(7 * DAY - 1000);
    expect(await check(deps, token)).not.toBeNull();
    advance(7 * DAY);
    expect(await check(deps, token)).toBeNull();
  });

  it('SES-5: a session ends 30 days after sign-in however busy, and the idle limit slides in the database', async () => {
    const process1 = buildSignInTestDeps(database());
    const { deps, advance } = process1;
    const token = await signInAs(deps, 'alice@example.com');
    advance(6 * DAY);
    expect(await check(deps, token)).not.toBeNull();
    const [row] = await rows();
    expect(new Date(row!.idle_expires_at).getTime() - new Date(row!.last_seen_at).getTime()).toBe(7 * DAY);
    for (let day = 12; day < 30; day += 6) {
      advance(6 * DAY);
      expect(await check(deps, token)).not.toBeNull();
    }
    // The idle expiry never passes the absolute one.
    const [late] = await rows();
    expect(late!.idle_expires_at).toBe(late!.absolute_expires_at);
    advance(6 * DAY); // day 30
    expect(await check(deps, token)).toBeNull();
    // Another process that never saw the session agrees.
    expect(await check(buildOtherProcess(database(), process1).deps, token)).toBeNull();
  });

  it('SES-5: the last-seen time is written at most once per touch interval, not per request', async () => {
    const { deps, advance, revisions } = buildSignInTestDeps(database());
    const token = await signInAs(deps, 'alice@example.com');
    const signedInAt = (await rows())[0]!.last_seen_at;
    for (let i = 0; i < 10; i++) {
      advance(SESSION_TOUCH_INTERVAL_MS / 10 - 1);
      await check(deps, token);
    }
    expect((await rows())[0]!.last_seen_at).toBe(signedInAt);
    advance(10);
    await check(deps, token);
    expect((await rows())[0]!.last_seen_at).not.toBe(signedInAt);
    // None of it made other processes reload their snapshot.
    expect(revisions).toEqual([]);
  });

  it('SES-7: signing out deletes the row and ends the session at once; a forged or foreign cookie changes nothing', async () => {
    const { deps, revisions } = buildSignInTestDeps(database());
    const token = await signInAs(deps, 'alice@example.com');
    await check(deps, token);
    await signOut(deps, { sessionToken: randomToken(32), customerPageId: PAGE_A.id });
    await signOut(deps, { sessionToken: token, customerPageId: 'page-b' });
    expect(revisions).toEqual([]);
    expect(await rows()).toHaveLength(1);
    await signOut(deps, { sessionToken: token, customerPageId: PAGE_A.id });
    expect(await rows()).toEqual([]);
    expect(await check(deps, token)).toBeNull();
    expect(revisions).toHaveLength(1);
    expect((await auditActions(database())).find((e) => e.action === 'session.revoked')).toMatchObject({ details: { reason: 'sign_out' } });
  });

  it('SES-7: staff revoke by address, by domain (wildcard for subdomains) or all, per page, audited', async () => {
    const { deps, advance } = buildSignInTestDeps(database());
    const alice = await signInAs(deps, 'alice@example.com');
    advance(60_000); // the same mailbox may ask once a minute
    const aliceTagged = await signInAs(deps, 'alice+x@example.com');
    const bob = await signInAs(deps, 'bob@example.com');
    const carol = await signInAs(deps, 'carol@eu.corp.example');
    const aliceOnB = await signInAs(deps, 'alice@example.com', 'page-b');
    for (const token of [alice, aliceTagged, bob, carol]) await check(deps, token);

    expect(await revokeSessions(deps, { customerPageId: PAGE_A.id, by: { email: 'Alice@EXAMPLE.com' } }, 'api-key:k1')).toEqual({
      revoked: 1,
    });
    expect(await check(deps, alice)).toBeNull();
    expect(await check(deps, aliceTagged)).not.toBeNull();
    expect(await revokeSessions(deps, { customerPageId: PAGE_A.id, by: { domain: '*.corp.example' } }, 'api-key:k1')).toEqual({
      revoked: 1,
    });
    expect(await check(deps, carol)).toBeNull();
    expect(await revokeSessions(deps, { customerPageId: PAGE_A.id, by: { domain: 'EXAMPLE.com' } }, 'api-key:k1')).toEqual({ revoked: 2 });
    expect(await check(deps, bob)).toBeNull();
    expect(await check(deps, aliceOnB, 'page-b')).not.toBeNull();
    expect(await revokeSessions(deps, { customerPageId: 'page-b', by: 'all' }, 'cli')).toEqual({ revoked: 1 });
    expect(await check(deps, aliceOnB, 'page-b')).toBeNull();

    const revoked = (await auditActions(database())).filter((e) => e.action === 'session.revoked');
    expect(revoked).toHaveLength(5);
    expect(revoked.every((e) => e.details.reason === 'staff')).toBe(true);
    await expect(revokeSessions(deps, { customerPageId: PAGE_A.id, by: { email: 'not an address' } }, 'cli')).rejects.toMatchObject({
      code: 'validation',
    });
    await expect(revokeSessions(deps, { customerPageId: PAGE_A.id, by: { domain: 'com' } }, 'cli')).rejects.toMatchObject({
      code: 'validation',
    });
  });

  it('SES-4: a revocation by one process ends the session in another once it sees the new revision', async () => {
    const a = buildSignInTestDeps(database());
    const b = buildOtherProcess(database(), a);
    const token = await signInAs(a.deps, 'alice@example.com');
    expect(await check(b.deps, token)).not.toBeNull();
    expect(await check(withoutDatabase(b.deps), token)).not.toBeNull();
    await revokeSessions(a.deps, { customerPageId: PAGE_A.id, by: 'all' }, 'cli');
    expect(await check(a.deps, token)).toBeNull();
    // B learns of the write (LISTEN/NOTIFY or the poll) and its snapshot moves on.
    b.directory.setRevision(a.revisions.at(-1)!);
    expect(await check(b.deps, token)).toBeNull();
  });

  if (engine === 'postgres') {
    it('SES-4/SES-7: on PostgreSQL another process stops accepting a revoked session once LISTEN/NOTIFY brings the revision', async () => {
      const a = buildSignInTestDeps(database());
      const otherDatabase = openDatabase(database().url, { ...TEST_DATABASE_SETTINGS, poolSize: 2 });
      const b = buildOtherProcess(otherDatabase, a);
      let connected!: () => void;
      const ready = new Promise<void>((resolve) => (connected = resolve));
      const seen: number[] = [];
      // B's snapshot follows the revisions announced by LISTEN/NOTIFY (as the snapshot holder does);
      // nothing polls here, so B moving on proves the notification arrived. How fast: bench/.
      const listener = startRevisionListener(otherDatabase, {
        onRevision: (revision) => {
          seen.push(revision);
          b.directory.setRevision(revision);
        },
        onConnectionChange: (event) => event.connected && connected(),
      });
      try {
        await ready;
        const token = await signInAs(a.deps, 'alice@example.com');
        expect(await check(b.deps, token)).not.toBeNull();
        await signOut(a.deps, { sessionToken: token, customerPageId: PAGE_A.id });
        const signedOutAt = a.revisions.at(-1)!;
        await vi.waitFor(() => expect(seen).toContain(signedOutAt), { timeout: 10_000, interval: 10 });
        expect(await check(b.deps, token)).toBeNull();
      } finally {
        await listener.close();
        await otherDatabase.close();
      }
    });
  }

  it('SES-8: staff see live sessions without any session id or hash', async () => {
    const { deps, advance } = buildSignInTestDeps(database());
    const token = await signInAs(deps, 'alice@example.com');
    advance(1000);
    await signInAs(deps, 'bob@example.com');
    const listed = await listSessions(deps, PAGE_A.id);
    expect(listed.map((s) => s.email)).toEqual(['bob@example.com', 'alice@example.com']);
    expect(Object.keys(listed[0]!).sort()).toEqual([
      'absoluteExpiresAt',
      'createdAt',
      'domain',
      'email',
      'id',
      'idleExpiresAt',
      'lastSeenAt',
    ]);
    const [row] = await rows();
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(JSON.stringify(listed)).not.toContain(row!.id_hash);
  });
});
