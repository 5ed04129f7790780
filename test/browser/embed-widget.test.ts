/**
 * The status widget on another site, in a real browser: a host page on another origin (a second
 * server, another port) with a strict CSP of its own embeds `/embed/status.js`; the pill reads the
 * page's status, changes when an incident is declared (the refresh driven by `visibilitychange`), and
 * a page that does not exist shows "Status unavailable" without a single error on the host.
 */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createComponent } from '../../src/services/status/components.js';
import { createIncident } from '../../src/services/status/incidents.js';
import { createPage } from '../../src/services/pages/pages.js';
import type { Database } from '../../src/store/database.js';
import { type BrowserRig, describeInBrowser, startBrowserRig } from '../helpers/browser.js';
import { createTestDatabase } from '../helpers/databases.js';
import { type TestApp, createTestApp } from '../helpers/test-app.js';

describeInBrowser('embedded status widget', () => {
  let database: Database;
  let testApp: TestApp;
  let rig: BrowserRig;
  let host: Server;
  let hostOrigin: string;
  let apiId: string;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    testApp = await createTestApp(database);
    const { ctx } = testApp.deps;
    const api = await createComponent(ctx, { name: 'Public API' });
    apiId = api.id;
    await createPage(ctx, {
      slug: 'acme',
      name: 'Acme',
      timeZone: 'UTC',
      isDefault: true,
      items: [{ kind: 'component', componentId: api.id, showUptime: true }],
    });
    rig = await startBrowserRig(testApp.web);
    const html =
      '<!DOCTYPE html><html lang="en"><head><title>Host</title></head><body><main><p id="host">Our product</p>' +
      `<p id="ok"><script src="${rig.origin}/embed/status.js" data-page="acme" async></script></p>` +
      `<p id="missing"><script src="${rig.origin}/embed/status.js" data-url="${rig.origin}/no-such-page" async></script></p>` +
      '</main></body></html>';
    host = createServer((_, response) => {
      // The host's own strict CSP: the widget's script and read are allowed; no inline style is.
      response.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': `default-src 'none'; script-src ${rig.origin}; connect-src ${rig.origin}`,
      });
      response.end(html);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await rig?.close();
    await new Promise((resolve) => host?.close(resolve));
    await testApp?.close();
    await database?.close();
  });

  it('shows the status on another origin, follows an incident, and says when it cannot read one', async () => {
    const context = await rig.browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes('404')) errors.push(message.text());
    });
    await page.goto(`${hostOrigin}/`, { waitUntil: 'load' });
    expect(new URL(page.url()).origin).not.toBe(rig.origin);

    const pill = page.locator('#ok').getByRole('link');
    await pill.filter({ hasText: 'All Systems Operational' }).waitFor();
    expect(await pill.getAttribute('aria-label')).toBe('Acme status: All Systems Operational');
    // The page's address as its API gives it (the default page's is the site's root).
    expect(await pill.getAttribute('href')).toBe(new URL('/', testApp.deps.config.publicUrl).href);
    // In a shadow root beside the script tag: nothing of it in the host's own DOM.
    expect(await page.locator('#ok > .beacon-status').evaluate((el) => el.shadowRoot !== null && el.textContent === '')).toBe(true);
    // Styled inside its shadow root despite the host's CSP.
    expect(await pill.evaluate((link) => getComputedStyle(link).borderTopLeftRadius)).not.toBe('0px');
    await page.locator('#missing').getByText('Status unavailable').waitFor();
    expect(await page.locator('#host').textContent()).toBe('Our product');

    await createIncident(testApp.deps.ctx, {
      name: 'API down',
      status: 'investigating',
      message: 'Looking',
      impacts: [{ componentId: apiId, impact: 'full_outage' }],
    });
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await pill.filter({ hasText: 'Major System Outage' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
