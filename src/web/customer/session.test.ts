/**
 * A signed-in customer page over HTTP: what it shows, and how access ends (the README's Customer
 * pages; docs/security.md SES-4, SES-7, LOG-1, LOG-2).
 */
import { expect, it } from 'vitest';
import { useSeededCustomerApp } from '../../../test/helpers/customer-app.js';
import { createBrowser, headerList, requestLinkMail, signIn } from '../../../test/helpers/customer-pages.js';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { deleteCatalogEntry, updateCatalogEntry } from '../../services/catalog/catalog-entries.js';
import { createIncident } from '../../services/status/incidents.js';

const SAME_REQUEST = { 'x-request-id': 'compare-me', accept: 'text/html' };

describeEachEngine('signed-in customer pages', (database) => {
  const setUp = useSeededCustomerApp();

  const whole = async (res: Response) => ({ status: res.status, headers: headerList(res.headers), body: await res.text() });

  it("shows only the customer's components and incidents, with every link under its own URL", async () => {
    const { app, seeded } = await setUp(database());
    const { ctx } = app.deps;
    const acmeIncident = await createIncident(ctx, {
      name: 'Acme cluster slow',
      status: 'investigating',
      message: 'Looking',
      impacts: [{ componentId: seeded.acme.componentId, impact: 'degraded_performance' }],
    });
    const globexIncident = await createIncident(ctx, {
      name: 'Globex cluster down',
      status: 'investigating',
      message: 'Down',
      impacts: [{ componentId: seeded.globex.componentId, impact: 'full_outage' }],
    });
    const browser = createBrowser(app.app);
    await signIn(app.deps, browser, seeded.acme.path, 'alice@acme-corp.com');

    const html = await (await browser.get(seeded.acme.path)).text();
    expect(html).toContain('Acme Corp');
    expect(html).toContain('Public API');
    expect(html).toContain('Acme cluster');
    expect(html).toContain('Acme cluster slow');
    expect(html).not.toContain('Globex');
    for (const [, href] of html.matchAll(/(?:href|action)="(\/[^"]*)"/g)) {
      if (href!.startsWith('/assets/')) continue;
      expect(href!.startsWith(`${seeded.acme.path}`), href).toBe(true);
    }
    expect(html).toContain(`href="${seeded.acme.path}/incidents/${acmeIncident.id}"`);

    expect((await browser.get(`${seeded.acme.path}/incidents/${acmeIncident.id}`)).status).toBe(200);
    expect((await browser.get(`${seeded.acme.path}/history`)).status).toBe(200);
    // Another customer's incident is not on this page: the shared 404, as for any missing page.
    const foreign = await whole(await browser.get(`${seeded.acme.path}/incidents/${globexIncident.id}`, SAME_REQUEST));
    const missing = await whole(await app.app.request('/no-such-page', { headers: SAME_REQUEST }));
    expect(foreign).toEqual(missing);
    expect(foreign.status).toBe(404);
  });

  it('without a session, shows the sign-in form and nothing of the status, on every path of the page', async () => {
    const { app, seeded } = await setUp(database());
    await createIncident(app.deps.ctx, {
      name: 'Acme cluster slow',
      status: 'investigating',
      message: 'Looking',
      impacts: [{ componentId: seeded.acme.componentId, impact: 'degraded_performance' }],
    });
    for (const path of [seeded.acme.path, `${seeded.acme.path}/history`, `${seeded.acme.path}/incidents/anything`]) {
      const res = await createBrowser(app.app).get(path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html).toContain('Sign in to Acme Corp');
      expect(html).toContain('name="email"');
      for (const secret of ['Public API', 'Acme cluster', 'Operational', 'slow', 'uptime'])
        expect(html, `${path}: ${secret}`).not.toContain(secret);
    }
  });

  it('an unknown token, a rotated one and any other /c/ path get the same 404 as any missing page', async () => {
    const { app, seeded } = await setUp(database());
    const browser = createBrowser(app.app);
    await signIn(app.deps, browser, seeded.acme.path, 'alice@acme-corp.com');
    const missing = await whole(await app.app.request('/no-such-page', { headers: SAME_REQUEST }));
    expect(missing.status).toBe(404);

    // History months before the page's history, in the future, or junk: the same 404 (and no cache entry of their own).
    const months = ['1000-06', '0001-01', '2000-01', '9999-12', '2025-13', 'March'].map(
      (month) => `${seeded.acme.path}/history?month=${month}`,
    );
    for (const path of [
      '/c/AAAAAAAAAAAAAAAAAAAAAAAA',
      '/c/short',
      '/c/AAAAAAAAAAAAAAAAAAAAAAAA/history',
      `${seeded.acme.path}/nonsense`,
      `${seeded.acme.path}/`,
      ...months,
    ]) {
      expect(await whole(await browser.get(path, SAME_REQUEST)), path).toEqual(missing);
    }
    const head = await app.app.request('/c/AAAAAAAAAAAAAAAAAAAAAAAA', { method: 'HEAD', headers: SAME_REQUEST });
    expect(headerList(head.headers)).toEqual(missing.headers);

    // Rotation: the old URL is gone at once; the new one works (the session belongs to the page, not its URL).
    const rotated = await app.requestJson('POST', `/api/v1/customer-pages/${seeded.acme.customerPageId}/rotate-token`, {});
    expect(rotated.status).toBe(200);
    const newPath = new URL(((await rotated.json()) as { url: string }).url).pathname;
    expect(newPath).not.toBe(seeded.acme.path);
    expect(await whole(await browser.get(seeded.acme.path, SAME_REQUEST))).toEqual(missing);
    expect(
      await whole(
        await createBrowser(app.app).post(
          `${seeded.acme.path}/sign-in`,
          { email: 'bob@acme-corp.com' },
          { 'sec-fetch-site': 'same-origin', ...SAME_REQUEST },
        ),
      ),
    ).toEqual(missing);
    const now = await browser.get(newPath);
    expect(now.status).toBe(200);
    expect(await now.text()).toContain('Acme cluster');
  });

  it('SES-4: removing a domain from the entry ends its sessions on the next request; others stay', async () => {
    const { app, seeded } = await setUp(database());
    const labs = createBrowser(app.app);
    const corp = createBrowser(app.app);
    await signIn(app.deps, labs, seeded.acme.path, 'lena@acme-labs.com');
    await signIn(app.deps, corp, seeded.acme.path, 'carl@acme-corp.com');
    for (const browser of [labs, corp]) expect(await (await browser.get(seeded.acme.path)).text()).toContain('Acme cluster');

    await updateCatalogEntry(app.deps.ctx, seeded.acme.entryId, { values: { email_domains: ['acme-corp.com'] } }, { actor: 'test' });

    const refused = await labs.get(seeded.acme.path);
    expect(refused.status).toBe(200);
    const html = await refused.text();
    expect(html).toContain('name="email"');
    expect(html).not.toContain('Acme cluster');
    expect(await (await corp.get(seeded.acme.path)).text()).toContain('Acme cluster');
    // Putting the domain back does not revive the ended session.
    await updateCatalogEntry(
      app.deps.ctx,
      seeded.acme.entryId,
      { values: { email_domains: ['acme-corp.com', 'acme-labs.com'] } },
      { actor: 'test' },
    );
    expect(await (await labs.get(seeded.acme.path)).text()).not.toContain('Acme cluster');
  });

  it('changing the entry changes what viewers see at once; deleting it removes the page', async () => {
    const { app, seeded } = await setUp(database());
    const browser = createBrowser(app.app);
    await signIn(app.deps, browser, seeded.acme.path, 'alice@acme-corp.com');
    await updateCatalogEntry(app.deps.ctx, seeded.acme.entryId, { values: { components: [seeded.globex.componentId] } }, { actor: 'test' });
    const html = await (await browser.get(seeded.acme.path)).text();
    expect(html).toContain('Globex cluster');
    expect(html).not.toContain('Acme cluster');

    await deleteCatalogEntry(app.deps.ctx, seeded.acme.entryId, { actor: 'test', force: true });
    const missing = await whole(await app.app.request('/no-such-page', { headers: SAME_REQUEST }));
    expect(await whole(await browser.get(seeded.acme.path, SAME_REQUEST))).toEqual(missing);
  });

  it('SES-7: sign-out deletes the session row; the old cookie opens nothing', async () => {
    const { app, seeded } = await setUp(database());
    const browser = createBrowser(app.app);
    await signIn(app.deps, browser, seeded.acme.path, 'alice@acme-corp.com');
    const cookieName = `__Host-beacon_s_${seeded.acme.customerPageId}`;
    const stolen = browser.jar.get(cookieName)!;
    const sessions = () => app!.deps.ctx.database.db.selectFrom('sessions').selectAll().execute();
    expect(await sessions()).toHaveLength(1);

    const res = await browser.post(`${seeded.acme.path}/sign-out`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(seeded.acme.path);
    expect(res.headers.getSetCookie().some((cookie) => cookie.startsWith(`${cookieName}=;`) && cookie.includes('Max-Age=0'))).toBe(true);
    expect(await sessions()).toHaveLength(0);

    const replay = createBrowser(app.app);
    replay.jar.set(cookieName, stolen);
    expect(await (await replay.get(seeded.acme.path)).text()).toContain('name="email"');
  });

  it('SES-7: sessions are per page: a session on one page opens no other', async () => {
    const { app, seeded } = await setUp(database());
    const browser = createBrowser(app.app);
    await signIn(app.deps, browser, seeded.acme.path, 'alice@acme-corp.com');
    // Even the cookie value presented under the other page's cookie name is refused.
    browser.jar.set(`__Host-beacon_s_${seeded.globex.customerPageId}`, browser.jar.get(`__Host-beacon_s_${seeded.acme.customerPageId}`)!);
    const html = await (await browser.get(seeded.globex.path)).text();
    expect(html).toContain('Sign in to Globex');
    expect(html).not.toContain('Globex cluster');
  });

  it('SES-7: staff list sessions and revoke them by address, by domain, or all, through the API', async () => {
    const { app, seeded } = await setUp(database());
    const id = seeded.acme.customerPageId;
    const browsers = { alice: createBrowser(app.app), bob: createBrowser(app.app), lena: createBrowser(app.app) };
    await signIn(app.deps, browsers.alice, seeded.acme.path, 'alice@acme-corp.com');
    await signIn(app.deps, browsers.bob, seeded.acme.path, 'bob@acme-corp.com');
    await signIn(app.deps, browsers.lena, seeded.acme.path, 'lena@acme-labs.com');
    const isSignedIn = async (browser: ReturnType<typeof createBrowser>) =>
      (await (await browser.get(seeded.acme.path)).text()).includes('Acme cluster');

    const list = await app.request(`/api/v1/customer-pages/${id}/sessions`);
    expect(list.status).toBe(200);
    const listed = ((await list.json()) as { data: { email: string; id: string }[] }).data;
    expect(listed.map((s) => s.email).sort()).toEqual(['alice@acme-corp.com', 'bob@acme-corp.com', 'lena@acme-labs.com']);
    // The listing never holds a cookie value.
    const cookies = Object.values(browsers).map((b) => b.jar.get(`__Host-beacon_s_${id}`)!);
    for (const value of cookies) expect(JSON.stringify(listed)).not.toContain(value);

    const revoke = async (body: unknown) => {
      const res = await app!.requestJson('POST', `/api/v1/customer-pages/${id}/sessions/revoke`, body);
      expect(res.status).toBe(200);
      return ((await res.json()) as { revoked: number }).revoked;
    };
    expect(await revoke({ email: 'Alice@Acme-Corp.com' })).toBe(1);
    expect(await isSignedIn(browsers.alice)).toBe(false);
    expect(await isSignedIn(browsers.bob)).toBe(true);
    expect(await revoke({ domain: 'acme-labs.com' })).toBe(1);
    expect(await isSignedIn(browsers.lena)).toBe(false);
    expect(await isSignedIn(browsers.bob)).toBe(true);
    expect(await revoke({ all: true })).toBe(1);
    expect(await isSignedIn(browsers.bob)).toBe(false);

    expect((await app.requestJson('POST', `/api/v1/customer-pages/${id}/sessions/revoke`, { everyone: true })).status).toBe(400);
    expect((await app.request('/api/v1/customer-pages/nosuchpage000000/sessions')).status).toBe(404);
  });

  it('LOG-1/LOG-2: the audit log is readable per page and holds no token, code, session id or sign-in URL', async () => {
    const { app, seeded } = await setUp(database());
    const browser = createBrowser(app.app);
    const mail = await requestLinkMail(app.deps, browser, seeded.acme.path, 'alice@acme-corp.com');
    await browser.post(`${seeded.acme.path}/auth`, { link: mail.token });
    const sessionId = browser.jar.get(`__Host-beacon_s_${seeded.acme.customerPageId}`)!;
    const pending = browser.jar.get(`__Host-beacon_p_${seeded.acme.customerPageId}`);
    expect(pending).toBeUndefined();
    await createBrowser(app.app).post(`${seeded.acme.path}/sign-in`, { email: 'eve@evil-corp.com' });
    await browser.post(`${seeded.acme.path}/sign-out`, {});

    const res = await app.request(`/api/v1/customer-pages/${seeded.acme.customerPageId}/audit-log`);
    expect(res.status).toBe(200);
    const events = ((await res.json()) as { data: { action: string }[] }).data;
    expect(events.map((event) => event.action).sort()).toEqual(
      [
        'session.created',
        'session.revoked',
        'sign_in.link_opened',
        'sign_in.link_requested',
        'sign_in.link_requested',
        'sign_in.mail_sent',
        'sign_in.redeemed',
      ].sort(),
    );
    const text = JSON.stringify(events);
    for (const secret of [mail.token, mail.code, mail.link, sessionId, seeded.acme.path.slice(3)]) expect(text).not.toContain(secret);
    const limited = await app.request(`/api/v1/customer-pages/${seeded.acme.customerPageId}/audit-log?limit=2`);
    expect(((await limited.json()) as { data: unknown[] }).data).toHaveLength(2);
  });
});
