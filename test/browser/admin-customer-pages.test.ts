/**
 * The dashboard's customer page screens end to end in a real browser: a customer signed in to Acme's
 * page in one Chromium context and an admin signed in to /admin in another (sessions started through
 * the services); the admin copies Acme's URL with the copy button (the clipboard read back), previews
 * the page as the customer (banner shown, no viewer session made: STF-8), checks who can access,
 * reads the audit log, and revokes the customer, whose next request is refused (SES-7); revokes the
 * read token the customer made. axe-core finds no serious or critical violation on
 * any screen, at 1280 px and at 390 px, which scroll nothing sideways; no CSP violation is reported.
 */
import type { Page as BrowserPage } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStaffDeps } from '../../src/services/staff/staff-deps.js';
import type { Database } from '../../src/store/database.js';
import { type WebServer } from '../../src/web/server.js';
import { describeInBrowser, seriousViolations, shoot, sidewaysOverflow } from '../helpers/browser.js';
import { type SeededCustomerPages, seedCustomerPages } from '../helpers/customer-pages.js';
import { type MailedBrowserRig, startMailedBrowserRig } from '../helpers/mailed-browser-rig.js';
import { addStaff } from '../helpers/staff-fixtures.js';

describeInBrowser('dashboard: customer pages', () => {
  let database: Database;
  let web: WebServer;
  let rig: MailedBrowserRig;
  let origin: string;
  let seeded: SeededCustomerPages;
  let cspViolations: string[] = [];

  beforeAll(async () => {
    rig = await startMailedBrowserRig();
    ({ database, web, origin, cspViolations } = rig);
    const { config } = rig;
    seeded = await seedCustomerPages(web.ctx, origin);
    await addStaff(createStaffDeps(web.ctx, { secret: config.secret }), { 'ann@example.com': 'admin' });
  });

  afterAll(async () => {
    await rig?.close();
  });

  const newContext = (options: Parameters<MailedBrowserRig['newContext']>[0] = {}) => rig.newContext(options);

  /** No serious or critical axe violation, and nothing scrolls sideways, at 1280 px and at 390 px; screenshots of both for a person to look at (with `BEACON_SHOTS=1`). */
  async function checkScreen(page: BrowserPage, name: string): Promise<void> {
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, `admin-${name}`);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await seriousViolations(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBe(0);
    await shoot(page, `admin-${name}-phone`);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  const countSessions = async (): Promise<number> =>
    Number(
      (
        await database.db
          .selectFrom('sessions')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('an admin copies a URL, previews a page as its customer (STF-8: no session), checks access, reads the audit log and revokes a viewer', async () => {
    // Both signed in through sessions started by the services: the mailed journeys are
    // customer-page.test.ts's and staff-dashboard.test.ts's.
    const customerContext = await newContext();
    await rig.startViewerSession(customerContext, seeded.acme.customerPageId, 'alice@acme-corp.com');
    const customer = await customerContext.newPage();
    await customer.goto(`${origin}${seeded.acme.path}`);
    await customer.waitForSelector('text=Sign out');
    expect(await countSessions()).toBe(1);
    // The customer makes a read token for a feed reader (docs/read-tokens.md).
    await customer.click('a:has-text("API and feed access")');
    await customer.fill('#token-name', 'Feed reader');
    await customer.click('button:has-text("Create token")');
    await customer.waitForSelector('text=it will not be shown again');
    await customer.goto(`${origin}${seeded.acme.path}`);

    const staff = await rig.openAsStaff('ann@example.com', { forAxe: true, clipboard: true });

    await staff.click('nav >> text=Customer pages');
    await staff.waitForSelector('h1:has-text("Customer pages")');
    const acmeRow = staff.locator('tr', { hasText: 'Acme Corp' });
    expect(await acmeRow.locator('td').nth(2).textContent()).toBe('1');
    await acmeRow.getByRole('button', { name: 'Copy URL of Acme Corp' }).click();
    await acmeRow.locator('text=Copied').waitFor();
    expect(await staff.evaluate(() => navigator.clipboard.readText())).toBe(`${origin}${seeded.acme.path}`);
    await checkScreen(staff, 'customer-pages');

    await staff.click('text=Acme Corp');
    await staff.waitForSelector('h2:has-text("Signed-in viewers (1)")');
    await staff.waitForSelector('h2:has-text("Read tokens (1)")');
    await checkScreen(staff, 'customer-page');
    await staff.getByRole('button', { name: 'Revoke token Feed reader of alice@acme-corp.com' }).click();
    await staff.waitForSelector('text=The read token was revoked');
    await staff.waitForSelector('h2:has-text("Read tokens (0)")');

    await staff.click('text=Preview as this customer');
    await staff.waitForSelector('.preview-banner >> text=Preview');
    expect(await staff.textContent('main')).toContain('Acme cluster');
    expect(await staff.textContent('main')).not.toContain('Globex cluster');
    expect(await countSessions()).toBe(1);
    expect((await staff.context().cookies()).filter((cookie) => !cookie.name.includes('beacon-staff'))).toEqual([]);
    await checkScreen(staff, 'customer-page-preview');
    await staff.click('text=Back to the dashboard');

    await staff.goto(`${origin}/admin/customer-pages/who-can-access`);
    await staff.fill('#email', 'bob@eu.globex.com');
    await staff.press('#email', 'Enter');
    await staff.waitForSelector('text=may sign in to 0 customer pages');
    expect(await staff.textContent('main')).toContain('globex.com admits exactly that domain');
    await checkScreen(staff, 'who-can-access');

    await staff.goto(`${origin}/admin/customer-pages/${seeded.acme.customerPageId}/rotate`);
    await checkScreen(staff, 'rotate-url');

    await staff.goto(`${origin}/admin/customer-pages/${seeded.acme.customerPageId}`);
    await staff.getByRole('button', { name: 'Revoke alice@acme-corp.com' }).click();
    await staff.waitForSelector('text=those viewers are signed out');
    expect(await countSessions()).toBe(0);
    await customer.reload();
    await customer.waitForSelector('input[name="email"]');
    expect(await customer.textContent('main')).not.toContain('Acme cluster');

    await staff.click('nav >> text=Audit log');
    await staff.selectOption('#f-event', 'session.revoked');
    await staff.click('button:has-text("Filter")');
    await staff.waitForSelector('td:has-text("staff:ann@example.com")');
    expect(await staff.locator('tbody tr').count()).toBe(1);
    await checkScreen(staff, 'audit-log');
    expect(cspViolations).toEqual([]);
  });
});
