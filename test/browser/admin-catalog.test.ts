/**
 * The dashboard's Catalog screens end to end in a real browser: staff, signed in (sessions started
 * through the services), add a customer entry and see gmail.com refused with its reason as they type
 * (DOM-8; the check is the page's nonce'd script, so it runs under the page's own CSP, HDR-1), save,
 * and the entry's customer page exists. axe-core finds no serious or critical violation on any Catalog screen, at 1280 px and
 * at 390 px, where nothing scrolls sideways.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listCustomerPages } from '../../src/services/pages/customer-pages.js';
import { createStaffDeps } from '../../src/services/staff/staff-deps.js';
import { type WebServer } from '../../src/web/server.js';
import { describeInBrowser, seriousViolations, shoot, sidewaysOverflow } from '../helpers/browser.js';
import { type SeededCustomerPages, seedCustomerPages } from '../helpers/customer-pages.js';
import { type MailedBrowserRig, startMailedBrowserRig } from '../helpers/mailed-browser-rig.js';
import { addStaff } from '../helpers/staff-fixtures.js';

describeInBrowser('dashboard catalog', () => {
  let web: WebServer;
  let rig: MailedBrowserRig;
  let origin: string;
  let seeded: SeededCustomerPages;
  let cspViolations: string[] = [];

  beforeAll(async () => {
    rig = await startMailedBrowserRig();
    ({ web, origin, cspViolations } = rig);
    const { config } = rig;
    await addStaff(createStaffDeps(web.ctx, { secret: config.secret }), { 'ann@example.com': 'admin', 'al@example.com': 'admin' });
    seeded = await seedCustomerPages(web.ctx, origin);
  });

  afterAll(async () => {
    await rig?.close();
  });

  const newContext = (options: Parameters<MailedBrowserRig['newContext']>[0] = {}) => rig.newContext(options);

  // Signed in through sessions started by the services: the mailed journey is staff-dashboard.test.ts's.
  const staffPage = (email: string, options: Parameters<MailedBrowserRig['newContext']>[0] = {}) => rig.openAsStaff(email, options);

  it('an admin adds a customer entry: gmail.com refused with its reason as they type, saved without it, and its customer page exists', async () => {
    const page = await staffPage('ann@example.com');
    await page.click('nav >> text=Catalog');
    await page.click('a:text-is("Customer")');
    await page.click('text=Add an entry');
    expect(new URL(page.url()).pathname).toBe(`/admin/catalog/types/${seeded.typeId}/entries/new`);

    await page.fill('#name', 'Initech');
    await page.focus('#v-email_domains');
    await page.keyboard.type('initech.example');
    await page.keyboard.press('Enter');
    await page.keyboard.type('gmail.com');
    // The verdict arrives as typed, from the JSON check: nothing was posted.
    // The verdict of the whole address, not of a prefix still being typed ("gmai").
    const refusal = page.locator('#v-email_domains-verdicts .verdict.refused', { hasText: 'gmail.com' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(
      'Refused: gmail.com is a webmail domain: anyone can get an address there, so it cannot identify one customer.',
    );
    expect(await page.locator('#v-email_domains-verdicts .verdict.ok').textContent()).toContain('initech.example');
    expect(await refusal.locator('input[name="allow"]').count()).toBe(1);
    expect(new URL(page.url()).pathname).toBe(`/admin/catalog/types/${seeded.typeId}/entries/new`);
    await shoot(page, 'admin-catalog-refused');

    // An international domain shows both forms (DOM-10) as typed.
    await page.keyboard.press('Enter');
    await page.keyboard.type('bücher.example');
    await page.locator('#v-email_domains-verdicts >> text=(xn--bcher-kva.example)').waitFor();

    await page.fill('#v-email_domains', 'initech.example\nbücher.example');
    await page.click('text=Add entry');
    await page.waitForSelector('text=Entry added.');
    expect(await page.textContent('main')).toContain('bücher.example (xn--bcher-kva.example)');

    const pages = await listCustomerPages(web.ctx, { publicUrl: origin });
    const initech = pages.find((p) => p.name === 'Initech');
    expect(initech).toBeDefined();
    const customer = await page.goto(initech!.url);
    expect(customer?.status()).toBe(200);
    expect(await page.locator('input[name="email"]').count()).toBe(1);
    // The whole journey ran under the pages' own CSP, the as-you-type script included.
    expect(cspViolations).toEqual([]);
  });

  it('every Catalog screen passes axe at 1280 px and at 390 px, where nothing scrolls sideways', async () => {
    const wide = await staffPage('al@example.com', { forAxe: true });
    const screens = [
      '/admin/catalog',
      `/admin/catalog/types/${seeded.typeId}`,
      `/admin/catalog/types/${seeded.typeId}/schema`,
      `/admin/catalog/types/${seeded.typeId}/entries/new`,
      `/admin/catalog/entries/${seeded.acme.entryId}`,
    ];
    const narrowContext = await newContext({ forAxe: true, width: 390 });
    await narrowContext.addCookies(await wide.context().cookies());
    const narrow = await narrowContext.newPage();
    for (const path of screens) {
      for (const page of [wide, narrow]) {
        await page.goto(`${origin}${path}`);
        expect(await seriousViolations(page), path).toEqual([]);
      }
      expect(await sidewaysOverflow(narrow), path).toBe(0);
    }
    // A refused post (field errors and verdicts shown) passes too.
    await wide.goto(`${origin}/admin/catalog/types/${seeded.typeId}/entries/new`);
    await wide.fill('#v-email_domains', 'gmail.com');
    await wide.click('text=Add entry');
    await wide.waitForSelector('.field-error');
    expect(await seriousViolations(wide)).toEqual([]);
    await narrow.goto(`${origin}/admin/catalog/entries/${seeded.acme.entryId}`);
    await shoot(narrow, 'admin-catalog-entry-390');
  });
});
