/**
 * LOG-2: a read token sent in the query string (`?token=`, for feed readers) never reaches the
 * server's log: not the app's access log, not the fast path's request summary. Against `beacon serve`
 * wired for real, its log captured.
 */
import { describe, expect, it } from 'vitest';
import { seedCustomerPages } from '../../../test/helpers/customer-pages.js';
import { useServedBeacon } from '../../../test/helpers/served-beacon.js';
import { newId } from '../../domain/id.js';
import { writeUnannounced } from '../../services/live-state/unannounced-write.js';
import { hashSecret, randomToken } from '../../services/secrets.js';
import { READ_TOKEN_PREFIX } from '../../services/sessions/read-tokens.js';
import { insertReadToken } from '../../store/access/read-tokens.js';

describe('read tokens in the server log (beacon serve)', () => {
  const serve = useServedBeacon();

  it('LOG-2: the query token appears in no log line, on the v2 API, the HTML page or an unknown path', async () => {
    const token = READ_TOKEN_PREFIX + randomToken(32);
    const { server, seeded, lines } = await serve(async (ctx, config) => {
      const pages = await seedCustomerPages(ctx, config.publicUrl);
      await writeUnannounced(ctx, (tx) =>
        insertReadToken(tx, {
          id: newId(),
          tokenHash: hashSecret(config.secret, 'read-token', token),
          customerPageId: pages.acme.customerPageId,
          email: 'alice@acme-corp.com',
          domain: 'acme-corp.com',
          name: 'Feed reader',
          prefix: token.slice(0, 11),
          createdAt: new Date(),
          lastUsedAt: null,
        }),
      );
      return pages;
    });
    const path = seeded.acme.path;
    const opened = await fetch(`${server.url}${path}/api/v2/summary.json?token=${token}`);
    expect(opened.status).toBe(200);
    await opened.text();
    for (const other of [path, `${path}/history`, `${path}/api/v2/nope.json`, `/c/unknown/feed.atom`, '/']) {
      await (await fetch(`${server.url}${other}?token=${token}`)).text();
    }
    // The fast path's summary is written when the server closes; the close is the test's, and idempotent.
    await server.close();
    const logged = lines.map((line) => JSON.stringify(line)).join('\n');
    expect(lines.some((line) => line.msg === 'request' && line.path === '/c/:token/api/v2/summary.json' && line.status === 200)).toBe(true);
    expect(logged).not.toContain(token.slice(READ_TOKEN_PREFIX.length));
    expect(logged).not.toContain('token=');
  });
});
