/**
 * The rig of the browser suites that sign in through real mail: a SQLite database, Beacon wired as
 * `beacon serve` wires it (the outbox included) on a real port, a real SMTP inbox, and Chromium.
 * Each suite seeds what it needs through `rig.web.ctx` and signs in with `signIn` / `signInToAdmin`.
 */
import pino from 'pino';
import type { BrowserContext, Page as BrowserPage } from 'playwright-core';
import { startBackgroundWork } from '../../src/cli/start-background-work.js';
import type { Config } from '../../src/config.js';
import { type CanonicalEmail, canonicaliseEmail } from '../../src/domain/access/email-address.js';
import type { StaffRole } from '../../src/domain/access/staff-role.js';
import { writeUnannounced } from '../../src/services/live-state/unannounced-write.js';
import { createSession } from '../../src/services/sessions/sessions.js';
import { startStaffSession } from '../../src/services/staff/staff-sessions.js';
import { createStaffDeps } from '../../src/services/staff/staff-deps.js';
import type { Database } from '../../src/store/database.js';
import { createCookieJar, createCustomerCookies } from '../../src/web/customer/cookies.js';
import { type WebServer, createWebServer } from '../../src/web/server.js';
import { type BrowserRig, freePort, startBrowserRig } from './browser.js';
import { createTestDatabase } from './databases.js';
import { type SmtpInbox, startSmtpInbox } from './smtp-inbox.js';
import { addStaff } from './staff-fixtures.js';
import { testConfig } from './test-config.js';

function canonical(email: string): CanonicalEmail {
  const parsed = canonicaliseEmail(email);
  if (!parsed.ok) throw new Error(`not an address: ${email}`);
  return parsed.address;
}

export interface MailedBrowserRig {
  database: Database;
  web: WebServer;
  config: Config;
  inbox: SmtpInbox;
  browser: BrowserRig['browser'];
  /** `http://127.0.0.1:<port>`, the configured PUBLIC_URL. */
  origin: string;
  /** What any context's console said of the Content Security Policy: a page that broke its own CSP. */
  cspViolations: string[];
  /**
   * A context at `width` × 900 (1280 unless given); `forAxe` lets axe-core's injected script run past
   * the pages' CSP (and so says nothing of CSP); `clipboard` grants clipboard access.
   */
  newContext(options?: { forAxe?: boolean; width?: number; clipboard?: boolean }): Promise<BrowserContext>;
  /**
   * Signs `page` in through the sign-in form at `path`, the real mail and its Continue button, and
   * waits for `signedIn` (a selector). Returns the mail's subject and recipients.
   */
  signIn(page: BrowserPage, path: string, email: string, signedIn: string): Promise<{ subject: string; to: string[] }>;
  /** `signIn` to the staff dashboard. */
  signInToAdmin(page: BrowserPage, email: string): Promise<{ subject: string; to: string[] }>;
  /**
   * Signs `context` in to /admin as `email` without the mail: a staff session started through the
   * services as redeeming a link starts one, its cookie set in the context. For suites about what
   * comes after signing in; the mailed journey is staff-dashboard.test.ts's.
   */
  startStaffSession(context: BrowserContext, email: string): Promise<void>;
  /** The same for a viewer of a customer page (the mailed journey is customer-page.test.ts's). */
  startViewerSession(context: BrowserContext, customerPageId: string, email: string): Promise<void>;
  /** A page in a new context (`newContext`'s options) signed in to /admin by `startStaffSession`, showing /admin. */
  openAsStaff(email: string, options?: Parameters<MailedBrowserRig['newContext']>[0]): Promise<BrowserPage>;
  close(): Promise<void>;
}

/** Starts the rig with these staff members (added as the CLI adds them) and these settings. */
export async function startMailedBrowserRig(
  options: { staff?: Record<string, StaffRole>; env?: Record<string, string> } = {},
): Promise<MailedBrowserRig> {
  const database = await createTestDatabase('sqlite');
  const inbox = await startSmtpInbox();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const config = testConfig({ PUBLIC_URL: origin, SMTP_URL: inbox.url, MAIL_FROM: 'Status <status@example.com>', ...options.env });
  const logger = pino({ level: 'silent' });
  const web = createWebServer({ database, config, logger });
  const background = startBackgroundWork(web.ctx, web.snapshots, config, logger);
  if (options.staff) await addStaff(createStaffDeps(web.ctx, { secret: config.secret }), options.staff);
  const rig = await startBrowserRig(web, { port });
  const cspViolations: string[] = [];
  let received = 0;

  const signIn: MailedBrowserRig['signIn'] = async (page, path, email, signedIn) => {
    await page.goto(`${origin}${path}`);
    await page.fill('input[name="email"]', email);
    await page.press('input[name="email"]', 'Enter');
    await page.waitForSelector('text=Check your email');
    const mail = (await inbox.waitFor(received + 1, 10_000))[received]!;
    received += 1;
    const link = /https?:\/\/\S+\/auth#[A-Za-z0-9_-]+/.exec(mail.parts.get('text/plain') ?? '')?.[0];
    if (!link) throw new Error(`no sign-in link in the mail to ${email}`);
    await page.goto(link);
    await page.waitForFunction(() => window.location.hash === '');
    await page.click('button[type="submit"]');
    await page.waitForSelector(signedIn);
    return { subject: mail.headers.get('subject') ?? '', to: mail.envelopeTo };
  };

  const staffDeps = createStaffDeps(web.ctx, { secret: config.secret });
  const addSessionCookie = (context: BrowserContext, name: string, value: string) =>
    context.addCookies([{ name, value, url: origin, httpOnly: true, sameSite: 'Lax' }]);

  const newContext: MailedBrowserRig['newContext'] = async ({ forAxe = false, width = 1280, clipboard = false } = {}) => {
    const context = await rig.browser.newContext({
      bypassCSP: forAxe,
      viewport: { width, height: 900 },
      ...(clipboard ? { permissions: ['clipboard-read', 'clipboard-write'] } : {}),
    });
    context.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    return context;
  };
  const startStaffSessionIn: MailedBrowserRig['startStaffSession'] = async (context, email) => {
    const { sessionToken } = await writeUnannounced(web.ctx, (tx) =>
      startStaffSession(tx, staffDeps, { email: canonical(email), device: 'Chromium (test)', now: web.ctx.clock() }),
    );
    await addSessionCookie(context, createCookieJar(origin).name('beacon-staff'), sessionToken);
  };

  return {
    database,
    web,
    config,
    inbox,
    browser: rig.browser,
    origin,
    cspViolations,
    newContext,
    signIn,
    signInToAdmin: (page, email) => signIn(page, '/admin', email, 'text=Signed in as'),
    startStaffSession: startStaffSessionIn,
    async startViewerSession(context, customerPageId, email) {
      const signInDeps = web.deps.customerSignIn.at(web.snapshots.pageKinds(await web.snapshots.fresh()));
      const { sessionToken } = await writeUnannounced(web.ctx, (tx) =>
        createSession(tx, signInDeps, { customerPageId, email: canonical(email), now: web.ctx.clock() }),
      );
      await addSessionCookie(context, createCustomerCookies(origin).sessionName(customerPageId), sessionToken);
    },
    async openAsStaff(email, options) {
      const context = await newContext(options);
      await startStaffSessionIn(context, email);
      const page = await context.newPage();
      await page.goto(`${origin}/admin`);
      await page.waitForSelector('text=Signed in as');
      return page;
    },
    async close() {
      await background.stop();
      await rig.close();
      await inbox.close();
      await web.close();
      await database.close();
    },
  };
}
