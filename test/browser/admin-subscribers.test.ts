/**
 * The dashboard's Subscribers screens in a real browser, without JavaScript doing anything they need:
 * an admin opens Subscribers from the navigation, a page's list, adds an address, imports a CSV file
 * chosen in the file input, and releases a quarantined address. axe-core finds no serious or critical
 * violation on any screen, at 1280 px and at 390 px, which scroll nothing sideways; no CSP violation.
 */
import type { Page as BrowserPage } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPage } from '../../src/services/pages/pages.js';
import { createStaffDeps } from '../../src/services/staff/staff-deps.js';
import type { Database } from '../../src/store/database.js';
import { type WebServer } from '../../src/web/server.js';
import { describeInBrowser, seriousViolations, shoot, sidewaysOverflow } from '../helpers/browser.js';
import { type MailedBrowserRig, startMailedBrowserRig } from '../helpers/mailed-browser-rig.js';
import { addStaff } from '../helpers/staff-fixtures.js';

describeInBrowser('dashboard: subscribers', () => {
  let database: Database;
  let web: WebServer;
  let rig: MailedBrowserRig;
  let cspViolations: string[] = [];

  beforeAll(async () => {
    rig = await startMailedBrowserRig();
    ({ database, web, cspViolations } = rig);
    await createPage(web.ctx, { slug: 'public', name: 'Public status', items: [] });
    await addStaff(createStaffDeps(web.ctx, { secret: rig.config.secret }), { 'ann@example.com': 'admin' });
    await database.db
      .insertInto('email_quarantine')
      .values({ email: 'gone@example.com', reason: '550 5.1.1 no such user', quarantined_at: '2026-01-01T00:00:00.000Z' })
      .execute();
  });

  afterAll(async () => {
    await rig?.close();
  });

  async function checkScreen(page: BrowserPage, name: string): Promise<void> {
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, `admin-${name}`);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await seriousViolations(page)).toEqual([]);
    expect(await sidewaysOverflow(page), name).toBe(0);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it('an admin adds and imports subscribers of a page and releases a quarantined address, on accessible screens', async () => {
    const page = await rig.openAsStaff('ann@example.com', { forAxe: true });
    await page.click('nav.admin-nav a:has-text("Subscribers")');
    await page.waitForSelector('h1:has-text("Subscribers")');
    await checkScreen(page, 'subscribers');

    await page.click('a:has-text("Public status")');
    await page.waitForSelector('h1:has-text("Subscribers of Public status")');
    await page.fill('#email', 'dee@example.com');
    await page.click('button:has-text("Add")');
    await page.waitForSelector('text=Subscriber added, confirmed.');

    await page.setInputFiles('#file', {
      name: 'list.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('email,consent_source\r\nfay@example.com,trade fair 2026\r\nnope,trade fair 2026\r\n'),
    });
    await page.click('button:has-text("Import")');
    await page.waitForSelector('h2:has-text("Nothing was imported")');
    await checkScreen(page, 'subscribers-import-refused');
    await page.setInputFiles('#file', {
      name: 'list.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('email,consent_source\r\nfay@example.com,trade fair 2026\r\n'),
    });
    await page.click('button:has-text("Import")');
    await page.waitForSelector('text=Imported 1 row: 1 added.');
    expect(await page.locator('tbody tr').count()).toBe(2);
    await checkScreen(page, 'subscribers-list');

    await page.click('a:has-text("← All pages")');
    await page.click('a:has-text("Quarantined addresses")');
    await page.waitForSelector('h1:has-text("Quarantined addresses")');
    await checkScreen(page, 'subscribers-quarantine');
    await page.click('button[aria-label="Release gone@example.com"]');
    await page.waitForSelector('text=No address is quarantined.');
    expect(cspViolations).toEqual([]);
  });
});
