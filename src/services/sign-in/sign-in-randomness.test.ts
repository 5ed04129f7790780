/**
 * TOK-1, TOK-8, RED-3, SES-1: every secret of sign-in is drawn at random, never derived from what a
 * guesser knows. Two worlds given identical inputs (database contents, secret, clock, page, address,
 * client IP) must still hand out different links, codes, pending cookies and sessions.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/databases.js';
import { buildSignInTestDeps, readQueuedMails } from '../../../test/helpers/sign-in-fixtures.js';
import type { Database } from '../../store/database.js';
import { redeemSignInLink } from './sign-in-redeem.js';
import { requestSignInLink } from './sign-in-request.js';

// Lets a test pin randomToken, to show the code does not follow from the token (TOK-8).
const pinned = vi.hoisted(() => ({ tokens: false }));
vi.mock('../secrets.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../secrets.js')>();
  return {
    ...actual,
    randomToken: (bytes: number) => (pinned.tokens ? Buffer.alloc(bytes, 7).toString('base64url') : actual.randomToken(bytes)),
  };
});

describe('sign-in secrets are random (two identical worlds)', () => {
  const databases: Database[] = [];
  afterEach(async () => {
    pinned.tokens = false;
    for (const database of databases.splice(0)) await database.close();
  });

  /** One world: a fresh database, the same secret and clock as every other, one link asked for and redeemed. */
  async function world() {
    const database = await createTestDatabase('sqlite');
    databases.push(database);
    const { deps } = buildSignInTestDeps(database);
    const { pendingCookieValue } = await requestSignInLink(deps, {
      customerPageId: 'page-a',
      rawEmail: 'alice@example.com',
      clientIp: '198.51.100.7',
      nextPath: null,
    });
    const [mail] = await readQueuedMails(deps);
    if (!mail) throw new Error('no mail queued');
    const redeemed = await redeemSignInLink(deps, { customerPageId: 'page-a', token: mail.token, pendingCookieValue });
    if (!redeemed.ok) throw new Error('could not redeem');
    return { token: mail.token, code: mail.code, pendingCookieValue, sessionToken: redeemed.sessionToken };
  }

  it('TOK-1/TOK-8/RED-3/SES-1: identical inputs give different link tokens, codes, pending cookies and session ids', async () => {
    const [first, second] = [await world(), await world()];
    expect(second.token).not.toBe(first.token);
    expect(second.code).not.toBe(first.code);
    expect(second.pendingCookieValue).not.toBe(first.pendingCookieValue);
    expect(second.sessionToken).not.toBe(first.sessionToken);
  });

  it('TOK-8: the code is drawn apart from the token: the same token twice still comes with different codes', async () => {
    pinned.tokens = true;
    const [first, second] = [await world(), await world()];
    expect(second.token).toBe(first.token);
    expect(second.code).not.toBe(first.code);
  });
});
