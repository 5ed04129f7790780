/**
 * A customer page end to end in a real browser (the README's Customer pages): a real HTTP server with the
 * outbox worker sending through nodemailer to a real SMTP server (`smtp-server`), and Chromium
 * (playwright-core) asking for a link, receiving the mail, opening the link, pressing Continue,
 * seeing only its customer's components and incidents, and losing access the moment its domain is
 * removed. Also RED-2 (a link loaded by headless Chromium and left for 30 s of its fake clock stays
 * unused) and RED-5 (a link opened in another browser asks for the code, and the mailed code signs in).
 */
import pino from 'pino';
import type { BrowserContext, Page as BrowserPage } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { updateCatalogEntry } from '../../src/services/catalog/catalog-entries.js';
import type { ServiceContext } from '../../src/services/context.js';
import { createIncident } from '../../src/services/status/incidents.js';
import type { Database } from '../../src/store/database.js';
import { type WebServer, createWebServer } from '../../src/web/server.js';
import { type BrowserRig, describeInBrowser, freePort, seriousViolations, startBrowserRig } from '../helpers/browser.js';
import { type SeededCustomerPages, seedCustomerPages } from '../helpers/customer-pages.js';
import { createTestDatabase } from '../helpers/databases.js';
import { type SmtpInbox, startSmtpInbox } from '../helpers/smtp-inbox.js';
import { testConfig } from '../helpers/test-config.js';
import { startBackgroundWork } from '../../src/cli/start-background-work.js';

interface Mail {
  subject: string;
  text: string;
  html: string;
  link: string;
  code: string;
}

