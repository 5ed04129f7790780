/**
 * Opening the emailed link and signing in over HTTP (security.md RED-1, RED-2, RED-4, RED-5,
 * REQ-6, RED-8, SES-2, SES-3, SES-8, TOK-3, LOG-2).
 */
import { expect, it } from 'vitest';
import { capturingLogger } from '../../../test/helpers/capturing-logger.js';
import { CUSTOMER_TEST_URL, useSeededCustomerApp } from '../../../test/helpers/customer-app.js';
import { createBrowser, headerList, requestLinkMail, seedCustomerPages } from '../../../test/helpers/customer-pages.js';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../test/helpers/test-app.js';
import { listAuditEvents } from '../../store/access/audit-log.js';
import { SIGN_IN_LINK_SCRIPT } from './assets.js';

const HTTPS = CUSTOMER_TEST_URL;

describeEachEngine('customer sign-in link', (database) => {
  const setUp = useSeededCustomerApp();

  const countSessions = async (testApp: TestApp): Promise<number> =>
    Number(
      (
        await testApp.deps.ctx.database.db
          .selectFrom('sessions')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('RED-1: HEAD and GET of the emailed URL change nothing: no token spent, no session, nothing recorded', async () => {
    const { app, seeded } = await setUp(database());
    const browser = createBrowser(app.app);
    const mail = await requestLinkMail(app.deps, browser, seeded.acme.path, 'alice@acme-corp.com');
    const linkPath = new URL(mail.link).pathname;
    expect(linkPath).toBe(`${seeded.acme.path}/auth`);
    const before = await listAuditEvents(app.deps.ctx.database.db, { pageId: seeded.acme.customerPageId });

    // A scanner, another browser, and the browser that asked: none of them spends the link by loading it.
    for (const visitor of [createBrowser(app.app), createBrowser(app.app), browser]) {
      expect((await visitor.head(linkPath)).status).toBe(200);
      const res = await visitor.get(linkPath);
      expect(res.status).toBe(200);
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    expect(await countSessions(app)).toBe(0);
    expect(await listAuditEvents(app.deps.ctx.database.db, { pageId: seeded.acme.customerPageId })).toEqual(before);
    const row = await app.deps.ctx.database.db.selectFrom('sign_in_tokens').select(['used_at']).executeTakeFirstOrThrow();
    expect(row.used_at).toBeNull();

    // The link still works for the one who asked.
    expect((await browser.post(`${seeded.acme.path}/auth`, { link: mail.token })).status).toBe(303);
  });

  it('RED-2/RED-4: the link page offers a Continue button and never submits by itself', async () => {
    const { app, seeded } = await setUp(database());
    const html = await (await createBrowser(app.app).get(`${seeded.acme.path}/auth`)).text();
    expect(html).toMatch(/<form method="post" action="[^"]+\/auth">/);
    expect(html).toMatch(/<button class="button" type="submit">Continue<\/button>/);
    expect(html).not.toMatch(/http-equiv/i);
    // One external script, nonce'd, and no inline script at all.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toMatch(new RegExp(`<script src="${SIGN_IN_LINK_SCRIPT.path}" nonce="[^"]+" defer="">`));
    expect(SIGN_IN_LINK_SCRIPT.body).not.toMatch(
      /submit|requestSubmit|dispatchEvent|fetch|XMLHttpRequest|sendBeacon|location\.(href|assign|replace)|\.click\(/i,
    );
  });

  it('RED-4: in the browser that asked, Continue signs in and lands on the page', async () => {
    const { app, seeded } = await setUp(database());
    const browser = createBrowser(app.app);
    const mail = await requestLinkMail(app.deps, browser, seeded.acme.path, 'alice@acme-corp.com');
    const res = await browser.post(`${seeded.acme.path}/auth`, { link: mail.link });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(seeded.acme.path);
    const page = await browser.get(seeded.acme.path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Acme cluster');
  });

  it('RED-5/REQ-6: in another browser the link alone gives no session; the code does', async () => {
    const { app, seeded } = await setUp(database());
    const asker = createBrowser(app.app);
    const mail = await requestLinkMail(app.deps, asker, seeded.acme.path, 'alice@acme-corp.com');
    const other = createBrowser(app.app);

    const codeForm = await other.post(`${seeded.acme.path}/auth`, { link: mail.token });
    expect(codeForm.status).toBe(200);
    expect(codeForm.headers.getSetCookie()).toEqual([]);
    const html = await codeForm.text();
    expect(html).toContain('name="code"');
    expect(html).toContain(`action="${seeded.acme.path}/auth/code"`);
    expect(await countSessions(app)).toBe(0);
    // No code, or a wrong one: still nothing.
    expect((await other.post(`${seeded.acme.path}/auth/code`, { link: mail.token, code: '' })).status).toBe(400);
    const wrong = mail.code === '00000000' ? '11111111' : '00000000';
    expect((await other.post(`${seeded.acme.path}/auth/code`, { link: mail.token, code: wrong })).status).toBe(400);
    expect(await countSessions(app)).toBe(0);
    expect((await other.get(seeded.acme.path)).status).toBe(200);
    expect(await (await other.get(seeded.acme.path)).text()).not.toContain('Acme cluster');

    const signedIn = await other.post(`${seeded.acme.path}/auth/code`, {
      link: mail.token,
      code: `${mail.code.slice(0, 4)} ${mail.code.slice(4)}`,
    });
    expect(signedIn.status).toBe(303);
    expect(await (await other.get(seeded.acme.path)).text()).toContain('Acme cluster');
    expect(await countSessions(app)).toBe(1);
  });

  it('TOK-8: a wrong code keeps the code form, saying so and how many attempts are left; the fifth ends the link', async () => {
    const { app, seeded } = await setUp(database());
    const path = seeded.acme.path;
    const mail = await requestLinkMail(app.deps, createBrowser(app.app), path, 'alice@acme-corp.com');
    const other = createBrowser(app.app);
    const wrong = mail.code === '00000000' ? '11111111' : '00000000';
    for (const left of ['4 more attempts', '3 more attempts', '2 more attempts', 'one more attempt']) {
      const res = await other.post(`${path}/auth/code`, { link: mail.token, code: wrong });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain(`That code is not right. You have ${left}.`);
      expect(html).toContain('name="code"');
      expect(html).toContain(`name="link" value="${mail.token}"`);
      expect(html).not.toContain('cannot be used');
    }
    // The right code on the last attempt would still do; a fifth wrong one ends the link.
    const last = await other.post(`${path}/auth/code`, { link: mail.token, code: wrong });
    expect(last.status).toBe(400);
    expect(await last.text()).not.toContain('name="code"');
    expect((await other.post(`${path}/auth/code`, { link: mail.token, code: mail.code })).status).toBe(400);
    expect(await countSessions(app)).toBe(0);
  });

  it('RED-8: unknown, used, expired, wrong-page and wrong-browser links all get the same page; the audit log has the reason', async () => {
    const { app, seeded } = await setUp(database());
    const path = seeded.acme.path;
    const asker = createBrowser(app.app);
    const post = (browser: ReturnType<typeof createBrowser>, link: string) =>
      browser.post(`${path}/auth`, { link }, { 'sec-fetch-site': 'same-origin', 'x-request-id': 'compare-me' });
    const snapshotOf = async (res: Response) => ({ status: res.status, headers: headerList(res.headers), body: await res.text() });

    const used = await requestLinkMail(app.deps, asker, path, 'used@acme-corp.com');
    expect((await asker.post(`${path}/auth`, { link: used.token })).status).toBe(303);
    const globexAsker = createBrowser(app.app);
    const foreign = await requestLinkMail(app.deps, globexAsker, seeded.globex.path, 'gina@globex.com');
    const spentAsker = createBrowser(app.app);
    const spent = await requestLinkMail(app.deps, spentAsker, path, 'spent@acme-corp.com');
    const thief = createBrowser(app.app);
    for (let i = 0; i < 5; i += 1) await thief.post(`${path}/auth/code`, { link: spent.token, code: '12345678' });
    app.advance(60_000);
    const expiring = await requestLinkMail(app.deps, asker, path, 'late@acme-corp.com');
    app.advance(16 * 60_000);

    const responses = [
      await snapshotOf(await post(asker, 'A'.repeat(43))),
      await snapshotOf(await post(asker, used.token)),
      await snapshotOf(await post(asker, expiring.token)),
      await snapshotOf(await post(globexAsker, foreign.token)),
      await snapshotOf(await post(thief, spent.token)),
      await snapshotOf(await post(asker, 'not even a token')),
    ];
    expect(responses[0]!.status).toBe(400);
    expect(responses[0]!.body).toContain('Ask for a new link');
    for (const response of responses.slice(1)) expect(response).toEqual(responses[0]);

    const reasons = (
      await listAuditEvents(app.deps.ctx.database.db, { pageId: seeded.acme.customerPageId, action: 'sign_in.link_opened', limit: 500 })
    )
      .map((event) => event.details.reason)
      .filter((reason) => reason !== undefined);
    expect(new Set(reasons)).toEqual(new Set(['unknown', 'used', 'expired', 'wrong_page', 'voided']));
  });

  it('SES-2/SES-3: a fresh __Host- session cookie (Secure, HttpOnly, SameSite=Lax, Path=/, no Domain) at each sign-in; the pending cookie is cleared', async () => {
    const { app, seeded } = await setUp(database());
    const id = seeded.acme.customerPageId;
    const browser = createBrowser(app.app);
    // A session id planted beforehand (session fixation) is never adopted.
    browser.jar.set(`__Host-beacon_s_${id}`, 'F'.repeat(43));
    const values: string[] = [];
    for (const email of ['alice@acme-corp.com', 'alice@acme-labs.com']) {
      const mail = await requestLinkMail(app.deps, browser, seeded.acme.path, email);
      const res = await browser.post(`${seeded.acme.path}/auth`, { link: mail.token });
      expect(res.status).toBe(303);
      const cookies = res.headers.getSetCookie();
      const session = cookies.find((cookie) => cookie.startsWith(`__Host-beacon_s_${id}=`));
      expect(session).toBeDefined();
      const [pair, ...attributes] = session!.split(';').map((part) => part.trim());
      expect(attributes.sort()).toEqual(['HttpOnly', 'Max-Age=2592000', 'Path=/', 'SameSite=Lax', 'Secure']);
      values.push(pair!.slice(pair!.indexOf('=') + 1));
      const pending = cookies.find((cookie) => cookie.startsWith(`__Host-beacon_p_${id}=`));
      expect(pending).toMatch(/^__Host-beacon_p_[a-z0-9]+=; Max-Age=0; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    }
    expect(values[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(values[1]).not.toBe(values[0]);
    expect(values).not.toContain('F'.repeat(43));
  });

  it('SES-8/LOG-2: a whole sign-in (link in the same browser, code in another, page, sign-out) logs no token, code, cookie or sign-in URL', async () => {
    const { logger, lines } = capturingLogger();
    const app = await createTestApp(database(), { logger, env: { PUBLIC_URL: HTTPS } });
    try {
      const seeded = await seedCustomerPages(app.deps.ctx, HTTPS);
      const path = seeded.acme.path;
      const id = seeded.acme.customerPageId;
      const cookie = (browser: ReturnType<typeof createBrowser>, kind: 'p' | 's'): string => {
        const value = browser.jar.get(`__Host-beacon_${kind}_${id}`);
        if (!value) throw new Error(`no ${kind} cookie`);
        return value;
      };

      // Same browser: ask, open the link (HEAD and GET), Continue with the whole emailed URL.
      const asker = createBrowser(app.app);
      const first = await requestLinkMail(app.deps, asker, path, 'alice@acme-corp.com');
      const firstPending = cookie(asker, 'p');
      const linkPath = new URL(first.link).pathname;
      expect((await asker.head(linkPath)).status).toBe(200);
      expect((await asker.get(linkPath)).status).toBe(200);
      expect((await asker.post(`${path}/auth`, { link: first.link })).status).toBe(303);
      const askerSession = cookie(asker, 's');
      expect(await (await asker.get(path)).text()).toContain('Acme cluster');

      // Another browser: the link asks for the code; a wrong code, then the right one.
      const second = await requestLinkMail(app.deps, asker, path, 'bob@acme-corp.com');
      const secondPending = cookie(asker, 'p');
      const other = createBrowser(app.app);
      expect((await other.get(new URL(second.link).pathname)).status).toBe(200);
      expect((await other.post(`${path}/auth`, { link: second.link })).status).toBe(200);
      const wrong = second.code === '00000000' ? '11111111' : '00000000';
      expect((await other.post(`${path}/auth/code`, { link: second.link, code: wrong })).status).toBe(400);
      expect((await other.post(`${path}/auth/code`, { link: second.link, code: second.code })).status).toBe(303);
      const otherSession = cookie(other, 's');
      expect(await (await other.get(path)).text()).toContain('Acme cluster');

      // Both sign out.
      for (const browser of [asker, other]) expect((await browser.post(`${path}/sign-out`, {})).status).toBe(303);

      // The flow really went through this logger: one line per request, the page token masked.
      const requests = lines.filter((line) => line.msg === 'request');
      expect(requests).toHaveLength(13);
      expect(requests).toContainEqual(expect.objectContaining({ method: 'POST', path: '/c/:token/auth/code', status: 303 }));
      const logged = JSON.stringify(lines);
      const secrets = [first.token, first.code, second.token, second.code, firstPending, secondPending, askerSession, otherSession];
      expect(new Set(secrets).size).toBe(secrets.length);
      for (const secret of [...secrets, '/auth#', path]) expect(logged).not.toContain(secret);
    } finally {
      await app.close();
    }
  });
});
