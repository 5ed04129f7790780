/**
 * The Components and Pages screens end to end in a real browser: an admin, signed in (a session
 * started through the services), creates a component, places it in a page's structure, moves it with
 * the keyboard (each Move a POST, the focus kept on the moved row), and the public page shows the
 * new order; then a row is dragged (the screen's one script, under its CSP nonce). axe-core finds no
 * serious or critical violation on any of the screens, and no CSP violation is reported (HDR-1).
 */
import type { Page as BrowserPage } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPage } from '../../src/services/pages/pages.js';
import { createStaffDeps } from '../../src/services/staff/staff-deps.js';
import { createComponent } from '../../src/services/status/components.js';
import { createGroup } from '../../src/services/status/groups.js';
import { type WebServer } from '../../src/web/server.js';
import { describeInBrowser, seriousViolations } from '../helpers/browser.js';
import { type MailedBrowserRig, startMailedBrowserRig } from '../helpers/mailed-browser-rig.js';
import { addStaff } from '../helpers/staff-fixtures.js';

describeInBrowser('dashboard: components and pages', () => {
  let web: WebServer;
  let rig: MailedBrowserRig;
  let origin: string;
  let cspViolations: string[] = [];

  beforeAll(async () => {
    rig = await startMailedBrowserRig();
    ({ web, origin, cspViolations } = rig);
    const { config } = rig;
    await addStaff(createStaffDeps(web.ctx, { secret: config.secret }), { 'ann@example.com': 'admin', 'ada@example.com': 'admin' });
    const api = await createComponent(web.ctx, { name: 'Public API' });
    const site = await createComponent(web.ctx, { name: 'Website' });
    await createGroup(web.ctx, { name: 'Storage', componentIds: [] });
    await createPage(web.ctx, {
      slug: 'status',
      name: 'Acme status',
      items: [
        { kind: 'component', componentId: api.id, showUptime: true },
        { kind: 'component', componentId: site.id, showUptime: true },
      ],
    });
  });

  afterAll(async () => {
    await rig?.close();
  });

  // Signed in through sessions started by the services: the mailed journey is staff-dashboard.test.ts's.
  const staffPage = (email: string, forAxe = false) => rig.openAsStaff(email, { forAxe });

  /** The names of the structure's rows, top to bottom. */
  const rows = (page: BrowserPage) => page.locator('ol.ordered li strong').allTextContents();

  /** The component names in the public page's order. */
  async function publicOrder(page: BrowserPage, names: string[]): Promise<string[]> {
    await page.goto(`${origin}/status`);
    const text = (await page.textContent('main')) ?? '';
    return names.filter((name) => text.includes(name)).sort((a, b) => text.indexOf(a) - text.indexOf(b));
  }

  it('an admin creates a component, places it on a page, moves it up with the keyboard, and the public page follows; every screen passes axe', async () => {
    const page = await staffPage('ann@example.com', true);

    await page.click('nav >> text=Components');
    expect(await seriousViolations(page)).toEqual([]);
    await page.focus('#new-name');
    await page.keyboard.type('Search');
    await page.click('text=Create component');
    await page.waitForSelector('text=Component created');
    expect(await page.locator('table >> text=Search').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    // A refused form: the error in place, the typed description kept.
    await page.fill('#new-description', 'typed and kept');
    await page.click('text=Create component');
    await page.waitForSelector('#new-name-error');
    expect(await page.inputValue('#new-description')).toBe('typed and kept');
    expect(await seriousViolations(page)).toEqual([]);

    await page.click('nav[aria-label="Components and groups"] >> text=Groups');
    expect(await seriousViolations(page)).toEqual([]);
    await page.click('table >> text=Storage');
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${origin}/admin/components`);
    await page.click('table >> text=Public API');
    await page.waitForSelector('h1:has-text("Public API")');
    expect(await seriousViolations(page)).toEqual([]);

    await page.click('nav >> text=Pages');
    expect(await seriousViolations(page)).toEqual([]);
    await page.click('table >> text=Acme status');
    expect(await seriousViolations(page)).toEqual([]);
    await page.fill('#find', 'sear');
    await page.press('#find', 'Enter');
    await page.click('button[aria-label="Add: Search"]');
    await page.waitForSelector('text=Added to the page.');
    expect(await rows(page)).toEqual(['Public API', 'Website', 'Search']);

    // Keyboard only: Enter on Move up, twice; after each POST the same button has the focus again.
    await page.focus('button[aria-label="Move up: Search"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Order saved.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move up: Search');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('ol.ordered li strong')?.textContent === 'Search');
    expect(await rows(page)).toEqual(['Search', 'Public API', 'Website']);
    expect(await seriousViolations(page)).toEqual([]);

    expect(await publicOrder(page, ['Search', 'Public API', 'Website'])).toEqual(['Search', 'Public API', 'Website']);
  });

  it('drags a row under the page CSP (the nonce script runs, nothing is reported) and the order is saved', async () => {
    const page = await staffPage('ada@example.com');
    await page.click('nav >> text=Pages');
    await page.click('table >> text=Acme status');
    // The click only starts the navigation: read the rows once the page's own screen is there.
    await page.waitForSelector('h1:has-text("Acme status")');
    const before = await rows(page);
    const last = before[before.length - 1]!;
    await page.dragAndDrop('ol.ordered li:last-child', 'ol.ordered li:first-child');
    await page.waitForSelector('text=Order saved.');
    expect((await rows(page))[0]).toBe(last);
    expect(cspViolations).toEqual([]);
  });
});
