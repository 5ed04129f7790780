import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { PAGE_A, auditActions, buildRecordingMailer, nextIp, requestLinkFor } from '../../../test/helpers/sign-in-fixtures.js';
import { addStaff, buildStaffTestDeps, readStaffMails, requestStaffLink, signInAsStaff } from '../../../test/helpers/staff-fixtures.js';
import { CLI_ACTOR } from '../../domain/access/audit-event.js';
import { checkSession } from '../sessions/sessions.js';
import { inspectSignInLink, redeemSignInLink } from '../sign-in/sign-in-redeem.js';
import { removeStaffMember } from './staff-members.js';
import { checkStaffSession } from './staff-sessions.js';
import { createStaffSignInMailHandler, inspectStaffSignInLink, redeemStaffSignInLink, requestStaffSignInLink } from './staff-sign-in.js';

const HOUR = 3_600_000;

describeEachEngine('services/staff-sign-in', (database) => {
  it('STF-1: only staff addresses get a link; every address gets the same answer, and the reason is audited', async () => {
    const { staff } = buildStaffTestDeps(database());
    await addStaff(staff, { 'ann@example.com': 'admin' });
    const ask = (rawEmail: string) => requestStaffSignInLink(staff, { rawEmail, clientIp: nextIp(), nextPath: null });
    const results = [await ask('ann@example.com'), await ask('bob@example.com'), await ask('mallory@evil.test')];
    for (const result of results) {
      expect(Object.keys(result).sort()).toEqual(['pendingCookieMaxAgeSeconds', 'pendingCookieValue']);
      expect(result.pendingCookieValue).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(result.pendingCookieMaxAgeSeconds).toBe(15 * 60);
    }
    const mails = await readStaffMails(staff);
    expect(mails.map((mail) => mail.to)).toEqual(['ann@example.com']);
    const requested = (await auditActions(database())).filter((event) => event.action === 'sign_in.link_requested');
    // One instant: the order of the rows is not theirs to keep.
    expect(requested.map((event) => [event.subjectId, event.details.allowlisted, event.pageId]).sort()).toEqual([
      ['ann@example.com', true, null],
      ['bob@example.com', false, null],
      ['mallory@evil.test', false, null],
    ]);
  });

  it('STF-1: the staff list is checked again when the link is used and when the mail is sent', async () => {
    const { staff } = buildStaffTestDeps(database());
    await addStaff(staff, { 'ann@example.com': 'admin', 'bob@example.com': 'responder' });
    const link = await requestStaffLink(staff, 'bob@example.com');
    await removeStaffMember(staff, 'bob@example.com', CLI_ACTOR);
    const mailer = buildRecordingMailer();
    const handler = createStaffSignInMailHandler(staff, { mailer, publicUrl: 'https://status.example.com' });
    const [row] = await database().db.selectFrom('outbox').selectAll().where('kind', '=', 'staff_sign_in_link').execute();
    const outcome = await handler.deliver({ ...row!, payload: row!.payload } as never, new AbortController().signal);
    expect(outcome).toMatchObject({ status: 'dropped', reason: 'not_staff' });
    expect(mailer.sent).toEqual([]);
    expect(await inspectStaffSignInLink(staff, link)).toEqual({ kind: 'invalid' });
    expect(await redeemStaffSignInLink(staff, { ...link, device: 'x' })).toEqual({ ok: false });
    const failed = (await auditActions(database())).filter((event) => event.action === 'sign_in.redeem_failed');
    expect(failed.map((event) => event.details.reason)).toEqual(['not_staff']);
  });

  it('sends a staff member a link to /admin/auth with the token in the fragment (RED-6) and a code', async () => {
    const { staff } = buildStaffTestDeps(database());
    await addStaff(staff, { 'ann@example.com': 'admin' });
    const link = await requestStaffLink(staff, 'ann@example.com');
    const mailer = buildRecordingMailer();
    const handler = createStaffSignInMailHandler(staff, { mailer, publicUrl: 'https://status.example.com/' });
    const [row] = await database().db.selectFrom('outbox').selectAll().where('kind', '=', 'staff_sign_in_link').execute();
    expect(await handler.deliver(row! as never, new AbortController().signal)).toMatchObject({ status: 'sent' });
    expect(mailer.sent[0]).toMatchObject({ to: { address: 'ann@example.com' }, subject: 'Sign in to the Beacon staff dashboard' });
    expect(mailer.sent[0]?.text).toContain(`https://status.example.com/admin/auth#${link.token}`);
    expect(mailer.sent[0]?.text).toContain(link.code);
  });

  it('RED-4/RED-5: the same browser signs in without the code; another browser needs it', async () => {
    const built = buildStaffTestDeps(database());
    const { staff } = built;
    await addStaff(staff, { 'ann@example.com': 'admin' });
    const first = await requestStaffLink(staff, 'ann@example.com');
    expect(await inspectStaffSignInLink(staff, first)).toEqual({ kind: 'same_browser' });
    const signedIn = await redeemStaffSignInLink(staff, { ...first, device: 'Firefox' });
    expect(signedIn.ok).toBe(true);

    built.advance(61_000);
    const second = await requestStaffLink(staff, 'ann@example.com');
    const elsewhere = { token: second.token, pendingCookieValue: null };
    expect(await inspectStaffSignInLink(staff, elsewhere)).toEqual({ kind: 'needs_code' });
    expect(await redeemStaffSignInLink(staff, { ...elsewhere, device: 'Phone' })).toEqual({ ok: false });
    const withCode = await redeemStaffSignInLink(staff, { ...elsewhere, code: second.code, device: 'Phone' });
    expect(withCode.ok).toBe(true);
    if (!withCode.ok || !signedIn.ok) return;
    expect((await checkStaffSession(staff, withCode.sessionToken))?.member.email).toBe('ann@example.com');
  });

  it('STF-2/TOK-3: a staff link is refused on a customer page, and a customer link is refused on /admin', async () => {
    const { staff, deps } = buildStaffTestDeps(database());
    await addStaff(staff, { 'ann@example.com': 'admin' });
    const staffLink = await requestStaffLink(staff, 'ann@example.com');
    expect(await inspectSignInLink(deps, { customerPageId: PAGE_A.id, ...staffLink })).toEqual({ kind: 'invalid' });
    expect(await redeemSignInLink(deps, { customerPageId: PAGE_A.id, ...staffLink })).toEqual({ ok: false });

    const customerLink = await requestLinkFor(deps, 'ann@example.com', PAGE_A.id);
    expect(await inspectStaffSignInLink(staff, customerLink)).toEqual({ kind: 'invalid' });
    expect(await redeemStaffSignInLink(staff, { ...customerLink, device: 'x' })).toEqual({ ok: false });
    // Both links are still good where they belong.
    expect((await redeemStaffSignInLink(staff, { ...staffLink, device: 'x' })).ok).toBe(true);
    expect((await redeemSignInLink(deps, { customerPageId: PAGE_A.id, ...customerLink })).ok).toBe(true);
  });

  it('STF-2: a staff session is no customer session, and a customer session is no staff session', async () => {
    const { staff, deps } = buildStaffTestDeps(database());
    await addStaff(staff, { 'ann@example.com': 'admin' });
    const staffToken = await signInAsStaff(staff, 'ann@example.com');
    const customerLink = await requestLinkFor(deps, 'ann@example.com', PAGE_A.id);
    const customer = await redeemSignInLink(deps, { customerPageId: PAGE_A.id, ...customerLink });
    if (!customer.ok) throw new Error('no customer session');
    expect(await checkSession(deps, { sessionToken: staffToken, customerPageId: PAGE_A.id })).toBeNull();
    expect(await checkStaffSession(staff, customer.sessionToken)).toBeNull();
    expect(await checkStaffSession(staff, staffToken)).not.toBeNull();
  });

  it('STF-2: a staff session ends after 12 idle hours, and after 7 days however busy', async () => {
    const built = buildStaffTestDeps(database());
    const { staff } = built;
    await addStaff(staff, { 'ann@example.com': 'admin' });
    const idle = await signInAsStaff(staff, 'ann@example.com');
    built.advance(12 * HOUR - 60_000);
    expect(await checkStaffSession(staff, idle)).not.toBeNull();
    built.advance(12 * HOUR + 60_000);
    expect(await checkStaffSession(staff, idle)).toBeNull();

    const busy = await built.signIn('ann@example.com');
    for (let hours = 0; hours < 7 * 24 - 6; hours += 6) {
      built.advance(6 * HOUR);
      expect(await checkStaffSession(staff, busy)).not.toBeNull();
    }
    built.advance(6 * HOUR);
    expect(await checkStaffSession(staff, busy)).toBeNull();
  });
});
