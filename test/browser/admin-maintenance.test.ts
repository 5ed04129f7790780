/**
 * The dashboard's Maintenance screens end to end in Chromium: a responder, signed in (a session
 * started through the services), schedules a window with the form (times in the default page's
 * zone, a component found with the filter box), sees it on the public page as scheduled and in the calendar,
 * starts it early and completes it. axe-core finds no serious or critical violation on the list, the
 * form and the calendar (at 1280 px and at 390 px, where nothing scrolls sideways), and the filter
 * script runs under the page's CSP nonce with no violation (HDR-1).
 */
import { timeZones } from '../../src/web/time-zones.js';
import type { Page as BrowserPage } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { localDateTime, monthKey } from '../../src/domain/time-zone.js';
import { createPage } from '../../src/services/pages/pages.js';
import { createStaffDeps } from '../../src/services/staff/staff-deps.js';
import { createComponent } from '../../src/services/status/components.js';
import { createGroup } from '../../src/services/status/groups.js';
import { formatInZone } from '../../src/web/views/format.js';
import { type WebServer } from '../../src/web/server.js';
import { describeInBrowser, seriousViolations, shoot, sidewaysOverflow } from '../helpers/browser.js';
import { type MailedBrowserRig, startMailedBrowserRig } from '../helpers/mailed-browser-rig.js';
import { addStaff } from '../helpers/staff-fixtures.js';

const ZONE = 'America/New_York';
const DAY = 86_400_000;

describeInBrowser('admin maintenance', () => {
  let web: WebServer;
  let rig: MailedBrowserRig;
  let origin: string;
  let cspViolations: string[] = [];

  beforeAll(async () => {
    rig = await startMailedBrowserRig();
    ({ web, origin, cspViolations } = rig);
    const { config } = rig;
    const api = await createComponent(web.ctx, { name: 'API' });
    const db = await createComponent(web.ctx, { name: 'Primary database' });
    const site = await createComponent(web.ctx, { name: 'Website' });
    const backend = await createGroup(web.ctx, { name: 'Backend', componentIds: [api.id, db.id] });
    await createPage(web.ctx, {
      slug: 'acme',
      name: 'Acme Cloud',
      timeZone: ZONE,
      items: [
        { kind: 'group', groupId: backend.id, showUptime: true },
        { kind: 'component', componentId: site.id, showUptime: true },
      ],
    });
    await addStaff(createStaffDeps(web.ctx, { secret: config.secret }), { 'rita@example.com': 'responder', 'ann@example.com': 'admin' });
  });

  afterAll(async () => {
    await rig?.close();
  });

  const newContext = (forAxe = false) => rig.newContext({ forAxe });

  // Signed in through sessions started by the services: the mailed journey is staff-dashboard.test.ts's.
  const staffPage = (email: string, forAxe = false) => rig.openAsStaff(email, { forAxe });

  /** axe at 1280 px, then at 390 px with nothing scrolling sideways. */
  async function checkScreen(page: BrowserPage, name: string): Promise<void> {
    expect([name, await seriousViolations(page)]).toEqual([name, []]);
    await shoot(page, `admin-maintenance-${name}`);
    await page.setViewportSize({ width: 390, height: 844 });
    expect([name, await sidewaysOverflow(page)]).toEqual([name, 0]);
    await shoot(page, `admin-maintenance-${name}-phone`);
    expect([name, await seriousViolations(page)]).toEqual([name, []]);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it('a responder schedules maintenance, sees it on the public page and in the calendar, starts it early and completes it', async () => {
    const page = await staffPage('rita@example.com', true);
    await page.click('nav >> text=Maintenance');
    await page.waitForSelector('h1:has-text("Maintenance")');
    await checkScreen(page, 'list');

    await page.click('text=Schedule maintenance');
    await page.waitForSelector('h1:has-text("Schedule maintenance")');
    expect(await page.inputValue('#zone')).toBe(ZONE);
    await checkScreen(page, 'form');
    const start = new Date(Date.now() + 2 * DAY);
    const end = new Date(start.getTime() + 2 * 3_600_000);
    await page.fill('#name', 'Database failover test');
    await page.fill('#message', 'Writes pause for a minute.');
    await page.fill('#start', localDateTime(start, ZONE, timeZones));
    await page.fill('#end', localDateTime(end, ZONE, timeZones));
    // The filter box narrows the picker to matching components.
    await page.fill('#component-filter', 'primary');
    expect(await page.isVisible('label:has-text("Primary database")')).toBe(true);
    expect(await page.isVisible('label:has-text("Website")')).toBe(false);
    await page.check('label:has-text("Primary database") >> input');
    // Review first: the window previewed as the public page will show it, in the page's zone; axe passes on it.
    await page.click('button:has-text("Review")');
    await page.waitForSelector('h2:has-text("Review before publishing")');
    const card = await page.textContent('.preview-page article.maint');
    expect(card).toContain('Database failover test');
    expect(card).toContain(formatInZone(start, ZONE, 'datetime'));
    expect(card).toContain('Primary database');
    expect(await seriousViolations(page)).toEqual([]);
    await page.click('button:has-text("Schedule")');
    await page.waitForSelector('text=Maintenance scheduled.');
    expect(await page.textContent('h1')).toContain('Scheduled');

    const publicPage = await (await newContext()).newPage();
    await publicPage.goto(`${origin}/`);
    const upcoming = await publicPage.textContent('section[aria-labelledby="maintenance-upcoming"]');
    expect(upcoming).toContain('Database failover test');
    expect(upcoming).toContain('Scheduled');

    await page.click('nav[aria-label="Maintenance"] >> text=Calendar');
    await page.waitForSelector('h1:has-text("Maintenance calendar")');
    if (monthKey(start, ZONE, timeZones) !== monthKey(new Date(), ZONE, timeZones)) await page.click('.cal-nav a:last-child');
    expect(await page.textContent('table.cal')).toContain('Database failover test');
    await checkScreen(page, 'calendar');

    await page.click('table.cal >> text=Database failover test');
    await page.click('button:has-text("Start now")');
    await page.waitForSelector('text=The window has started.');
    expect(await page.textContent('h1')).toContain('In progress');
    await publicPage.reload();
    expect(await publicPage.textContent('section[aria-labelledby="maintenance-now"]')).toContain('Database failover test');

    await page.fill('#complete-message', 'Failover went well.');
    await page.click('button:has-text("Complete now")');
    await page.waitForSelector('text=The window is complete.');
    expect(await page.textContent('h1')).toContain('Completed');
    await publicPage.reload();
    expect(await publicPage.locator('#maintenance-now').count()).toBe(0);
  });

  it('HDR-1: the filter script runs under the page nonce, with no CSP violation on any maintenance screen', async () => {
    const page = await staffPage('ann@example.com');
    await page.goto(`${origin}/admin/maintenance/new`);
    // Without the script the filter box stays hidden; with it, it shows.
    expect(await page.isVisible('#component-filter')).toBe(true);
    await page.fill('#component-filter', 'zzz');
    expect(await page.textContent('#component-filter-count')).toBe('0 components shown');
    await page.goto(`${origin}/admin/maintenance/calendar`);
    await page.goto(`${origin}/admin/maintenance`);
    expect(cspViolations).toEqual([]);
  });
});
