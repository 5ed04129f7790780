/**
 * Headers and CSRF on customer and auth pages (security.md HDR-1, HDR-3..8, RED-7, REQ-5).
 */
import { expect, it } from 'vitest';
import { CUSTOMER_TEST_URL, useSeededCustomerApp } from '../../../test/helpers/customer-app.js';
import {
  type SeededCustomerPages,
  createBrowser,
  deliverSignInMails,
  requestLinkMail,
  signIn,
} from '../../../test/helpers/customer-pages.js';
import { describeOnSqlite } from '../../../test/helpers/describe-each-engine.js';
import type { TestApp } from '../../../test/helpers/test-app.js';

const HTTPS = CUSTOMER_TEST_URL;
const STRICT_CSP =
  /^default-src 'none'; script-src ('none'|'nonce-[A-Za-z0-9+/=]{24}'); style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'$/;

describeOnSqlite('customer page headers', (database) => {
  const setUp = useSeededCustomerApp();

  /** Every kind of response a customer page gives: the form, the link page, the code form, the failure page, the signed-in pages. */
  async function everyPage(testApp: TestApp, seeded: SeededCustomerPages) {
    const path = seeded.acme.path;
    const asker = createBrowser(testApp.app);
    const mail = await requestLinkMail(testApp.deps, asker, path, 'alice@acme-corp.com');
    const viewer = createBrowser(testApp.app);
    await signIn(testApp.deps, viewer, path, 'vic@acme-corp.com');
    return {
      'sign-in form': await createBrowser(testApp.app).get(path),
      'check your email': await createBrowser(testApp.app).post(`${path}/sign-in`, { email: 'bob@acme-corp.com' }),
      'link page': await createBrowser(testApp.app).get(`${path}/auth`),
      'code form': await createBrowser(testApp.app).post(`${path}/auth`, { link: mail.token }),
      'failed link': await createBrowser(testApp.app).post(`${path}/auth`, { link: 'nope' }),
      'signed-in page': await viewer.get(path),
      'signed-in history': await viewer.get(`${path}/history`),
    };
  }

  it('HDR-1: a strict CSP; pages with scripts carry a fresh nonce that every script has, pages without allow none', async () => {
    const { app, seeded } = await setUp(database());
    for (const [name, res] of Object.entries(await everyPage(app, seeded))) {
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, name).toMatch(STRICT_CSP);
      const html = await res.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      if (nonce === undefined) {
        expect(scripts, name).toEqual([]);
      } else {
        expect(scripts.length, name).toBeGreaterThan(0);
        for (const tag of scripts) expect(tag, name).toContain(`nonce="${nonce}"`);
      }
      expect(html, name).not.toMatch(/\sstyle="|\son[a-z]+="/);
    }
    // The signed-in page and the link page get a new nonce on every response.
    const viewer = createBrowser(app.app);
    await signIn(app.deps, viewer, seeded.acme.path, 'nina@acme-corp.com');
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i += 1) {
      for (const res of [await viewer.get(seeded.acme.path), await viewer.get(`${seeded.acme.path}/auth`)]) {
        const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
        expect(nonce).toBeDefined();
        expect(await res.text()).toContain(`nonce="${nonce}"`);
        nonces.add(nonce!);
      }
    }
    expect(nonces.size).toBe(6);
  });

  it('HDR-3..8: HSTS, nosniff, no-store + Vary: Cookie, noindex (header and meta), no X-Powered-By; RED-7: no-referrer and nothing third-party', async () => {
    const { app, seeded } = await setUp(database());
    for (const [name, res] of Object.entries(await everyPage(app, seeded))) {
      expect(res.headers.get('strict-transport-security'), name).toMatch(/^max-age=\d+/);
      expect(res.headers.get('x-content-type-options'), name).toBe('nosniff');
      expect(res.headers.get('cache-control'), name).toBe('no-store');
      expect(res.headers.get('vary'), name).toMatch(/\bCookie\b/);
      expect(res.headers.get('x-robots-tag'), name).toBe('noindex');
      expect(res.headers.get('referrer-policy'), name).toBe('no-referrer');
      expect(res.headers.get('x-powered-by'), name).toBeNull();
      expect(res.headers.get('access-control-allow-origin'), name).toBeNull();
      const html = await res.text();
      expect(html, name).toContain('<meta name="robots" content="noindex"/>');
      // Everything loaded is our own: relative paths or inline data, never another host.
      for (const [, url] of html.matchAll(/\s(?:src|href|action)="([^"]*)"/g)) {
        expect(url!.startsWith('/') || url!.startsWith('data:') || url!.startsWith('#') || url!.startsWith(HTTPS), `${name}: ${url}`).toBe(
          true,
        );
      }
    }
    // The redirects after signing in and out carry them too.
    const browser = createBrowser(app.app);
    const mail = await requestLinkMail(app.deps, browser, seeded.acme.path, 'olga@acme-corp.com');
    for (const res of [
      await browser.post(`${seeded.acme.path}/auth`, { link: mail.token }),
      await browser.post(`${seeded.acme.path}/sign-out`, {}),
    ]) {
      expect(res.status).toBe(303);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('HEAD of a signed-in page has the same headers and no body', async () => {
    const { app, seeded } = await setUp(database());
    const viewer = createBrowser(app.app);
    await signIn(app.deps, viewer, seeded.acme.path, 'vic@acme-corp.com');
    const head = await viewer.head(seeded.acme.path);
    expect(head.status).toBe(200);
    expect(head.headers.get('cache-control')).toBe('no-store');
    expect(head.headers.get('content-security-policy')).toMatch(STRICT_CSP);
    expect(await head.text()).toBe('');
  });

  it('REQ-5: a state-changing request from another site, or with neither Sec-Fetch-Site nor Origin, is refused (403) and changes nothing', async () => {
    const { app, seeded } = await setUp(database());
    const path = seeded.acme.path;
    const viewer = createBrowser(app.app);
    await signIn(app.deps, viewer, path, 'vic@acme-corp.com');
    const refusedHeaders: Record<string, string>[] = [
      {},
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'none' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
      // The Host header is not what the origin is compared with.
      { origin: 'https://evil.example', host: 'evil.example' },
      { 'sec-fetch-site': 'cross-site', origin: HTTPS },
    ];
    for (const headers of refusedHeaders) {
      const label = JSON.stringify(headers);
      expect((await createBrowser(app.app).post(`${path}/sign-in`, { email: 'bob@acme-corp.com' }, headers)).status, label).toBe(403);
      expect((await viewer.post(`${path}/sign-out`, {}, headers)).status, label).toBe(403);
      expect((await createBrowser(app.app).post(`${path}/auth`, { link: 'x' }, headers)).status, label).toBe(403);
    }
    expect(await deliverSignInMails(app.deps)).toEqual([]);
    expect(await (await viewer.get(path)).text()).toContain('Acme cluster');

    // Browsers without Sec-Fetch-Site are accepted when their Origin is the public URL's.
    expect((await createBrowser(app.app).post(`${path}/sign-in`, { email: 'bob@acme-corp.com' }, { origin: HTTPS })).status).toBe(200);
    // Sec-Fetch-Site decides when present: pages sent with no-referrer post `Origin: null`.
    expect(
      (
        await createBrowser(app.app).post(
          `${path}/sign-in`,
          { email: 'bob2@acme-corp.com' },
          { 'sec-fetch-site': 'same-origin', origin: 'null' },
        )
      ).status,
    ).toBe(200);
  });

  it('REQ-5: a DNS-rebinding page (foreign Host and Origin, Sec-Fetch-Site same-origin) gets no sign-in mail and no session', async () => {
    const { app, seeded } = await setUp(database());
    const path = seeded.acme.path;
    const rebound = [
      { 'sec-fetch-site': 'same-origin', origin: 'http://rebound.evil.example', host: 'rebound.evil.example' },
      // The same page sent with no-referrer posts an opaque Origin: its Host still gives it away.
      { 'sec-fetch-site': 'same-origin', origin: 'null', host: 'rebound.evil.example' },
    ];
    // The attacker holds a real link and its code (say, their own allowlisted mailbox).
    const mail = await requestLinkMail(app.deps, createBrowser(app.app), path, 'mallory@acme-corp.com');
    for (const headers of rebound) {
      const label = JSON.stringify(headers);
      const attacker = createBrowser(app.app);
      expect((await attacker.post(`${path}/sign-in`, { email: 'bob@acme-corp.com' }, headers)).status, label).toBe(403);
      expect((await attacker.post(`${path}/auth`, { link: mail.token }, headers)).status, label).toBe(403);
      expect((await attacker.post(`${path}/auth/code`, { link: mail.token, code: mail.code }, headers)).status, label).toBe(403);
      expect(attacker.jar.size, label).toBe(0);
    }
    expect(await deliverSignInMails(app.deps)).toEqual([]);
    expect(await app.deps.ctx.database.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
    // Our own page, opaque Origin and the public host: accepted.
    const own = { 'sec-fetch-site': 'same-origin', origin: 'null', host: new URL(HTTPS).host };
    expect((await createBrowser(app.app).post(`${path}/auth/code`, { link: mail.token, code: mail.code }, own)).status).toBe(303);
  });

  it('REQ-5: an unknown page stays a 404 even for a cross-site post', async () => {
    const { app } = await setUp(database());
    const res = await createBrowser(app.app).post(
      '/c/AAAAAAAAAAAAAAAAAAAAAAAA/sign-in',
      { email: 'bob@acme-corp.com' },
      { 'sec-fetch-site': 'cross-site' },
    );
    expect(res.status).toBe(404);
  });

  it('a form body over the limit is refused with 413 before it is read', async () => {
    const { app, seeded } = await setUp(database());
    const res = await createBrowser(app.app).post(`${seeded.acme.path}/sign-in`, { email: 'a@acme-corp.com', pad: 'x'.repeat(64 * 1024) });
    expect(res.status).toBe(413);
    expect(await deliverSignInMails(app.deps)).toEqual([]);
  });
});
