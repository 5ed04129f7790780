import pino from 'pino';
import { CLI_ACTOR } from '../../src/domain/access/audit-event.js';
import { runOutboxOnce } from '../../src/services/outbox/outbox-worker.js';
import type { AppDeps } from '../../src/web/app-deps.js';
import { type TestBrowser, createBrowser } from './customer-pages.js';
import { useSeededCustomerApp } from './customer-app.js';
import type { TestApp } from './test-app.js';
import type { StaffRole } from '../../src/domain/access/staff-role.js';
import { type StaffDeps, createStaffDeps } from '../../src/services/staff/staff-deps.js';
import { addStaffMember } from '../../src/services/staff/staff-members.js';
import {
  STAFF_SIGN_IN_MAIL_KIND,
  createStaffSignInMailHandler,
  redeemStaffSignInLink,
  requestStaffSignInLink,
} from '../../src/services/staff/staff-sign-in.js';
import type { Database } from '../../src/store/database.js';
import { TEST_SECRET, buildRecordingMailer, buildSignInTestDeps, nextIp, readQueuedMails } from './sign-in-fixtures.js';

/**
 * Staff services and customer sign-in services on one database and one hand-moved clock.
 * `signIn` moves the clock a minute on first, past the per-mailbox limit of one link a minute (REQ-4).
 */
export function buildStaffTestDeps(database: Database) {
  const customer = buildSignInTestDeps(database);
  const staff: StaffDeps = createStaffDeps(customer.ctx, { secret: TEST_SECRET });
  const signIn = (email: string, device?: string) => {
    customer.advance(61_000);
    return signInAsStaff(staff, email, device);
  };
  return { ...customer, staff, signIn };
}

/** Adds staff members as the CLI does. */
export async function addStaff(deps: StaffDeps, members: Record<string, StaffRole>): Promise<void> {
  for (const [email, role] of Object.entries(members)) await addStaffMember(deps, { email, role }, CLI_ACTOR);
}

/** The staff sign-in mails queued and not yet sent, with their raw token and code. */
export const readStaffMails = (deps: StaffDeps) => readQueuedMails(deps, STAFF_SIGN_IN_MAIL_KIND);

/** Asks for a staff link as a browser would and returns what that browser and its mailbox then hold. */
export async function requestStaffLink(deps: StaffDeps, email: string) {
  const before = new Set((await readStaffMails(deps)).map((mail) => mail.outboxId));
  const { pendingCookieValue } = await requestStaffSignInLink(deps, { rawEmail: email, clientIp: nextIp(), nextPath: null });
  const fresh = (await readStaffMails(deps)).filter((mail) => !before.has(mail.outboxId));
  const [mail] = fresh;
  if (!mail || fresh.length > 1) throw new Error(`expected one new staff mail for ${email}, got ${fresh.length}`);
  return { pendingCookieValue, token: mail.token, code: mail.code, linkId: mail.linkId };
}

/** Signs a staff member in through the real services and returns the staff session cookie value. */
export async function signInAsStaff(deps: StaffDeps, email: string, device = 'Test browser'): Promise<string> {
  const link = await requestStaffLink(deps, email);
  const result = await redeemStaffSignInLink(deps, { token: link.token, pendingCookieValue: link.pendingCookieValue, device });
  if (!result.ok) throw new Error(`could not sign in to /admin as ${email}`);
  return result.sessionToken;
}

/** Runs the outbox with the real staff sign-in mail handler and returns the mails it sent (link and code). */
export async function deliverStaffMails(deps: AppDeps): Promise<{ to: string; link: string; token: string; code: string }[]> {
  const mailer = buildRecordingMailer();
  const handler = createStaffSignInMailHandler(createStaffDeps(deps.ctx, { secret: deps.config.secret }), {
    mailer,
    publicUrl: deps.config.publicUrl,
  });
  // Until a round claims nothing: messages of other kinds queued before (notifications) are put back for later.
  while (
    (await runOutboxOnce(deps.ctx, { handlers: { [STAFF_SIGN_IN_MAIL_KIND]: handler }, logger: pino({ level: 'silent' }), batchSize: 50 }))
      .claimed > 0
  );
  return mailer.sent.map((message) => {
    const link = /https?:\/\/\S+\/admin\/auth#[A-Za-z0-9_-]+/.exec(message.text)?.[0];
    const code = /code: (\d{8})/.exec(message.text)?.[1];
    if (!link || !code) throw new Error(`unexpected staff sign-in mail:\n${message.text}`);
    return { to: message.to.address, link, token: link.slice(link.indexOf('#') + 1), code };
  });
}

/** Signs `browser` in to /admin as `email` through the real forms (same browser: Continue, RED-4). */
export async function signInToAdmin(deps: AppDeps, browser: TestBrowser, email: string): Promise<void> {
  const asked = await browser.post('/admin/sign-in', { email });
  if (asked.status !== 200) throw new Error(`sign-in form answered ${asked.status}`);
  const mail = (await deliverStaffMails(deps)).find((m) => m.to === email);
  if (!mail) throw new Error(`no staff mail for ${email}`);
  const signedIn = await browser.post('/admin/auth', { link: mail.token });
  if (signedIn.status !== 303) throw new Error(`Continue answered ${signedIn.status}`);
}

/**
 * For a dashboard suite: `withStaff(database, members)` starts a seeded app (closed after each test)
 * with these staff members; `staffBrowser(app, email)` is a browser signed in to /admin as one of them.
 */
export function useStaffApp() {
  const setUp = useSeededCustomerApp();
  async function withStaff(database: Database, members: Record<string, StaffRole> = { 'ann@example.com': 'admin' }) {
    const seeded = await setUp(database);
    await addStaff(createStaffDeps(seeded.app.deps.ctx, { secret: seeded.app.deps.config.secret }), members);
    return seeded;
  }
  /** A minute later each time: one link a minute per address (REQ-4). */
  async function staffBrowser(app: TestApp, email: string): Promise<TestBrowser> {
    app.advance(61_000);
    const browser = createBrowser(app.app);
    await signInToAdmin(app.deps, browser, email);
    return browser;
  }
  return { withStaff, staffBrowser };
}