describeInBrowser('customer page', () => {
  let database: Database;
  let web: WebServer;
  let ctx: ServiceContext;
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

    // The port is chosen first, so that PUBLIC_URL is the origin the browser uses.
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    const config = testConfig({ PUBLIC_URL: origin, SMTP_URL: inbox.url, MAIL_FROM: 'Status <status@example.com>' });
    const logger = pino({ level: 'silent' });
    web = createWebServer({ database, config, logger });
    ctx = web.ctx;

    // What `beacon serve` runs beside the app: the outbox worker delivers sign-in mail through nodemailer over SMTP.
    background = startBackgroundWork(ctx, web.snapshots, config, logger);

    seeded = await seedCustomerPages(ctx, origin);
    await createIncident(ctx, {
      name: 'Acme cluster degraded',
      status: 'investigating',
      message: 'Slow',
      impacts: [{ componentId: seeded.acme.componentId, impact: 'degraded_performance' }],
    });
    await createIncident(ctx, {
      name: 'Globex cluster outage',
      status: 'identified',
      message: 'Down',
      impacts: [{ componentId: seeded.globex.componentId, impact: 'full_outage' }],
    });
    await web.snapshots.fresh();
    rig = await startBrowserRig(web, { port });
  });

  afterAll(async () => {
    await background?.stop();
    await rig?.close();
    await inbox?.close();
    await web?.close();
    await database?.close();
  });

  async function newContext(): Promise<BrowserContext> {
    const context = await rig.browser.newContext();
    context.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    return context;
  }

  /** Fills in the sign-in form of `path` in `page` and waits for the next mail. */
  async function askForLink(page: BrowserPage, path: string, email: string): Promise<Mail> {
    await page.goto(`${origin}${path}`);
    await page.fill('input[name="email"]', email);
    await page.click('button[type="submit"]');
    await page.waitForSelector('text=Check your email');
    const mails = await inbox.waitFor(received + 1, 10_000);
    const mail = mails[received]!;
    received += 1;
    expect(mail.envelopeTo).toEqual([email]);
    const text = mail.parts.get('text/plain') ?? '';
    const html = mail.parts.get('text/html') ?? '';
    const link = /https?:\/\/\S+\/auth#[A-Za-z0-9_-]+/.exec(text)?.[0];
    const code = /code: (\d{8})/.exec(text)?.[1];
    if (!link || !code) throw new Error(`unexpected mail:\n${text}`);
    return { subject: mail.headers.get('subject') ?? '', text, html, link, code };
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

  it('asks for a link, signs in from the mail, sees only its own status, and loses access when the domain goes', async () => {
    const context = await newContext();
    const page = await context.newPage();

    // No session: the form, and nothing of the status.
    await page.goto(`${origin}${seeded.acme.path}`);
    const form = await page.textContent('main');
    expect(form).toContain('Sign in to Acme Corp');
    expect(form).not.toContain('Acme cluster');

    const mail = await askForLink(page, seeded.acme.path, 'alice@acme-corp.com');
    expect(mail.subject).toBe('Sign in to Acme Corp');
    expect(mail.html).toContain(mail.code);
    expect(mail.link.startsWith(`${origin}${seeded.acme.path}/auth#`)).toBe(true);

    // The link page: the token moves from the address bar into the form; nothing happens until Continue.
    await page.goto(mail.link);
    await page.waitForFunction(() => window.location.hash === '');
    expect(page.url()).toBe(`${origin}${seeded.acme.path}/auth`);
    expect(await page.isHidden('#link-field')).toBe(true);
    expect(await countSessions()).toBe(0);
    await page.click('button:has-text("Continue")');
    await page.waitForURL(`${origin}${seeded.acme.path}`);

    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain('Public API');
    expect(main).toContain('Acme cluster');
    expect(main).toContain('Acme cluster degraded');
    expect(main).not.toContain('Globex');
    // The page's own script ran under the nonce (it hands each uptime bar's tab stop to its days); no CSP violation anywhere.
    expect(await page.locator('ol.bar').count()).toBeGreaterThan(0);
    expect(await page.locator('ol.bar[tabindex]').count()).toBe(0);
    expect(await page.locator('ol.bar > li[tabindex="0"]').count()).toBe(await page.locator('ol.bar').count());
    expect(cspViolations).toEqual([]);

    // Staff remove the domain from the customer's entry (the catalog service behind the API and sync).
    await updateCatalogEntry(ctx, seeded.acme.entryId, { values: { email_domains: ['acme-labs.com'] } }, { actor: 'test' });
    await page.reload();
    const after = (await page.textContent('main')) ?? '';
    expect(after).toContain('Sign in to Acme Corp');
    expect(after).not.toContain('Acme cluster');
    await updateCatalogEntry(
      ctx,
      seeded.acme.entryId,
      { values: { email_domains: ['acme-corp.com', 'acme-labs.com'] } },
      { actor: 'test' },
    );
    await context.close();
  });

  it('RED-5: a link opened in another browser asks for the code, and the code from the mail signs in', async () => {
    const asker = await newContext();
    const mail = await askForLink(await asker.newPage(), seeded.globex.path, 'gus@globex.com');
    const other = await newContext();
    const page = await other.newPage();
    await page.goto(mail.link);
    await page.click('button:has-text("Continue")');
    await page.waitForSelector('input[name="code"]');
    expect(await page.textContent('main')).not.toContain('Globex cluster');
    await page.fill('input[name="code"]', mail.code);
    await page.click('button:has-text("Sign in")');
    await page.waitForURL(`${origin}${seeded.globex.path}`);
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain('Globex cluster outage');
    expect(main).not.toContain('Acme');
    await asker.close();
    await other.close();
  });

  it('the sign-in form, link page, code form, signed-in page and its API and feed access screen pass axe', async () => {
    // axe is injected as a script, which the pages' CSP rightly blocks: this context alone bypasses it.
    const asker = await rig.browser.newContext({ bypassCSP: true });
    const page = await asker.newPage();
    await page.goto(`${origin}${seeded.globex.path}`);
    expect(await seriousViolations(page)).toEqual([]);
    const mail = await askForLink(page, seeded.globex.path, 'axe@globex.com');
    expect(await seriousViolations(page)).toEqual([]);
    const other = await rig.browser.newContext({ bypassCSP: true });
    const otherPage = await other.newPage();
    await otherPage.goto(mail.link);
    expect(await seriousViolations(otherPage)).toEqual([]);
    await otherPage.click('button:has-text("Continue")');
    await otherPage.waitForSelector('input[name="code"]');
    expect(await seriousViolations(otherPage)).toEqual([]);
    await page.goto(mail.link);
    await page.click('button:has-text("Continue")');
    await page.waitForURL(`${origin}${seeded.globex.path}`);
    expect(await seriousViolations(page)).toEqual([]);
    // The "API and feed access" screen: empty, with a token just made (shown once), and after revoking it.
    await page.click('a:has-text("API and feed access")');
    await page.waitForURL(`${origin}${seeded.globex.path}/tokens`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.fill('#token-name', 'Feed reader');
    await page.click('button:has-text("Create token")');
    await page.waitForSelector('text=it will not be shown again');
    const token = await page.inputValue('#new-token');
    expect(token).toMatch(/^bcn_rt_/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.click('button:has-text("Revoke")');
    await page.waitForSelector('text=You have no tokens for this page.');
    expect(await seriousViolations(page)).toEqual([]);
    await asker.close();
    await other.close();
  });

  it('RED-2: a link loaded by headless Chromium and left for 30 s stays unused', async () => {
    const asker = await newContext();
    const askerPage = await asker.newPage();
    const mail = await askForLink(askerPage, seeded.acme.path, 'scan@acme-corp.com');
    const sessionsBefore = await countSessions();

    const scanner = await newContext();
    const scanned = await scanner.newPage();
    // Whatever could redeem the link (a submitted form, a fetch, a redirect) is a request of the page.
    const requests: string[] = [];
    const answered: Promise<unknown>[] = [];
    scanned.on('request', (request) => {
      requests.push(`${request.method()} ${new URL(request.url()).pathname}`);
      answered.push(request.response().catch(() => null));
    });
    // The page's 30 s pass on Playwright's fake clock: every timer the page sets in them fires, at once.
    await scanned.clock.install();
    await scanned.goto(mail.link, { waitUntil: 'load' });
    await scanned.clock.runFor(30_000);
    // One more round trip, so that whatever those timers started has reached the browser, then its answers.
    expect(await scanned.evaluate(() => window.location.pathname)).toBe(`${seeded.acme.path}/auth`);
    await Promise.all(answered);
    expect(requests.filter((request) => !request.startsWith('GET '))).toEqual([]);
    expect(requests.filter((request) => request.endsWith('/auth'))).toEqual([`GET ${seeded.acme.path}/auth`]);
    await scanner.close();

    const row = await database.db
      .selectFrom('sign_in_tokens')
      .select(['used_at', 'code_attempts'])
      .where('email', '=', 'scan@acme-corp.com')
      .executeTakeFirstOrThrow();
    expect(row.used_at).toBeNull();
    expect(Number(row.code_attempts)).toBe(0);
    expect(await countSessions()).toBe(sessionsBefore);

    // Still good for the person who asked.
    await askerPage.goto(mail.link);
    await askerPage.click('button:has-text("Continue")');
    await askerPage.waitForURL(`${origin}${seeded.acme.path}`);
    expect(await askerPage.textContent('main')).toContain('Acme cluster');
    await asker.close();
  });
});
