import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { newId } from '../../domain/id.js';
import {
  type SignInTokenRecord,
  countCodeAttempt,
  deleteSignInTokensExpiredBefore,
  findSignInToken,
  insertSignInToken,
  markSignInTokenUsed,
  voidLiveSignInTokens,
  voidSignInToken,
} from './sign-in-tokens.js';
import { writeTransaction } from '../transaction.js';

const at = (iso: string) => new Date(iso);
const T0 = at('2025-03-01T12:00:00.000Z');
const plus = (ms: number) => new Date(T0.getTime() + ms);

const buildToken = (overrides: Partial<SignInTokenRecord> = {}): SignInTokenRecord => ({
  id: newId(),
  tokenHash: `hash-${newId()}`,
  customerPageId: 'page-a',
  email: 'alice@example.com',
  codeHash: 'code-hash',
  codeAttempts: 0,
  pendingHash: 'pending-hash',
  nextPath: '/c/abc/incidents',
  createdAt: T0,
  expiresAt: plus(15 * 60_000),
  usedAt: null,
  voidedAt: null,
  ...overrides,
});

describeEachEngine('store/sign-in-tokens', (database) => {
  const tx = <T>(work: Parameters<typeof writeTransaction<T>>[1]) => writeTransaction(database(), work).then((r) => r.result);

  it('stores a link and finds it by its hash', async () => {
    const token = buildToken();
    await tx((t) => insertSignInToken(t, token));
    expect(await findSignInToken(database().db, token.tokenHash)).toEqual(token);
    expect(await findSignInToken(database().db, 'other')).toBeNull();
  });

  it('TOK-5: spends a link once, and never an expired or voided one', async () => {
    const live = buildToken();
    const expired = buildToken({ expiresAt: plus(1000) });
    const voided = buildToken({ voidedAt: T0 });
    await tx(async (t) => {
      for (const token of [live, expired, voided]) await insertSignInToken(t, token);
    });
    expect(await tx((t) => markSignInTokenUsed(t, live.tokenHash, plus(500)))).toBe(true);
    expect(await tx((t) => markSignInTokenUsed(t, live.tokenHash, plus(600)))).toBe(false);
    expect((await findSignInToken(database().db, live.tokenHash))?.usedAt).toEqual(plus(500));
    expect(await tx((t) => markSignInTokenUsed(t, expired.tokenHash, plus(1000)))).toBe(false);
    expect(await tx((t) => markSignInTokenUsed(t, voided.tokenHash, plus(1)))).toBe(false);
  });

  it('TOK-6: voids only the live links of the same page and address', async () => {
    const older = buildToken();
    const otherPage = buildToken({ customerPageId: 'page-b' });
    const otherAddress = buildToken({ email: 'bob@example.com' });
    const used = buildToken({ usedAt: T0 });
    await tx(async (t) => {
      for (const token of [older, otherPage, otherAddress, used]) await insertSignInToken(t, token);
    });
    expect(await tx((t) => voidLiveSignInTokens(t, { customerPageId: 'page-a', email: 'alice@example.com', at: plus(1) }))).toBe(1);
    expect((await findSignInToken(database().db, older.tokenHash))?.voidedAt).toEqual(plus(1));
    for (const untouched of [otherPage, otherAddress, used]) {
      expect((await findSignInToken(database().db, untouched.tokenHash))?.voidedAt).toBeNull();
    }
  });

  it('TOK-8: counts at most the allowed code attempts, even in parallel', async () => {
    const token = buildToken();
    await tx((t) => insertSignInToken(t, token));
    const results = await Promise.all(Array.from({ length: 12 }, () => tx((t) => countCodeAttempt(t, token.tokenHash, 5, plus(1)))));
    expect(results.filter((counted) => counted !== null).sort()).toEqual([1, 2, 3, 4, 5]);
    expect((await findSignInToken(database().db, token.tokenHash))?.codeAttempts).toBe(5);
  });

  it('voids one link and prunes expired ones', async () => {
    const a = buildToken();
    const b = buildToken({ expiresAt: plus(1000) });
    await tx(async (t) => {
      await insertSignInToken(t, a);
      await insertSignInToken(t, b);
      await voidSignInToken(t, a.tokenHash, plus(1));
    });
    expect((await findSignInToken(database().db, a.tokenHash))?.voidedAt).toEqual(plus(1));
    expect(await tx((t) => deleteSignInTokensExpiredBefore(t, plus(2000)))).toBe(1);
    expect(await findSignInToken(database().db, b.tokenHash)).toBeNull();
    expect(await findSignInToken(database().db, a.tokenHash)).not.toBeNull();
  });
});
