/** Open Graph and Twitter card meta: on every kind of public page, never on a customer page (HDR-3..8). */
import { afterEach, expect, it } from 'vitest';
import { createBrowser, seedCustomerPages, signIn } from '../../../test/helpers/customer-pages.js';
import { describeOnSqlite } from '../../../test/helpers/describe-each-engine.js';
import { seedRegions } from '../../../test/helpers/sub-page-fixtures.js';
import { type TestApp, createTestApp } from '../../../test/helpers/test-app.js';
import { createIncident } from '../../services/status/incidents.js';

const PUBLIC_URL = 'https://status.example.com';

const opened: TestApp[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
});

/** Every `property`/`name` → `content` of the head's og: and twitter: meta. */
function previewMeta(html: string): Record<string, string> {
  const head = html.slice(0, html.indexOf('</head>'));
  const found: Record<string, string> = {};
  for (const match of head.matchAll(/<meta (?:property|name)="((?:og|twitter):[^"]+)" content="([^"]*)"\/>/g)) found[match[1]!] = match[2]!;
  return found;
}

describeOnSqlite('link previews', (database) => {
  it('name the page and its current status on status, sub-, incident and history pages', async () => {
    const app = await createTestApp(database(), { env: { PUBLIC_URL } });
    opened.push(app);
    const regions = await seedRegions(app.deps.ctx);
    const incident = await createIncident(app.deps.ctx, {
      name: 'API errors',
      status: 'investigating',
      message: 'Looking',
      impacts: [{ componentId: regions.components.api, impact: 'partial_outage' }],
    });
    const html = async (path: string) => (await app.app.request(path)).text();

    const page = previewMeta(await html('/regions'));
    expect(page).toEqual({
      'og:type': 'website',
      'og:site_name': 'Regions',
      'og:title': expect.stringMatching(/^Regions.*: Partial System Outage$/) as string,
      'og:description': expect.stringContaining('Partial System Outage') as string,
      // The default page: its canonical address is the site's root.
      'og:url': `${PUBLIC_URL}/`,
      'twitter:card': 'summary',
    });
    expect(previewMeta(await html('/regions/apac'))['og:title']).toMatch(/: All Systems Operational$/);
    expect(previewMeta(await html(`/regions/incidents/${incident.id}`))).toMatchObject({
      'og:title': expect.stringMatching(/^API errors .*: Partial System Outage$/) as string,
      'og:url': `${PUBLIC_URL}/regions/incidents/${incident.id}`,
    });
    expect(previewMeta(await html('/regions/history'))['og:url']).toMatch(/^https:\/\/status\.example\.com\/regions\/history\?month=/);
    expect(await html('/regions')).not.toContain('og:image');
  });

  it('are absent on a signed-in customer page and on error pages', async () => {
    const app = await createTestApp(database(), { env: { PUBLIC_URL } });
    opened.push(app);
    const customers = await seedCustomerPages(app.deps.ctx, app.deps.config.publicUrl);
    const browser = createBrowser(app.app);
    await signIn(app.deps, browser, customers.acme.path, 'alice@acme-corp.com');
    const res = await browser.get(customers.acme.path);
    expect(res.status).toBe(200);
    const customerPage = await res.text();
    expect(customerPage).toContain('Acme cluster');
    expect(previewMeta(customerPage)).toEqual({});
    expect(previewMeta(await (await app.app.request('/no-such-page')).text())).toEqual({});
  });
});
