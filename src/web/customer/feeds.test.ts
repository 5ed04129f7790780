/**
 * A customer page's feeds: the signed-in viewer's session checked on every request by the check the
 * HTML page and the read API share (SES-4, SES-7), HDR-3..8 on every answer (no-store, Vary: Cookie,
 * noindex), no CORS, and nothing of another customer.
 */
import ICAL from 'ical.js';
import Parser from 'rss-parser';
import { expect, it } from 'vitest';
import { CUSTOMER_TEST_URL, useSeededCustomerApp } from '../../../test/helpers/customer-app.js';
import { createBrowser, signIn } from '../../../test/helpers/customer-pages.js';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { updateCatalogEntry } from '../../services/catalog/catalog-entries.js';
import { createIncident } from '../../services/status/incidents.js';
import { scheduleMaintenance } from '../../services/status/maintenances.js';

const FEEDS = [
  ['feed.atom', 'application/atom+xml; charset=utf-8'],
  ['feed.rss', 'application/rss+xml; charset=utf-8'],
  ['maintenance.ics', 'text/calendar; charset=utf-8'],
] as const;

describeEachEngine('the feeds of customer pages', (database) => {
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
    app.advance(60_000);
    const now = ctx.clock().getTime();
    const acmeWindow = await scheduleMaintenance(ctx, {
      name: 'Acme cluster upgrade',
      componentIds: [seeded.acme.componentId],
      scheduledStart: new Date(now + 86_400_000),
      scheduledEnd: new Date(now + 90_000_000),
    });
    const browser = createBrowser(app.app);
    await signIn(app.deps, browser, seeded.acme.path, 'alice@acme-corp.com');
    return { app, seeded, browser, acmeIncident, acmeWindow };
  }

  it('HDR-3..8: serves each feed to the signed-in viewer, no-store, no CORS, only their incidents and windows', async () => {
    const { seeded, browser, acmeIncident, acmeWindow } = await signedIn();
    const texts: Record<string, string> = {};
    for (const [file, type] of FEEDS) {
      const res = await browser.get(`${seeded.acme.path}/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('vary')).toContain('Cookie');
      expect(res.headers.get('x-robots-tag')).toBe('noindex');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      texts[file] = await res.text();
      expect(texts[file]).not.toContain('Globex');
    }
    const atom = await new Parser().parseString(texts['feed.atom']!);
    expect(atom.link).toBe(`${CUSTOMER_TEST_URL}${seeded.acme.path}`);
    expect(atom.items.map((item) => [item.title, item.link])).toEqual([
      ['Maintenance: Acme cluster upgrade', `${CUSTOMER_TEST_URL}${seeded.acme.path}#maintenance-${acmeWindow.id}`],
      ['Acme cluster slow', `${CUSTOMER_TEST_URL}${seeded.acme.path}/incidents/${acmeIncident.id}`],
    ]);
    const rss = await new Parser().parseString(texts['feed.rss']!);
    expect(rss.items.map((item) => item.title)).toEqual(atom.items.map((item) => item.title));
    const calendar = new ICAL.Component(ICAL.parse(texts['maintenance.ics']!));
    expect(calendar.getAllSubcomponents('vevent').map((event) => event.getFirstPropertyValue('summary'))).toEqual(['Acme cluster upgrade']);
  });

  it('signed out: a 401 problem that shows nothing of the page; an unknown token the shared 404', async () => {
    const { app, seeded } = await signedIn();
    const anonymous = createBrowser(app.app);
    for (const [file] of FEEDS) {
      const res = await anonymous.get(`${seeded.acme.path}/${file}`);
      expect(res.status, file).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      const text = await res.text();
      for (const secret of ['Acme', 'cluster', 'slow', 'upgrade']) expect(text).not.toContain(secret);
      expect((await anonymous.get(`/c/AAAAAAAAAAAAAAAAAAAAAAAA/${file}`)).status).toBe(404);
    }
  });

  it('SES-4: the session is checked on every request: a domain leaving the allowlist ends access on the next one', async () => {
    const { app, seeded, browser } = await signedIn();
    const path = `${seeded.acme.path}/feed.atom`;
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
    const path = `${seeded.acme.path}/maintenance.ics`;
    expect((await browser.get(path)).status).toBe(200);
    const revoked = await app.requestJson('POST', `/api/v1/customer-pages/${seeded.acme.customerPageId}/sessions/revoke`, { all: true });
    expect(revoked.status).toBe(200);
    expect((await browser.get(path)).status).toBe(401);
  });
});
