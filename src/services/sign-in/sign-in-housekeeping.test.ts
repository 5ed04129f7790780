import pino from 'pino';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { buildRecordingMailer, buildSignInTestDeps, requestLinkFor, signInAs } from '../../../test/helpers/sign-in-fixtures.js';
import { runOutboxOnce } from '../outbox/outbox-worker.js';
import { pruneSignInState } from './sign-in-housekeeping.js';
import { createSignInMailHandler, formatSignInLinkUnder } from './sign-in-mail.js';
import { SIGN_IN_MAIL_KIND } from './sign-in-mail-payload.js';

const DAY = 86_400_000;

describeEachEngine('services/sign-in-housekeeping', (database) => {
  const count = async (table: 'sign_in_tokens' | 'sessions' | 'rate_limits' | 'outbox') =>
    (await database().db.selectFrom(table).selectAll().execute()).length;

  it('keeps what is live and removes what sign-in no longer needs', async () => {
    const { deps, advance } = buildSignInTestDeps(database());
    await signInAs(deps, 'alice@example.com');
    await requestLinkFor(deps, 'bob@example.com');
    const handlers = {
      [SIGN_IN_MAIL_KIND]: createSignInMailHandler(deps, {
        mailer: buildRecordingMailer(),
        formatLink: formatSignInLinkUnder('https://s.test'),
      }),
    };
    await runOutboxOnce(deps, { handlers, logger: pino({ level: 'silent' }) });
    expect(await pruneSignInState(deps)).toEqual({ links: 0, sessions: 0, rateLimits: 0, outbox: 0 });

    advance(8 * DAY);
    const rateLimits = await count('rate_limits');
    expect(rateLimits).toBeGreaterThan(0);
    expect(await pruneSignInState(deps)).toEqual({ links: 2, sessions: 1, rateLimits, outbox: 2 });
    for (const table of ['sign_in_tokens', 'sessions', 'rate_limits', 'outbox'] as const) expect(await count(table)).toBe(0);
    // The audit log is append-only and is never pruned here.
    expect((await database().db.selectFrom('audit_log').selectAll().execute()).length).toBeGreaterThan(0);
  });
});
