import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import {
  PAGE_A,
  auditActions,
  buildPage,
  buildSignInTestDeps,
  dumpAllTables,
  requestLinkFor,
} from '../../../test/helpers/sign-in-fixtures.js';
import { randomToken } from '../secrets.js';
import { checkSession } from '../sessions/sessions.js';
import { MAX_CODE_ATTEMPTS, inspectSignInLink, redeemSignInLink } from './sign-in-redeem.js';

describeEachEngine('services/sign-in-redeem', (database) => {
  const sessions = () => database().db.selectFrom('sessions').selectAll().execute();
  const linkRow = async (linkId: string) =>
    database().db.selectFrom('sign_in_tokens').selectAll().where('id', '=', linkId).executeTakeFirstOrThrow();
  const otherBrowser = () => randomToken(16);
  const reasons = async () =>
    (await auditActions(database())).filter((event) => event.action === 'sign_in.redeem_failed').map((event) => event.details.reason);

  it('RED-1/RED-2: inspecting a link, however often, spends nothing and creates no session', async () => {
    const { deps } = buildSignInTestDeps(database());
    const link = await requestLinkFor(deps, 'alice@example.com');
    const before = await linkRow(link.linkId);
    for (let i = 0; i < 5; i++) {
      expect(
        await inspectSignInLink(deps, { customerPageId: PAGE_A.id, token: link.token, pendingCookieValue: link.pendingCookieValue }),
      ).toEqual({ kind: 'same_browser' });
      expect(await inspectSignInLink(deps, { customerPageId: PAGE_A.id, token: link.token, pendingCookieValue: null })).toEqual({
        kind: 'needs_code',
      });
    }
    expect(await linkRow(link.linkId)).toEqual(before);
    expect(await sessions()).toEqual([]);
    // LOG-1: each opening is recorded.
    expect((await auditActions(database())).filter((e) => e.action === 'sign_in.link_opened')).toHaveLength(10);
  });

  it('RED-4/SES-3: in the browser that asked, the link signs in without a code, with a new session', async () => {
    const { deps } = buildSignInTestDeps(database());
    const link = await requestLinkFor(deps, 'Alice+Status@Example.com', PAGE_A.id, '/c/page-a-token/history');
    const result = await redeemSignInLink(deps, {
      customerPageId: PAGE_A.id,
      token: link.token,
      pendingCookieValue: link.pendingCookieValue,
    });
    expect(result).toMatchObject({ ok: true, customerPageId: PAGE_A.id, nextPath: '/c/page-a-token/history' });
    if (!result.ok) throw new Error('unreachable');
    expect(result.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.sessionToken).not.toBe(link.token);
    expect(await checkSession(deps, { sessionToken: result.sessionToken, customerPageId: PAGE_A.id })).toEqual({
      email: 'alice+status@example.com',
      domain: 'example.com',
    });
    expect((await linkRow(link.linkId)).used_at).not.toBeNull();
  });

  it('RED-5/REQ-6: in another browser the link alone gives no session; the mailed code does', async () => {
    const { deps } = buildSignInTestDeps(database());
    const link = await requestLinkFor(deps, 'alice@example.com');
    for (const pendingCookieValue of [null, undefined, '', otherBrowser(), 'not-a-cookie']) {
      expect(await redeemSignInLink(deps, { customerPageId: PAGE_A.id, token: link.token, pendingCookieValue })).toEqual({ ok: false });
    }
    expect(await sessions()).toEqual([]);
    const withCode = await redeemSignInLink(deps, {
      customerPageId: PAGE_A.id,
      token: link.token,
      pendingCookieValue: otherBrowser(),
      code: `${link.code.slice(0, 4)} ${link.code.slice(4)}`,
    });
    expect(withCode).toMatchObject({ ok: true });
    expect(await sessions()).toHaveLength(1);
  });

  it('TOK-8: five code attempts at most, counted before comparing; then even the right code fails', async () => {
    const { deps } = buildSignInTestDeps(database());
    const link = await requestLinkFor(deps, 'alice@example.com');
    const wrong = link.code === '00000000' ? '11111111' : '00000000';
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) {
      // Each wrong code but the last says how many attempts are left; the last one ends the link.
      const attemptsLeft = MAX_CODE_ATTEMPTS - i - 1;
      const expected = attemptsLeft > 0 ? { ok: false, wrongCode: { attemptsLeft } } : { ok: false };
      expect(
        await redeemSignInLink(deps, {
          customerPageId: PAGE_A.id,
          token: link.token,
          pendingCookieValue: null,
          code: i === 0 ? 'abc' : wrong,
        }),
      ).toEqual(expected);
      expect((await linkRow(link.linkId)).code_attempts).toBe(i + 1);
    }
    expect(
      await redeemSignInLink(deps, { customerPageId: PAGE_A.id, token: link.token, pendingCookieValue: null, code: link.code }),
    ).toEqual({ ok: false });
    expect(await inspectSignInLink(deps, { customerPageId: PAGE_A.id, token: link.token, pendingCookieValue: null })).toEqual({
      kind: 'invalid',
    });
    expect((await linkRow(link.linkId)).voided_at).not.toBeNull();
    expect(await sessions()).toEqual([]);
    const failures = (await auditActions(database())).filter((e) => e.action === 'sign_in.code_failed');
    expect(failures.map((e) => e.details.attempt).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('TOK-8/LOG-2: a failed code attempt is audited without the digits typed', async () => {
    const { deps } = buildSignInTestDeps(database());
    const link = await requestLinkFor(deps, 'alice@example.com');
    // Wrong codes as people type them: bare, spaced, dashed, one digit short (malformed).
    const typed = ['73920461', '5820 1937', '6104-8825', '3917264'].filter((code) => code.replace(/\D/g, '') !== link.code);
    for (const code of typed)
      expect(await redeemSignInLink(deps, { customerPageId: PAGE_A.id, token: link.token, pendingCookieValue: null, code })).toMatchObject({
        ok: false,
      });
    const failures = (await auditActions(database())).filter((e) => e.action === 'sign_in.code_failed');
    expect(failures).toHaveLength(typed.length);
    const details = JSON.stringify(failures.map((e) => e.details));
    for (const code of typed) {
      expect(details).not.toContain(code);
      expect(details).not.toContain(code.replace(/\D/g, ''));
    }
  });

  it('TOK-8: the right code still works on the fifth attempt', async () => {
    const { deps } = buildSignInTestDeps(database());
    const link = await requestLinkFor(deps, 'alice@example.com');
    const wrong = link.code === '00000000' ? '11111111' : '00000000';
    for (let i = 0; i < MAX_CODE_ATTEMPTS - 1; i++)
      await redeemSignInLink(deps, { customerPageId: PAGE_A.id, token: link.token, pendingCookieValue: null, code: wrong });
    expect(
      await redeemSignInLink(deps, { customerPageId: PAGE_A.id, token: link.token, pendingCookieValue: null, code: link.code }),
    ).toMatchObject({ ok: true });
  });

  it('TOK-8: parallel guesses cannot exceed five attempts', async () => {
    const { deps } = buildSignInTestDeps(database());
    const link = await requestLinkFor(deps, 'alice@example.com');
    const guesses = Array.from({ length: 20 }, (_, i) => String(i).padStart(8, '0')).filter((code) => code !== link.code);
    await Promise.all(
      guesses.map((code) => redeemSignInLink(deps, { customerPageId: PAGE_A.id, token: link.token, pendingCookieValue: null, code })),
    );
    expect((await linkRow(link.linkId)).code_attempts).toBe(MAX_CODE_ATTEMPTS);
    expect((await auditActions(database())).filter((e) => e.action === 'sign_in.code_failed')).toHaveLength(MAX_CODE_ATTEMPTS);
  });

  it('TOK-3: a link for page A is refused on page B, and stays usable on A', async () => {
    const { deps } = buildSignInTestDeps(database());
    const link = await requestLinkFor(deps, 'alice@example.com');
    expect(
      await inspectSignInLink(deps, { customerPageId: 'page-b', token: link.token, pendingCookieValue: link.pendingCookieValue }),
    ).toEqual({ kind: 'invalid' });
    expect(
      await redeemSignInLink(deps, {
        customerPageId: 'page-b',
        token: link.token,
        pendingCookieValue: link.pendingCookieValue,
        code: link.code,
      }),
    ).toEqual({ ok: false });
    expect(await reasons()).toEqual(['wrong_page']);
    expect(
      await redeemSignInLink(deps, { customerPageId: PAGE_A.id, token: link.token, pendingCookieValue: link.pendingCookieValue }),
    ).toMatchObject({ ok: true });
  });

  it('TOK-4: a link is refused once its 15 minutes are up', async () => {
    const { deps, advance } = buildSignInTestDeps(database());
    const link = await requestLinkFor(deps, 'alice@example.com');
    advance(15 * 60_000 - 1);
    expect(
      await inspectSignInLink(deps, { customerPageId: PAGE_A.id, token: link.token, pendingCookieValue: link.pendingCookieValue }),
    ).toEqual({ kind: 'same_browser' });
    advance(1);
    expect(
      await redeemSignInLink(deps, { customerPageId: PAGE_A.id, token: link.token, pendingCookieValue: link.pendingCookieValue }),
    ).toEqual({ ok: false });
    expect(await reasons()).toEqual(['expired']);
  });

  it('TOK-5/RED-9: a link works once, with no reuse window', async () => {
    const { deps } = buildSignInTestDeps(database());
    const link = await requestLinkFor(deps, 'alice@example.com');
    const input = { customerPageId: PAGE_A.id, token: link.token, pendingCookieValue: link.pendingCookieValue };
    expect(await redeemSignInLink(deps, input)).toMatchObject({ ok: true });
    expect(await redeemSignInLink(deps, input)).toEqual({ ok: false });
    expect(await redeemSignInLink(deps, { ...input, pendingCookieValue: null, code: link.code })).toEqual({ ok: false });
    expect(await sessions()).toHaveLength(1);
  });

  it('TOK-5: twenty parallel redemptions of one token create exactly one session', async () => {
    const { deps } = buildSignInTestDeps(database());
    const link = await requestLinkFor(deps, 'alice@example.com');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        redeemSignInLink(deps, {
          customerPageId: PAGE_A.id,
          token: link.token,
          // Half in the asking browser, half elsewhere with the code.
          pendingCookieValue: i % 2 ? link.pendingCookieValue : otherBrowser(),
          code: link.code,
        }),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await sessions()).toHaveLength(1);
    expect((await auditActions(database())).filter((e) => e.action === 'session.created')).toHaveLength(1);
  });

  it('TOK-6: a link voided by a newer request is refused; the newer one works', async () => {
    const { deps, advance } = buildSignInTestDeps(database());
    const older = await requestLinkFor(deps, 'alice@example.com');
    advance(61_000);
    const newer = await requestLinkFor(deps, 'alice@example.com');
    expect(
      await redeemSignInLink(deps, { customerPageId: PAGE_A.id, token: older.token, pendingCookieValue: older.pendingCookieValue }),
    ).toEqual({ ok: false });
    expect(await reasons()).toEqual(['voided']);
    expect(
      await redeemSignInLink(deps, { customerPageId: PAGE_A.id, token: newer.token, pendingCookieValue: newer.pendingCookieValue }),
    ).toMatchObject({ ok: true });
  });

  it('TOK-7: a domain removed from the allowlist after the mail was sent gets no session', async () => {
    const { deps, directory } = buildSignInTestDeps(database());
    const link = await requestLinkFor(deps, 'alice@example.com');
    directory.set(buildPage(PAGE_A.id, ['other.test']));
    expect(
      await inspectSignInLink(deps, { customerPageId: PAGE_A.id, token: link.token, pendingCookieValue: link.pendingCookieValue }),
    ).toEqual({ kind: 'invalid' });
    expect(
      await redeemSignInLink(deps, { customerPageId: PAGE_A.id, token: link.token, pendingCookieValue: link.pendingCookieValue }),
    ).toEqual({ ok: false });
    directory.remove(PAGE_A.id);
    expect(
      await redeemSignInLink(deps, { customerPageId: PAGE_A.id, token: link.token, pendingCookieValue: link.pendingCookieValue }),
    ).toEqual({ ok: false });
    expect((await reasons()).sort()).toEqual(['not_allowlisted', 'page_removed']);
    expect(await sessions()).toEqual([]);
  });

  it('RED-8: unknown, used, expired, wrong-page and wrong-browser tokens all give the same answer; the audit log has the reason', async () => {
    const { deps, advance } = buildSignInTestDeps(database());
    const used = await requestLinkFor(deps, 'used@example.com');
    await redeemSignInLink(deps, { customerPageId: PAGE_A.id, token: used.token, pendingCookieValue: used.pendingCookieValue });
    const wrongPage = await requestLinkFor(deps, 'page@example.com');
    const wrongBrowser = await requestLinkFor(deps, 'browser@example.com');
    const expired = await requestLinkFor(deps, 'late@example.com');
    advance(16 * 60_000);
    const stillLive = await requestLinkFor(deps, 'browser2@example.com');
    const answers = [
      await redeemSignInLink(deps, { customerPageId: PAGE_A.id, token: randomToken(32), pendingCookieValue: null }),
      await redeemSignInLink(deps, { customerPageId: PAGE_A.id, token: 'garbage', pendingCookieValue: null }),
      await redeemSignInLink(deps, { customerPageId: PAGE_A.id, token: used.token, pendingCookieValue: used.pendingCookieValue }),
      await redeemSignInLink(deps, { customerPageId: PAGE_A.id, token: expired.token, pendingCookieValue: expired.pendingCookieValue }),
      await redeemSignInLink(deps, { customerPageId: 'page-b', token: wrongPage.token, pendingCookieValue: wrongPage.pendingCookieValue }),
      await redeemSignInLink(deps, {
        customerPageId: PAGE_A.id,
        token: stillLive.token,
        pendingCookieValue: wrongBrowser.pendingCookieValue,
      }),
    ];
    for (const answer of answers) expect(answer).toStrictEqual({ ok: false });
    expect((await reasons()).sort()).toEqual(['code_required', 'expired', 'unknown', 'unknown', 'used', 'wrong_page'].sort());
    const inspected = await Promise.all(
      [randomToken(32), used.token, expired.token].map((token) =>
        inspectSignInLink(deps, { customerPageId: PAGE_A.id, token, pendingCookieValue: null }),
      ),
    );
    for (const answer of inspected) expect(answer).toStrictEqual({ kind: 'invalid' });
  });

  it('LOG-1/LOG-2: redemption outcomes and sessions are audited, without token, code or session id', async () => {
    const { deps } = buildSignInTestDeps(database());
    const link = await requestLinkFor(deps, 'alice@example.com');
    await redeemSignInLink(deps, {
      customerPageId: PAGE_A.id,
      token: link.token,
      pendingCookieValue: null,
      code: '12345678' === link.code ? '87654321' : '12345678',
    });
    const result = await redeemSignInLink(deps, {
      customerPageId: PAGE_A.id,
      token: link.token,
      pendingCookieValue: null,
      code: link.code,
    });
    if (!result.ok) throw new Error('sign-in failed');
    const events = await auditActions(database());
    const [row] = await sessions();
    expect(events.find((e) => e.action === 'sign_in.redeemed')).toMatchObject({
      subjectId: link.linkId,
      details: { via: 'code', email: 'alice@example.com' },
    });
    expect(events.find((e) => e.action === 'session.created')).toMatchObject({
      subjectId: row!.id,
      pageId: PAGE_A.id,
      details: { email: 'alice@example.com', via: 'code' },
    });
    expect(events.find((e) => e.action === 'sign_in.code_failed')).toMatchObject({ subjectId: link.linkId, details: { attempt: 1 } });
    const audit = JSON.stringify(events);
    for (const secret of [link.token, link.code, result.sessionToken, link.pendingCookieValue]) expect(audit).not.toContain(secret);
    // SES-1: the session id is stored only as its HMAC.
    expect(await dumpAllTables(database())).not.toContain(result.sessionToken);
  });
});
