/**
 * TOK-5 and TOK-8 under a race made deterministic: every attempt here reads the link as it was
 * before any other attempt wrote (a stale read, as parallel requests in other transactions get), so
 * only the conditional updates stand between the attempts and a second session or a sixth guess.
 */
import { expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { auditActions, buildSignInTestDeps, requestLinkFor } from '../../../test/helpers/sign-in-fixtures.js';
import { type SignInTokenRecord, findSignInToken } from '../../store/access/sign-in-tokens.js';
import { hashSecret } from '../secrets.js';
import { MAX_CODE_ATTEMPTS, type RedeemResult, redeemSignInLink } from './sign-in-redeem.js';

const stale = vi.hoisted(() => ({ link: undefined as SignInTokenRecord | undefined }));
vi.mock('../../store/access/sign-in-tokens.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../store/access/sign-in-tokens.js')>();
  return {
    ...actual,
    findSignInToken: async (...args: Parameters<typeof actual.findSignInToken>) =>
      stale.link !== undefined && stale.link.tokenHash === args[1] ? stale.link : actual.findSignInToken(...args),
  };
});

describeEachEngine('services/sign-in-redeem under races', (database) => {
  /** A link as it was read before anyone used it; every later read returns this copy. */
  async function freezeLink(deps: ReturnType<typeof buildSignInTestDeps>['deps'], token: string): Promise<void> {
    stale.link = undefined;
    const link = await findSignInToken(deps.database.db, hashSecret(deps.secret, 'sign-in-token', token));
    if (!link) throw new Error('no such link');
    stale.link = link;
  }
  const sessionCount = async () =>
    Number(
      (
        await database()
          .db.selectFrom('sessions')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('TOK-5: a link read as unused by every attempt still gives exactly one session: the spending update decides', async () => {
    const { deps } = buildSignInTestDeps(database());
    const link = await requestLinkFor(deps, 'alice@example.com');
    await freezeLink(deps, link.token);
    const attempt = () =>
      redeemSignInLink(deps, { customerPageId: 'page-a', token: link.token, pendingCookieValue: link.pendingCookieValue });
    try {
      expect((await attempt()).ok).toBe(true);
      expect(await attempt()).toEqual({ ok: false });
      expect(await attempt()).toEqual({ ok: false });
    } finally {
      stale.link = undefined;
    }
    expect(await sessionCount()).toBe(1);
    const failed = (await auditActions(database())).filter((event) => event.action === 'sign_in.redeem_failed');
    expect(failed.map((event) => event.details.reason)).toEqual(['used', 'used']);
  });

  it('TOK-8: guesses that all read "no attempts yet" are still cut off after five; then even the right code fails', async () => {
    const { deps } = buildSignInTestDeps(database());
    const link = await requestLinkFor(deps, 'alice@example.com');
    await freezeLink(deps, link.token);
    const wrong = link.code === '00000000' ? '11111111' : '00000000';
    // Another browser: no pending cookie, so the code is required.
    const guess = (code: string) => redeemSignInLink(deps, { customerPageId: 'page-a', token: link.token, pendingCookieValue: null, code });
    try {
      const answers: RedeemResult[] = [];
      for (let index = 0; index < MAX_CODE_ATTEMPTS + 2; index += 1) answers.push(await guess(wrong));
      // The attempts left come from the counting update, not from the stale read.
      expect(answers.map((answer) => ('wrongCode' in answer ? answer.wrongCode.attemptsLeft : answer))).toEqual([
        4,
        3,
        2,
        1,
        { ok: false },
        { ok: false },
        { ok: false },
      ]);
      expect(await guess(link.code)).toEqual({ ok: false });
    } finally {
      stale.link = undefined;
    }
    expect(await sessionCount()).toBe(0);
    const reasons = (await auditActions(database()))
      .filter((event) => event.action === 'sign_in.redeem_failed')
      .map((event) => event.details.reason);
    // Five counted wrong guesses; the two extra guesses and the right code are refused uncounted (same clock: order by reason).
    expect(reasons.sort()).toEqual([...Array(3).fill('code_attempts_spent'), ...Array(MAX_CODE_ATTEMPTS).fill('wrong_code')]);
    expect((await findSignInToken(database().db, hashSecret(deps.secret, 'sign-in-token', link.token)))?.codeAttempts).toBe(
      MAX_CODE_ATTEMPTS,
    );
  });
});
