/**
 * The sign-in form over HTTP (security.md REQ-1, REQ-4, REQ-8, RED-3, NXT-1/2).
 */
import { expect, it } from 'vitest';
import { CUSTOMER_TEST_URL, useSeededCustomerApp } from '../../../test/helpers/customer-app.js';
import { createBrowser, headerList, deliverSignInMails, requestLinkMail, seedCustomerPages } from '../../../test/helpers/customer-pages.js';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { capturingLogger } from '../../../test/helpers/capturing-logger.js';
import { type TestApp, createTestApp } from '../../../test/helpers/test-app.js';
import { listAuditEvents } from '../../store/access/audit-log.js';
import { SIGN_IN_LIMITS } from '../../services/sign-in/sign-in-limits.js';

describeEachEngine('customer sign-in form', (database) => {
  const setUp = useSeededCustomerApp();

  /** A form post from a fresh browser, with a fixed request id so that responses can be compared whole. */
  const postFresh = (testApp: TestApp, path: string, email: string) =>
    createBrowser(testApp.app).post(
      `${path}/sign-in`,
      { email, next: '' },
      { 'sec-fetch-site': 'same-origin', 'x-request-id': 'compare-me' },
    );

  /** Status, headers (the pending cookie's value blanked) and body of a response. */
  async function snapshotOf(res: Response) {
    const headers = headerList(res.headers).map(([name, value]) => [
      name,
      name === 'set-cookie' ? value.replace(/=[^;]*/, '=<value>') : value,
    ]);
    return { status: res.status, headers, body: await res.text() };
  }

  it('REQ-1: allowlisted, unlisted and rate-limited addresses get the identical response, pending cookie included', async () => {
    const { app, seeded } = await setUp(database());
    const path = seeded.acme.path;
    // The mailbox limit (1 a minute) is spent first, so the third address is rate-limited.
    await postFresh(app, path, 'carol@acme-corp.com');

    const allowlisted = await snapshotOf(await postFresh(app, path, 'bob@acme-corp.com'));
    const unlisted = await snapshotOf(await postFresh(app, path, 'bob@evil-corp.com'));
    const limited = await snapshotOf(await postFresh(app, path, 'carol+again@acme-corp.com'));
    const otherCustomer = await snapshotOf(await postFresh(app, path, 'dave@globex.com'));

    expect(allowlisted.status).toBe(200);
    expect(allowlisted.headers.some(([name]) => name === 'set-cookie')).toBe(true);
    expect(unlisted).toEqual(allowlisted);
    expect(limited).toEqual(allowlisted);
    expect(otherCustomer).toEqual(allowlisted);
    expect(allowlisted.body).not.toContain('bob@');

    // …while only the allowlisted, unlimited ones got a mail (REQ-3).
    const mails = await deliverSignInMails(app.deps);
    expect(mails.map((mail) => mail.to).sort()).toEqual(['bob@acme-corp.com', 'carol@acme-corp.com']);
    // The audit log knows the difference (LOG-1).
    const events = await listAuditEvents(app.deps.ctx.database.db, {
      pageId: seeded.acme.customerPageId,
      action: 'sign_in.link_requested',
    });
    const byAddress = new Map(events.map((event) => [event.subjectId, event.details]));
    expect(byAddress.get('bob@evil-corp.com')).toMatchObject({ allowlisted: false, queued: false });
    expect(byAddress.get('carol+again@acme-corp.com')).toMatchObject({ allowlisted: true, rateLimited: 'mailbox_minute', queued: false });
  });

  it('RED-3: the pending cookie is __Host-, Secure, HttpOnly, SameSite=Lax, Path=/, no Domain, 128 random bits, living as long as a link', async () => {
    const { app, seeded } = await setUp(database());
    const res = await createBrowser(app.app).post(`${seeded.acme.path}/sign-in`, { email: 'bob@acme-corp.com' });
    const [cookie] = res.headers.getSetCookie();
    expect(cookie).toMatch(new RegExp(`^__Host-beacon_p_${seeded.acme.customerPageId}=[A-Za-z0-9_-]{22};`));
    const attributes = cookie!
      .split(';')
      .slice(1)
      .map((part) => part.trim());
    expect(attributes.sort()).toEqual(['HttpOnly', 'Max-Age=900', 'Path=/', 'SameSite=Lax', 'Secure']);
  });

  it('RED-3: on a plain-http localhost public URL the cookie drops the __Host- prefix and Secure (development only)', async () => {
    const { app, seeded } = await setUp(database(), { PUBLIC_URL: 'http://localhost:3000' });
    const res = await createBrowser(app.app).post(`${seeded.acme.path}/sign-in`, { email: 'bob@acme-corp.com' });
    const [cookie] = res.headers.getSetCookie();
    expect(cookie).toMatch(new RegExp(`^beacon_p_${seeded.acme.customerPageId}=`));
    expect(cookie).not.toMatch(/Secure/);
    expect(cookie).toMatch(/HttpOnly/);
  });

  it('a malformed address gets the form again with a message, and no cookie', async () => {
    const { app, seeded } = await setUp(database());
    for (const email of [
      '"attacker@evil.com"@acme-corp.com',
      'alice@acme-corp.com,bob@evil.com',
      'Alice <alice@acme-corp.com>',
      'not an address',
    ]) {
      const res = await createBrowser(app.app).post(`${seeded.acme.path}/sign-in`, { email });
      expect(res.status, email).toBe(400);
      expect(res.headers.getSetCookie()).toEqual([]);
      const html = await res.text();
      expect(html).toMatch(/<[^>]*>The address [^<]+\.</);
      expect(html).toContain('name="email"');
    }
    // One sentence, not a sentence spliced into another ("…: it The address must…").
    const html = await (await createBrowser(app.app).post(`${seeded.acme.path}/sign-in`, { email: 'a@b@acme-corp.com' })).text();
    expect(html).toContain('>The address must contain exactly one @.<');
    expect(html).not.toMatch(/: it The address/);
    expect(await deliverSignInMails(app.deps)).toEqual([]);
  });

  it('a request that sends no link (rate limited, not allowlisted) says why in the server log, the address masked; the viewer gets the usual answer', async () => {
    const { logger, lines } = capturingLogger();
    const app = await createTestApp(database(), { logger, env: { PUBLIC_URL: CUSTOMER_TEST_URL } });
    try {
      const seeded = await seedCustomerPages(app.deps.ctx, CUSTOMER_TEST_URL);
      const path = seeded.acme.path;
      const notSent = () => lines.filter((line) => typeof line.msg === 'string' && line.msg.startsWith('sign-in link not sent'));
      const first = await postFresh(app, path, 'carol@acme-corp.com');
      expect(notSent()).toEqual([]);
      const limited = await postFresh(app, path, 'carol@acme-corp.com');
      expect(limited.status).toBe(first.status);
      expect(await limited.text()).toBe(await first.text());
      await postFresh(app, path, 'carol@evil-corp.com');
      expect(notSent().map((line) => [line.msg, line.reason, line.email, line.requestId])).toEqual([
        ['sign-in link not sent: rate limited (mailbox_minute)', 'mailbox_minute', 'c…@acme-corp.com', 'compare-me'],
        ['sign-in link not sent: the address is not on the allowlist', 'not_allowlisted', 'c…@evil-corp.com', 'compare-me'],
      ]);
      expect(JSON.stringify(lines)).not.toContain('carol@');
    } finally {
      await app.close();
    }
  });

  it('REQ-8: input over 254 characters is refused before parsing', async () => {
    const { app, seeded } = await setUp(database());
    const email = `${'a'.repeat(64)}@${'b'.repeat(180)}.acme-corp.com`;
    expect(email.length).toBeGreaterThan(254);
    const res = await createBrowser(app.app).post(`${seeded.acme.path}/sign-in`, { email });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('too long');
    const events = await listAuditEvents(app.deps.ctx.database.db, { pageId: seeded.acme.customerPageId });
    expect(events).toEqual([]);
  });

  it('REQ-4: past the per-IP limit every address gets 429; X-Forwarded-For counts only from a trusted proxy', async () => {
    const { app: testApp, seeded } = await setUp(database(), { TRUSTED_PROXIES: '10.0.0.1' });
    const post = (email: string, peer: string, forwardedFor?: string) =>
      testApp.app.request(
        `${seeded.acme.path}/sign-in`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'sec-fetch-site': 'same-origin',
            ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
          },
          body: new URLSearchParams({ email }).toString(),
        },
        { incoming: { socket: { remoteAddress: peer } } },
      );

    // Through the trusted proxy, the client named in X-Forwarded-For is counted.
    for (let i = 0; i < SIGN_IN_LIMITS.clientIpPerHour; i += 1) {
      expect((await post(`user${i}@evil-corp.com`, '10.0.0.1', '203.0.113.7')).status).toBe(200);
    }
    const refused = await post('bob@acme-corp.com', '10.0.0.1', '203.0.113.7');
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('Too many requests');
    expect((await post('someone@evil-corp.com', '10.0.0.1', '203.0.113.7')).status).toBe(429);
    // Another client behind the same proxy is not affected.
    expect((await post('bob@acme-corp.com', '10.0.0.1', '198.51.100.4')).status).toBe(200);
    // A client talking directly cannot claim another address to escape its limit, or to spend someone else's.
    expect((await post('erin@acme-corp.com', '203.0.113.7', '192.0.2.1')).status).toBe(429);
    expect((await post('frank@acme-corp.com', '192.0.2.1', '203.0.113.7')).status).toBe(200);
    const events = await listAuditEvents(testApp.deps.ctx.database.db, { pageId: seeded.acme.customerPageId, limit: 500 });
    const ips = new Set(events.map((event) => event.details.clientIp));
    expect(ips).toEqual(new Set(['203.0.113.7', '198.51.100.4', '192.0.2.1']));
  });

  it('NXT-1/2: the destination is kept server-side and used after sign-in; a foreign one lands on the page root', async () => {
    const { app, seeded } = await setUp(database());
    const path = seeded.acme.path;
    for (const [next, expected] of [
      [`${path}/history`, `${path}/history`],
      ['//evil.com', path],
      ['https://status.example.com@evil.com/', path],
      [seeded.globex.path, path],
    ] as const) {
      const browser = createBrowser(app.app);
      const email = `n${Math.random().toString(36).slice(2, 8)}@acme-corp.com`;
      const mail = await requestLinkMail(app.deps, browser, path, email, next);
      const res = await browser.post(`${path}/auth`, { link: mail.token });
      expect(res.status, next).toBe(303);
      expect(res.headers.get('location'), next).toBe(expected);
    }
  });

  it('NXT-1/2: the destination is resolved before it is stored: another page, another origin or user info is stored as the page root', async () => {
    const { app, seeded } = await setUp(database());
    const path = seeded.acme.path;
    let asker = 0;
    for (const [next, expected] of [
      [seeded.globex.path, path],
      [`${seeded.globex.path}/history`, path],
      [`https://evil.com${path}/history`, path],
      [`https://user@status.example.com${path}/history`, path],
      [`${path}/history?month=2025-02`, `${path}/history?month=2025-02`],
    ] as const) {
      // A new address each time: one mailbox gets one link a minute (REQ-4).
      const email = `asker${(asker += 1)}@acme-corp.com`;
      const res = await createBrowser(app.app).post(`${path}/sign-in`, { email, next });
      expect(res.status, next).toBe(200);
      const rows = await app.deps.ctx.database.db
        .selectFrom('sign_in_tokens')
        .select(['customer_page_id', 'next_path'])
        .where('email', '=', email)
        .execute();
      expect(rows, next).toEqual([{ customer_page_id: seeded.acme.customerPageId, next_path: expected }]);
    }
  });

  it('asking from the sign-in form of a deeper path keeps that path as the destination', async () => {
    const { app, seeded } = await setUp(database());
    const browser = createBrowser(app.app);
    const form = await (await browser.get(`${seeded.acme.path}/history?month=2025-02`)).text();
    expect(form).toContain(`name="next" value="${seeded.acme.path}/history?month=2025-02"`);
  });

  it('LOG-2: a read token pasted onto a page address stays out of the destination (and so out of the link and its mail)', async () => {
    const { app, seeded } = await setUp(database());
    const browser = createBrowser(app.app);
    const secret = `bcn_rt_${'A'.repeat(43)}`;
    const form = await (await browser.get(`${seeded.acme.path}/history?token=${secret}&month=2025-02`)).text();
    expect(form).toContain(`name="next" value="${seeded.acme.path}/history?month=2025-02"`);
    expect(form).not.toContain(secret);
  });
});
