/**
 * The staff dashboard end to end in a real browser (README, Staff): a real HTTP server whose outbox
 * worker sends staff sign-in mail through nodemailer to a real SMTP server, and Chromium asking for a
 * link at /admin, opening it, pressing Continue (the one mailed staff journey: the other dashboard
 * suites start their sessions through the services), an admin adding a staff member with the
 * keyboard, and a responder refused the Staff screen (STF-3). axe-core finds no serious or critical violation, and no
 * Content Security Policy violation is reported.
 */
import type { Page as BrowserPage } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStaffDeps } from '../../src/services/staff/staff-deps.js';
import type { Database } from '../../src/store/database.js';
import { type WebServer } from '../../src/web/server.js';
import { describeInBrowser, seriousViolations } from '../helpers/browser.js';
import { type MailedBrowserRig, startMailedBrowserRig } from '../helpers/mailed-browser-rig.js';
import { addStaff } from '../helpers/staff-fixtures.js';

describeInBrowser('staff dashboard', () => {
  let database: Database;
  let web: WebServer;
  let rig: MailedBrowserRig;
  let origin: string;
  let cspViolations: string[] = [];

  beforeAll(async () => {
    rig = await startMailedBrowserRig();
    ({ database, web, origin, cspViolations } = rig);
    const { config } = rig;
    const staff = createStaffDeps(web.ctx, { secret: config.secret });
    // What `beacon serve` runs beside the app: the outbox worker delivers staff sign-in mail over SMTP.
    await addStaff(staff, { 'ann@example.com': 'admin', 'rita@example.com': 'responder' });
  });

  afterAll(async () => {
    await rig?.close();
  });

  const newContext = (forAxe = false) => rig.newContext({ forAxe });

  /** Signs `page` in as `email` at /admin through the form, the real mail and Continue. */
  async function signIn(page: BrowserPage, email: string): Promise<{ subject: string }> {
    await page.goto(`${origin}/admin`);
    expect(new URL(page.url()).pathname).toBe('/admin/sign-in');
    const mail = await rig.signInToAdmin(page, email);
    expect(mail.to).toEqual([email]);
    return mail;
  }

  it('an admin adds a staff member with the keyboard, and every screen passes axe', async () => {
    // Signed in without the mail: the mailed journey is the next test's.
    const context = await newContext(true);
    await rig.startStaffSession(context, 'ann@example.com');
    const page = await context.newPage();
    await page.goto(`${origin}/admin`);
    expect(await page.textContent('main')).toContain('Your role is admin');
    expect(await seriousViolations(page)).toEqual([]);

    await page.click('nav >> text=Staff');
    expect(await seriousViolations(page)).toEqual([]);
    await page.focus('#email');
    await page.keyboard.type('cy@example.com');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // responder → viewer
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Staff member added');
    expect(await page.textContent('main')).toContain('cy@example.com');
    const cy = await database.db.selectFrom('staff').select('role').where('email', '=', 'cy@example.com').executeTakeFirst();
    expect(cy?.role).toBe('viewer');
    expect(await seriousViolations(page)).toEqual([]);

    await page.click('nav >> text=API keys');
    await page.fill('#name', 'Pager');
    await page.check('input[name="scope"][value="incidents"]');
    await page.click('text=Create key');
    const token = await page.inputValue('#token-value');
    expect(token.length).toBeGreaterThan(20);
    expect(await seriousViolations(page)).toEqual([]);

    await page.click('text=Sign out');
    expect(new URL(page.url()).pathname).toBe('/admin/sign-in');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('STF-3: a responder signs in through real mail and is refused the Staff screen, which its navigation does not offer; no CSP violation (HDR-1)', async () => {
    const page = await (await newContext()).newPage();
    const { subject } = await signIn(page, 'rita@example.com');
    expect(subject).toBe('Sign in to the Beacon staff dashboard');
    expect(await page.textContent('main')).toContain('Your role is responder');
    expect(await page.locator('nav >> text=Staff').count()).toBe(0);
    const response = await page.goto(`${origin}/admin/staff`);
    expect(response?.status()).toBe(403);
    expect(await page.textContent('main')).toContain('This needs the admin role; yours is responder.');
    // The whole flow ran under the pages' own CSP: the link page's nonce'd script included.
    expect(cspViolations).toEqual([]);
  });
});
