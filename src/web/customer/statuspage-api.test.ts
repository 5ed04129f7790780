/**
 * A customer page's v2 read API (docs/statuspage-v2.md): the signed-in viewer's session checked on
 * every request as the HTML page checks it (SES-4, SES-7), HDR-3..8 on every answer (no-store, Vary:
 * Cookie, noindex), no CORS, and nothing of another customer.
 */
import { expect, it } from 'vitest';
import { useSeededCustomerApp } from '../../../test/helpers/customer-app.js';
import { createBrowser, signIn } from '../../../test/helpers/customer-pages.js';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { type V2Document, V2_ENDPOINTS, expectValidDocument } from '../../../test/helpers/statuspage-v2.js';
import { updateCatalogEntry } from '../../services/catalog/catalog-entries.js';
import { createIncident } from '../../services/status/incidents.js';
import { CUSTOMER_TEST_URL } from '../../../test/helpers/customer-app.js';

describeEachEngine('the v2 read API of customer pages', (database) => {
  const setUp = useSeededCustomerApp();

  async function signedIn() {
    const { app, seeded } = await setUp(database());
    const { ctx } = app.deps;
    const acmeIncident = await createIncident(ctx, {
      name: 'Acme cluster slow',
      status: 'investigating',
      message: 'Looking',
      impacts: [{ componentId: seeded.acme.componentId, impact: 'degraded_performance' }],
    });
    await createIncident(ctx, {
      name: 'Globex cluster down',
      status: 'investigating',
      message: 'Down',
      impacts: [{ componentId: seeded.globex.componentId, impact: 'full_outage' }],
    });
    const browser = createBrowser(app.app);
    await signIn(app.deps, browser, seeded.acme.path, 'alice@acme-corp.com');
    return { app, seeded, browser, acmeIncident };
  }

  it('HDR-3..8: serves every endpoint to the signed-in viewer, valid, no-store, no CORS, only their components', async () => {
    const { seeded, browser, acmeIncident } = await signedIn();
    for (const endpoint of V2_ENDPOINTS) {
      const res = await browser.get(`${seeded.acme.path}/api/v2/${endpoint}`, { accept: 'application/json' });
      expect(res.status, endpoint).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('vary')).toContain('Cookie');
      expect(res.headers.get('x-robots-tag')).toBe('noindex');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      const text = await res.text();
      expect(text).not.toContain('Globex');
      expectValidDocument(endpoint, JSON.parse(text), endpoint);
    }
    const summary = (await (await browser.get(`${seeded.acme.path}/api/v2/summary.json`)).json()) as V2Document;
    expect(summary.page).toMatchObject({ name: 'Acme Corp', url: `${CUSTOMER_TEST_URL}${seeded.acme.path}` });
    expect(summary.status).toEqual({ indicator: 'minor', description: 'Minor Service Outage' });
    expect(summary.components!.map((row) => [row.name, row.status])).toEqual([
      ['Public API', 'operational'],
      ['Acme Corp — dedicated', 'degraded_performance'],
      ['Acme cluster', 'degraded_performance'],
    ]);
    expect(summary.incidents!.map((row) => [row.id, row.shortlink])).toEqual([
      [acmeIncident.id, `${CUSTOMER_TEST_URL}${seeded.acme.path}/incidents/${acmeIncident.id}`],
    ]);
  });

  it('signed out: a 401 problem that shows nothing of the page; unknown tokens and paths the same 404', async () => {
    const { app, seeded } = await signedIn();
    const anonymous = createBrowser(app.app);
    const res = await anonymous.get(`${seeded.acme.path}/api/v2/summary.json`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const text = await res.text();
    for (const secret of ['Acme', 'Public API', 'cluster', 'slow']) expect(text).not.toContain(secret);

    const whole = async (response: Response) => ({ status: response.status, body: await response.text() });
    const missing = await whole(await anonymous.get('/c/AAAAAAAAAAAAAAAAAAAAAAAA/api/v2/summary.json'));
    expect(missing.status).toBe(404);
    // A made-up path under a real page answers as a made-up page does, signed in or not.
    expect(await whole(await anonymous.get(`${seeded.acme.path}/api/v2/nope.json`))).toEqual(missing);
    expect(await whole(await anonymous.get(`${seeded.acme.path}/api/v2/`))).toEqual(missing);
    const post = await anonymous.post(`${seeded.acme.path}/api/v2/status.json`, {});
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('SES-4: the session is checked on every request: a domain leaving the allowlist ends access on the next one', async () => {
    const { app, seeded, browser } = await signedIn();
    const path = `${seeded.acme.path}/api/v2/status.json`;
    expect((await browser.get(path)).status).toBe(200);
    expect((await browser.get(path)).status).toBe(200);
    await updateCatalogEntry(app.deps.ctx, seeded.acme.entryId, { values: { email_domains: ['acme-labs.com'] } }, { actor: 'test' });
    const refused = await browser.get(path);
    expect(refused.status).toBe(401);
    // As on the HTML page, the cookie that no longer opens the page is cleared.
    expect(refused.headers.getSetCookie().some((cookie) => /Max-Age=0/i.test(cookie))).toBe(true);
  });

  it('SES-7: a session revoked by staff fails on its next request', async () => {
    const { app, seeded, browser } = await signedIn();
    const path = `${seeded.acme.path}/api/v2/summary.json`;
    expect((await browser.get(path)).status).toBe(200);
    const revoked = await app.requestJson('POST', `/api/v1/customer-pages/${seeded.acme.customerPageId}/sessions/revoke`, { all: true });
    expect(revoked.status).toBe(200);
    expect((await browser.get(path)).status).toBe(401);
  });
});
