/**
 * The staff dashboard end to end in a real browser (README, Staff): a real HTTP server whose outbox
 * worker sends staff sign-in mail through nodemailer to a real SMTP server, and Chromium asking for a
 * link at /admin, opening it, pressing Continue, adding a staff member with the keyboard, and a
 * responder refused the Staff screen (STF-3). axe-core finds no serious or critical violation, and no
 * Content Security Policy violation is reported.
 */
import pino from 'pino';
import type { BrowserContext, Page as BrowserPage } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStaffDeps } from '../../src/services/staff/staff-deps.js';
import type { Database } from '../../src/store/database.js';
import { type WebServer, createWebServer } from '../../src/web/server.js';
import { type BrowserRig, describeInBrowser, freePort, seriousViolations, startBrowserRig } from '../helpers/browser.js';
import { createTestDatabase } from '../helpers/databases.js';
import { type SmtpInbox, startSmtpInbox } from '../helpers/smtp-inbox.js';
import { addStaff } from '../helpers/staff-fixtures.js';
import { testConfig } from '../helpers/test-config.js';
import { startBackgroundWork } from '../../src/cli/start-background-work.js';

describeInBrowser('staff dashboard', () => {
  let database: Database;
  let web: WebServer;
  let inbox: SmtpInbox;
  let background: { stop(): Promise<void> };
  let rig: BrowserRig;
  let origin: string;
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
    const staff = createStaffDeps(web.ctx, { secret: config.secret });
    // What `beacon serve` runs beside the app: the outbox worker delivers staff sign-in mail over SMTP.
    background = startBackgroundWork(web.ctx, web.snapshots, config, logger);
    await addStaff(staff, { 'ann@example.com': 'admin', 'rita@example.com': 'responder' });
    rig = await startBrowserRig(web, { port });
  });

  afterAll(async () => {
    await background?.stop();
    await rig?.close();
    await inbox?.close();
    await web?.close();
    await database?.close();
  });

  /** A browser context; `forAxe` lets axe-core's injected script run past the pages' CSP (and so says nothing of CSP). */
  async function newContext(forAxe = false): Promise<BrowserContext> {
    const context = await rig.browser.newContext({ bypassCSP: forAxe });
    context.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    return context;
  }

  /** Signs `page` in as `email` through the form, the real mail and the Continue button. */
  async function signIn(page: BrowserPage, email: string): Promise<{ subject: string }> {
    await page.goto(`${origin}/admin`);
    expect(new URL(page.url()).pathname).toBe('/admin/sign-in');
    await page.fill('input[name="email"]', email);
    await page.press('input[name="email"]', 'Enter');
    await page.waitForSelector('text=Check your email');
    const mail = (await inbox.waitFor(received + 1, 10_000))[received]!;
    received += 1;
    expect(mail.envelopeTo).toEqual([email]);
    const link = /https?:\/\/\S+\/admin\/auth#[A-Za-z0-9_-]+/.exec(mail.parts.get('text/plain') ?? '')?.[0];
    if (!link) throw new Error('no link in the staff mail');
    await page.goto(link);
    await page.waitForFunction(() => window.location.hash === '');
    await page.click('button[type="submit"]');
    await page.waitForSelector('text=Signed in as');
    return { subject: mail.headers.get('subject') ?? '' };
  }

  it('an admin signs in through real mail, adds a staff member with the keyboard, and every screen passes axe', async () => {
    const page = await (await newContext(true)).newPage();
    const { subject } = await signIn(page, 'ann@example.com');
    expect(subject).toBe('Sign in to the Beacon staff dashboard');
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

  it('STF-3: a responder signs in and is refused the Staff screen, which its navigation does not offer; no CSP violation (HDR-1)', async () => {
    const page = await (await newContext()).newPage();
    await signIn(page, 'rita@example.com');
    expect(await page.locator('nav >> text=Staff').count()).toBe(0);
    const response = await page.goto(`${origin}/admin/staff`);
    expect(response?.status()).toBe(403);
    expect(await page.textContent('main')).toContain('This needs the admin role; yours is responder.');
    // The whole flow ran under the pages' own CSP: the link page's nonce'd script included.
    expect(cspViolations).toEqual([]);
  });
});
