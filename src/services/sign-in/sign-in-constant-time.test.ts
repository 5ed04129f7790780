import { beforeEach, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { PAGE_A, TEST_SECRET, buildSignInTestDeps, requestLinkFor } from '../../../test/helpers/sign-in-fixtures.js';
import { safeEqual } from '../../domain/access/secret-compare.js';
import { hashSecret, hashSignInCode, randomToken } from '../secrets.js';
import { checkSession } from '../sessions/sessions.js';
import { redeemSignInLink } from './sign-in-redeem.js';

// Wraps the real comparison (crypto.timingSafeEqual, tested in secret-compare.test.ts) to see who calls it.
vi.mock('../../domain/access/secret-compare.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../domain/access/secret-compare.js')>();
  return { safeEqual: vi.fn(actual.safeEqual) };
});

describeEachEngine('TOK-9/SES-1: secrets are compared in constant time', (database) => {
  beforeEach(() => {
    vi.mocked(safeEqual).mockClear();
  });
  const calls = () => vi.mocked(safeEqual).mock.calls;

  it('TOK-9: the code, the pending cookie and the token hash go through safeEqual', async () => {
    const { deps } = buildSignInTestDeps(database());
    const link = await requestLinkFor(deps, 'alice@example.com');
    const row = await database().db.selectFrom('sign_in_tokens').selectAll().executeTakeFirstOrThrow();
    const tokenHash = hashSecret(TEST_SECRET, 'sign-in-token', link.token);
    const wrong = link.code === '00000000' ? '11111111' : '00000000';
    await redeemSignInLink(deps, { customerPageId: PAGE_A.id, token: link.token, pendingCookieValue: randomToken(16), code: wrong });
    expect(calls()).toContainEqual([hashSignInCode(TEST_SECRET, tokenHash, wrong), row.code_hash]);
    expect(calls()).toContainEqual([row.token_hash, tokenHash]);
    vi.mocked(safeEqual).mockClear();
    const result = await redeemSignInLink(deps, {
      customerPageId: PAGE_A.id,
      token: link.token,
      pendingCookieValue: link.pendingCookieValue,
    });
    expect(result.ok).toBe(true);
    expect(calls()).toContainEqual([hashSecret(TEST_SECRET, 'pending-cookie', link.pendingCookieValue), row.pending_hash]);
  });

  it('SES-1: a session is accepted only after its id hash went through safeEqual, at every new revision; repeats of that token reuse the acceptance', async () => {
    const { deps, directory } = buildSignInTestDeps(database());
    const link = await requestLinkFor(deps, 'alice@example.com');
    const result = await redeemSignInLink(deps, {
      customerPageId: PAGE_A.id,
      token: link.token,
      pendingCookieValue: link.pendingCookieValue,
    });
    if (!result.ok) throw new Error('sign-in failed');
    const idHash = hashSecret(TEST_SECRET, 'session', result.sessionToken);
    const check = (sessionToken: string) => checkSession(deps, { sessionToken, customerPageId: PAGE_A.id });
    for (let revision = 0; revision < 2; revision++) {
      vi.mocked(safeEqual).mockClear();
      expect(await check(result.sessionToken)).not.toBeNull();
      expect(calls()).toEqual([[idHash, idHash]]);
      // The acceptance is remembered for this exact token (see docs/customer-sessions.md), until the next revision.
      for (let i = 0; i < 3; i++) expect(await check(result.sessionToken)).not.toBeNull();
      expect(calls()).toHaveLength(1);
      directory.setRevision(directory.revision + 1);
    }
    // A token that differs in its last character is never taken for it.
    vi.mocked(safeEqual).mockClear();
    const forged = `${result.sessionToken.slice(0, -1)}${result.sessionToken.endsWith('A') ? 'B' : 'A'}`;
    expect(await check(forged)).toBeNull();
  });
});
