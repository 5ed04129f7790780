import { expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import {
  PAGE_A,
  TEST_SECRET,
  auditActions,
  buildPage,
  buildSignInTestDeps,
  dumpAllTables,
  nextIp,
  readQueuedMails,
  requestLinkFor,
} from '../../../test/helpers/sign-in-fixtures.js';
import { BeaconError } from '../../domain/errors.js';
import { hashSecret } from '../secrets.js';
import { createSignInDeps } from './sign-in-deps.js';
import { SIGN_IN_LIMITS } from './sign-in-limits.js';
import { requestSignInLink } from './sign-in-request.js';
import { TEST_CACHES } from '../../../test/helpers/test-config.js';
import { createSessionCache } from '../sessions/session-cache.js';
import { createOutboxDoorbell } from '../outbox/outbox-doorbell.js';

describeEachEngine('services/sign-in-request', (database) => {
  const tokens = () => database().db.selectFrom('sign_in_tokens').selectAll().execute();
  const outbox = () => database().db.selectFrom('outbox').selectAll().execute();

  it('REQ-1/RED-3: every well-formed address gets the same result: a fresh 128-bit pending cookie and its lifetime', async () => {
    const { deps } = buildSignInTestDeps(database());
    const ask = (rawEmail: string, clientIp = nextIp()) =>
      requestSignInLink(deps, { customerPageId: PAGE_A.id, rawEmail, clientIp, nextPath: null });
    const results = [
      await ask('alice@example.com'), // allowlisted, queued
      await ask('alice@example.com'), // same mailbox within a minute: rate limited, silently
      await ask('mallory@evil.test'), // not allowlisted
      await ask('bob@evilexample.com'), // look-alike, not allowlisted
    ];
    for (const result of results) {
      expect(Object.keys(result).sort()).toEqual(['pendingCookieMaxAgeSeconds', 'pendingCookieValue']);
      expect(result.pendingCookieValue).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(result.pendingCookieMaxAgeSeconds).toBe(15 * 60);
    }
    expect(new Set(results.map((r) => r.pendingCookieValue)).size).toBe(results.length);
    expect(await outbox()).toHaveLength(1);
  });

  it('REQ-1/DOM-2/REQ-8: only a malformed address is told apart, as a validation error', async () => {
    const { deps } = buildSignInTestDeps(database());
    for (const rawEmail of [
      '"attacker@evil.com"@example.com',
      'alice@example.com,bob@evil.com',
      'Alice <alice@example.com>',
      `${'a'.repeat(250)}@example.com`,
    ]) {
      const attempt = requestSignInLink(deps, { customerPageId: PAGE_A.id, rawEmail, clientIp: nextIp(), nextPath: null });
      await expect(attempt).rejects.toBeInstanceOf(BeaconError);
      await expect(attempt).rejects.toMatchObject({ code: 'validation', issues: [{ path: 'email' }] });
    }
    expect(await tokens()).toEqual([]);
    expect(await outbox()).toEqual([]);
  });

  it('REQ-3: no link and no mail for an address whose domain is not on the page allowlist', async () => {
    const { deps } = buildSignInTestDeps(database());
    for (const rawEmail of ['a@evilexample.com', 'a@example.com.evil.test', 'a@corp.example', 'a@sub.example.com']) {
      await requestSignInLink(deps, { customerPageId: PAGE_A.id, rawEmail, clientIp: nextIp(), nextPath: null });
    }
    expect(await tokens()).toEqual([]);
    expect(await outbox()).toEqual([]);
    // Wildcard entries admit subdomains (DOM-5), and the +tag does not matter (DOM-6).
    await requestLinkFor(deps, 'a+news@eu.corp.example');
    expect((await readQueuedMails(deps)).map((mail) => mail.to)).toEqual(['a+news@eu.corp.example']);
  });

  it('REQ-2: asking queues the mail in the outbox and sends nothing itself', async () => {
    const { deps } = buildSignInTestDeps(database());
    await requestSignInLink(deps, {
      customerPageId: PAGE_A.id,
      rawEmail: 'Alice@Example.COM',
      clientIp: nextIp(),
      nextPath: '/c/x/incidents',
    });
    const [row] = await outbox();
    expect(row).toMatchObject({ kind: 'sign_in_link', attempts: 0, sent_at: null, claimed_by: null });
    expect(JSON.parse(row!.payload)).toMatchObject({ to: 'alice@example.com', customerPageId: PAGE_A.id });
  });

  it('REQ-2: rings the outbox doorbell after every request, mail queued or not, and is heard later, once the row is committed', async () => {
    const { deps } = buildSignInTestDeps(database());
    const outboxDoorbell = createOutboxDoorbell();
    const queuedAtRing: number[] = [];
    outboxDoorbell.answer(() => void outbox().then((rows) => queuedAtRing.push(rows.length)));
    const ask = (rawEmail: string) =>
      requestSignInLink({ ...deps, outbox: outboxDoorbell }, { customerPageId: PAGE_A.id, rawEmail, clientIp: nextIp(), nextPath: null });
    await ask('mallory@evil.test'); // not allowlisted: rung all the same
    expect(queuedAtRing).toEqual([]); // never heard inside the request that rang
    await vi.waitFor(() => expect(queuedAtRing).toEqual([0]), { timeout: 10_000 });
    await ask('alice@example.com'); // queued
    await vi.waitFor(() => expect(queuedAtRing).toEqual([0, 1]), { timeout: 10_000 });
    expect(await outbox()).toHaveLength(1);
  });

  it('TOK-2/TOK-8/RED-3: the link row holds only HMACs, and the raw token and code appear in no table', async () => {
    const { deps } = buildSignInTestDeps(database());
    const { token, code, pendingCookieValue } = await requestLinkFor(deps, 'alice@example.com', PAGE_A.id, '/c/page-a-token/history');
    const [row] = await tokens();
    expect(row).toMatchObject({
      customer_page_id: PAGE_A.id,
      email: 'alice@example.com',
      code_attempts: 0,
      next_path: '/c/page-a-token/history',
    });
    expect(row!.token_hash).toBe(hashSecret(TEST_SECRET, 'sign-in-token', token));
    expect(row!.pending_hash).toBe(hashSecret(TEST_SECRET, 'pending-cookie', pendingCookieValue));
    expect(row!.code_hash).toMatch(/^[0-9a-f]{64}$/);
    const dump = await dumpAllTables(database());
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(code);
    expect(dump).not.toContain(pendingCookieValue);
  });

  it('TOK-4: a link expires 15 minutes after it is asked for by default, or as configured (5–60)', async () => {
    const { deps, ctx } = buildSignInTestDeps(database());
    await requestLinkFor(deps, 'alice@example.com');
    const [row] = await tokens();
    expect(new Date(row!.expires_at).getTime() - new Date(row!.created_at).getTime()).toBe(15 * 60_000);

    const thirty = createSignInDeps(ctx, {
      secret: TEST_SECRET,
      directory: deps.directory,
      settings: { tokenTtlMinutes: 30 },
      sessionCache: createSessionCache(TEST_CACHES.sessionCache),
    });
    const { pendingCookieMaxAgeSeconds } = await requestSignInLink(thirty, {
      customerPageId: PAGE_A.id,
      rawEmail: 'bob@example.com',
      clientIp: nextIp(),
      nextPath: null,
    });
    expect(pendingCookieMaxAgeSeconds).toBe(30 * 60);
    const bob = (await tokens()).find((t) => t.email === 'bob@example.com');
    expect(new Date(bob!.expires_at).getTime() - new Date(bob!.created_at).getTime()).toBe(30 * 60_000);

    for (const tokenTtlMinutes of [4, 61, 7.5]) {
      expect(() =>
        createSignInDeps(ctx, {
          secret: TEST_SECRET,
          directory: deps.directory,
          settings: { tokenTtlMinutes },
          sessionCache: createSessionCache(TEST_CACHES.sessionCache),
        }),
      ).toThrow(/tokenTtlMinutes/);
    }
  });

  it('TOK-6: a new request voids the older unused links for the same page and address only', async () => {
    const { deps, advance } = buildSignInTestDeps(database());
    const first = await requestLinkFor(deps, 'alice@example.com');
    const otherPage = await requestLinkFor(deps, 'alice@example.com', 'page-b');
    advance(61_000);
    await requestLinkFor(deps, 'alice@example.com');
    const rows = await tokens();
    const byLink = (linkId: string) => rows.find((row) => row.id === linkId);
    expect(byLink(first.linkId)?.voided_at).not.toBeNull();
    expect(byLink(otherPage.linkId)?.voided_at).toBeNull();
    expect(rows.filter((row) => row.voided_at === null)).toHaveLength(2);
  });

  it('REQ-4: one mail per mailbox and page a minute and five an hour, +tags counted together, silently', async () => {
    const { deps, advance } = buildSignInTestDeps(database());
    const ask = (rawEmail: string) => requestSignInLink(deps, { customerPageId: PAGE_A.id, rawEmail, clientIp: nextIp(), nextPath: null });
    await ask('alice@example.com');
    await ask('alice+again@example.com');
    expect(await outbox()).toHaveLength(1);
    for (let minute = 1; minute <= 6; minute++) {
      advance(60_000);
      await ask('alice@example.com');
    }
    // T0 plus minutes 1–6 all fall in one clock hour: five mails, the sixth and seventh refused.
    expect(await outbox()).toHaveLength(SIGN_IN_LIMITS.mailboxPerHour);
    // Another page keeps its own count.
    await requestSignInLink(deps, { customerPageId: 'page-b', rawEmail: 'alice@example.com', clientIp: nextIp(), nextPath: null });
    expect(await outbox()).toHaveLength(SIGN_IN_LIMITS.mailboxPerHour + 1);
  });

  it('REQ-4: the mailbox limits slide: a minute or hour boundary lets no extra mail through', async () => {
    const { deps, setNow, advance } = buildSignInTestDeps(database());
    const ask = (rawEmail: string) => requestSignInLink(deps, { customerPageId: PAGE_A.id, rawEmail, clientIp: nextIp(), nextPath: null });
    const mailsTo = async (address: string) => (await readQueuedMails(deps)).filter((mail) => mail.to === address).length;
    // Two requests 2 s apart across a minute boundary: one mail.
    setNow(new Date('2025-03-01T12:00:59.000Z'));
    await ask('alice@example.com');
    advance(2_000);
    await ask('alice@example.com');
    expect(await mailsTo('alice@example.com')).toBe(1);
    // Ten requests a minute apart across an hour boundary: five mails.
    setNow(new Date('2025-03-01T13:55:30.000Z'));
    for (let i = 0; i < 10; i++) {
      await ask('bob@example.com');
      advance(60_000);
    }
    expect(await mailsTo('bob@example.com')).toBe(SIGN_IN_LIMITS.mailboxPerHour);
  });

  it('REQ-4: a domain gets at most its hourly share of mails per page, silently', async () => {
    const { deps } = buildSignInTestDeps(database());
    for (let i = 0; i < SIGN_IN_LIMITS.domainPerHour + 3; i++) {
      await requestSignInLink(deps, { customerPageId: PAGE_A.id, rawEmail: `user${i}@example.com`, clientIp: nextIp(), nextPath: null });
    }
    expect(await outbox()).toHaveLength(SIGN_IN_LIMITS.domainPerHour);
  });

  it('REQ-4: past its hourly limit a client IP gets 429, whatever the address', async () => {
    const { deps } = buildSignInTestDeps(database());
    const ask = (rawEmail: string) =>
      requestSignInLink(deps, { customerPageId: PAGE_A.id, rawEmail, clientIp: '203.0.113.7', nextPath: null });
    for (let i = 0; i < SIGN_IN_LIMITS.clientIpPerHour; i++) await ask(`u${i}@${i % 2 ? 'example.com' : 'nowhere.test'}`);
    await expect(ask('fresh@example.com')).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(ask('fresh@nowhere.test')).rejects.toMatchObject({ code: 'rate_limited' });
    // The refused requests queued nothing.
    expect((await readQueuedMails(deps)).map((m) => m.to)).not.toContain('fresh@example.com');
  });

  it('LOG-1/LOG-2: every request is audited (allowlisted or not, rate limited or not) without any secret', async () => {
    const { deps } = buildSignInTestDeps(database());
    const ask = (rawEmail: string) =>
      requestSignInLink(deps, { customerPageId: PAGE_A.id, rawEmail, clientIp: '192.0.2.1', nextPath: null });
    const { pendingCookieValue } = await ask('alice@example.com');
    await ask('alice@example.com');
    await ask('eve@evil.test');
    const events = (await auditActions(database())).filter((event) => event.action === 'sign_in.link_requested');
    expect(
      events.map((event) => [event.subjectId, event.details.allowlisted, event.details.rateLimited, event.details.queued]).sort(),
    ).toEqual(
      [
        ['alice@example.com', true, null, true],
        ['alice@example.com', true, 'mailbox_minute', false],
        ['eve@evil.test', false, null, false],
      ].sort(),
    );
    expect(events.every((event) => event.pageId === PAGE_A.id && event.details.clientIp === '192.0.2.1')).toBe(true);
    const [mail] = await readQueuedMails(deps);
    const { token, code } = mail!;
    const audit = JSON.stringify(await auditActions(database()));
    for (const secret of [token, code, pendingCookieValue]) expect(audit).not.toContain(secret);
  });

  it('refuses an unknown page and ignores a next path that is not a path', async () => {
    const { deps, directory } = buildSignInTestDeps(database());
    await expect(
      requestSignInLink(deps, { customerPageId: 'nope', rawEmail: 'a@example.com', clientIp: nextIp(), nextPath: null }),
    ).rejects.toMatchObject({ code: 'not_found' });
    directory.set(buildPage('page-c', ['example.com']));
    for (const [i, nextPath] of ['https://evil.test/', '//evil.test/x', '/\\evil.test'].entries()) {
      await requestSignInLink(deps, { customerPageId: 'page-c', rawEmail: `a${i}@example.com`, clientIp: nextIp(), nextPath });
    }
    expect((await tokens()).map((row) => row.next_path)).toEqual([null, null, null]);
  });
});
