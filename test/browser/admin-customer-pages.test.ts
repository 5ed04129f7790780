/**
 * The dashboard's customer page screens end to end in a real browser: a real HTTP
 * server whose outbox worker sends every sign-in mail over SMTP to a real inbox; a customer signs in
 * to Acme's page in one Chromium context; an admin signs in to /admin in another, copies Acme's URL
 * with the copy button (the clipboard read back), previews the page as the customer (banner shown,
 * no viewer session made: STF-8), checks who can access, reads the audit log, and revokes the
 * customer, whose next request is refused (SES-7). axe-core finds no serious or critical violation on
 * any screen, at 1280 px and at 390 px, which scroll nothing sideways; no CSP violation is reported.
 */
import pino from 'pino';
import type { BrowserContext, Page as BrowserPage } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBackgroundWork } from '../../src/cli/start-background-work.js';
import { createStaffDeps } from '../../src/services/staff/staff-deps.js';
import type { Database } from '../../src/store/database.js';
import { type WebServer, createWebServer } from '../../src/web/server.js';
import {
  type BrowserRig,
  describeInBrowser,
  freePort,
  seriousViolations,
  shotPath,
  sidewaysOverflow,
  startBrowserRig,
} from '../helpers/browser.js';
import { type SeededCustomerPages, seedCustomerPages } from '../helpers/customer-pages.js';
import { createTestDatabase } from '../helpers/databases.js';
import { type SmtpInbox, startSmtpInbox } from '../helpers/smtp-inbox.js';
import { addStaff } from '../helpers/staff-fixtures.js';
import { testConfig } from '../helpers/test-config.js';

describeInBrowser('dashboard: customer pages', () => {
  let database: Database;
  let web: WebServer;
  let inbox: SmtpInbox;
  let background: { stop(): Promise<void> };
  let rig: BrowserRig;
  let origin: string;
  let seeded: SeededCustomerPages;
  let received = 0;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    inbox = await startSmtpInbox();
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    const config = testConfig({ PUBLIC_URL: origin, SMTP_URL: inbox.url, MAIL_FROM: 'Status <status@example.com>' });
    const logger = pino({ level: 'silent' });
    web = createWebServer({ database, config, logger });
    background = startBackgroundWork(web.ctx, web.snapshots, config, logger);
    seeded = await seedCustomerPages(web.ctx, origin);
    await addStaff(createStaffDeps(web.ctx, { secret: config.secret }), { 'ann@example.com': 'admin' });
    rig = await startBrowserRig(web, { port });
  });

  afterAll(async () => {
    await background?.stop();
    await rig?.close();
    await inbox?.close();
    await web?.close();
    await database?.close();
  });

  async function newContext(options: { forAxe?: boolean; clipboard?: boolean } = {}): Promise<BrowserContext> {
    const context = await rig.browser.newContext({
      bypassCSP: options.forAxe ?? false,
      viewport: { width: 1280, height: 900 },
      ...(options.clipboard ? { permissions: ['clipboard-read', 'clipboard-write'] } : {}),
    });
    context.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    return context;
  }

  /** Signs `page` in through the sign-in form at `path`, the real mail and the Continue button. */
  async function signInThroughMail(page: BrowserPage, path: string, email: string, signedIn: string): Promise<void> {
    await page.goto(`${origin}${path}`);
    await page.fill('input[name="email"]', email);
    await page.press('input[name="email"]', 'Enter');
    await page.waitForSelector('text=Check your email');
    const mail = (await inbox.waitFor(received + 1, 10_000))[received]!;
    received += 1;
    expect(mail.envelopeTo).toEqual([email]);
    const link = /https?:\/\/\S+\/auth#[A-Za-z0-9_-]+/.exec(mail.parts.get('text/plain') ?? '')?.[0];
    if (!link) throw new Error('no link in the mail');
    await page.goto(link);
    await page.waitForFunction(() => window.location.hash === '');
    await page.click('button[type="submit"]');
    await page.waitForSelector(signedIn);
  }

  /** No serious or critical axe violation, and nothing scrolls sideways, at 1280 px and at 390 px; screenshots of both for a person to look at. */
  async function checkScreen(page: BrowserPage, name: string): Promise<void> {
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: shotPath(`admin-${name}`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await seriousViolations(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBe(0);
    await page.screenshot({ path: shotPath(`admin-${name}-phone`), fullPage: true });
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
    const customer = await (await newContext()).newPage();
    await signInThroughMail(customer, seeded.acme.path, 'alice@acme-corp.com', 'text=Sign out');
    expect(await countSessions()).toBe(1);

    const staff = await (await newContext({ forAxe: true, clipboard: true })).newPage();
    await signInThroughMail(staff, '/admin', 'ann@example.com', 'text=Signed in as');

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
    await checkScreen(staff, 'customer-page');

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
