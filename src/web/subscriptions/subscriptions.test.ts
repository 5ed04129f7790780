import { afterEach, expect, it } from 'vitest';
import { scopeKey } from '../../domain/notifications/notification-event.js';
import { createSmtpMailer } from '../../services/outbox/mailer.js';
import { unsubscribeToken } from '../../services/subscriptions/subscription-links.js';
import { SUBSCRIPTION_MAIL_KIND } from '../../services/subscriptions/subscription-mail-payload.js';
import { SUBSCRIPTION_LIMITS } from '../../services/subscriptions/subscription-limits.js';
import { findEmailSubscription } from '../../store/subscriptions/email-subscriptions.js';
import { createBrowser, headerList } from '../../../test/helpers/customer-pages.js';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { type SmtpInbox, startSmtpInbox } from '../../../test/helpers/smtp-inbox.js';
import { type SeededRegions, seedRegions } from '../../../test/helpers/sub-page-fixtures.js';
import { deliverSubscriberMails } from '../../../test/helpers/subscription-fixtures.js';
import { type TestApp, createTestApp } from '../../../test/helpers/test-app.js';
import type { Database } from '../../store/database.js';

const PUBLIC_URL = 'https://status.example.com';
const MINUTE = 60_000;

describeEachEngine('email subscriptions, the subscriber side', (db) => {
  let app: TestApp | undefined;
  let inbox: SmtpInbox | undefined;
  afterEach(async () => {
    await app?.close();
    await inbox?.close();
    app = inbox = undefined;
  });

  async function setUp(): Promise<{ app: TestApp; seeded: SeededRegions; scope: string; browser: ReturnType<typeof createBrowser> }> {
    app = await createTestApp(db(), { env: { PUBLIC_URL } });
    const seeded = await seedRegions(app.deps.ctx);
    await app.deps.snapshots.fresh();
    return { app, seeded, scope: scopeKey({ kind: 'page', pageId: seeded.parent.id }), browser: createBrowser(app.app) };
  }

  const subscription = (database: Database, scope: string, email: string) => findEmailSubscription(database.db, scope, email);
  const queuedMails = async (database: Database) =>
    (await database.db.selectFrom('outbox').select('id').where('kind', '=', SUBSCRIPTION_MAIL_KIND).execute()).length;

  it('subscribes through the menu, confirms by the mailed link (a GET changes nothing), and unsubscribes in one click (SUB-1, SUB-3)', async () => {
    const { app, seeded, scope, browser } = await setUp();
    inbox = await startSmtpInbox();

    // The Subscribe menu of the page (and of its sub-pages) leads to the form and to the webhook form.
    const page = await (await browser.get('/regions')).text();
    const query = `?scope=${encodeURIComponent(scope)}`;
    expect(page).toContain(`href="/subscriptions/email${query}"`);
    expect(page).toContain(`href="/subscriptions/webhook${query}"`);
    const subPage = await (await browser.get('/regions/eu')).text();
    const subScope = encodeURIComponent(scopeKey({ kind: 'sub', pageId: seeded.parent.id, entryId: seeded.entryIds.eu }));
    expect(subPage).toContain(`href="/subscriptions/email?scope=${subScope}"`);

    // The form lists the page's components as the page groups them.
    const form = await browser.get(`/subscriptions/email${query}`);
    expect(form.status).toBe(200);
    expect(form.headers.get('cache-control')).toBe('no-store');
    const html = await form.text();
    expect(html).toContain('<p class="group-name">Databases</p>');
    expect(html).toContain(`value="${seeded.components.euDatabase}"`);
    expect(html).not.toContain(`value="${seeded.components.docs}"`);

    const answer = await browser.post('/subscriptions/email', {
      scope,
      email: 'Ada@Example.com',
      what: 'some',
      component: [seeded.components.api, seeded.components.euDatabase],
    });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('Check your inbox');

    // The confirmation mail goes out through the outbox to a real SMTP server.
    const smtp = createSmtpMailer({ smtpUrl: inbox.url, from: 'Status <status@example.com>' });
    const [mail] = await deliverSubscriberMails(app.deps, smtp);
    smtp.close();
    const [received] = await inbox.waitFor(1);
    expect(received!.envelopeTo).toEqual(['ada@example.com']);
    expect(received!.headers.get('subject')).toBe('Confirm your subscription to Regions');
    expect(received!.parts.get('text/plain')).toContain(`${PUBLIC_URL}${mail!.path}`);
    expect(mail!.kind).toBe('confirm');

    // RED-1: opening the link (as a mail scanner does) changes nothing.
    const opened = await browser.get(mail!.path);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('Confirm my subscription');
    await browser.head(mail!.path);
    expect((await subscription(db(), scope, 'ada@example.com'))?.state).toBe('pending');

    const confirmed = await browser.post(mail!.path, {});
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('You are subscribed');
    const row = await subscription(db(), scope, 'ada@example.com');
    expect(row).toMatchObject({ state: 'confirmed', componentIds: [seeded.components.api, seeded.components.euDatabase] });

    // SUB-3: a GET of the unsubscribe URL changes nothing; a bare POST (no cookie, no Origin, no CSRF token) ends it.
    const unsubscribePath = `/subscriptions/unsubscribe/${unsubscribeToken(app.deps.config.secret, row!.id)}`;
    expect((await app.app.request(unsubscribePath)).status).toBe(200);
    expect((await subscription(db(), scope, 'ada@example.com'))?.state).toBe('confirmed');
    const oneClick = () =>
      app.app.request(unsubscribePath, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
    const ended = await oneClick();
    expect(ended.status).toBe(200);
    expect((await subscription(db(), scope, 'ada@example.com'))?.state).toBe('unsubscribed');
    // Idempotent.
    expect((await oneClick()).status).toBe(200);
    const unsubscribedEvents = await db()
      .db.selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'subscription.unsubscribed')
      .execute();
    expect(unsubscribedEvents).toHaveLength(1);
  });

  it('SUB-1: a new, a pending and a confirmed address get the same answer; only the confirmation goes out before confirming', async () => {
    const { app, scope, browser } = await setUp();
    const ask = (email: string) => browser.post('/subscriptions/email', { scope, email, what: 'all' });
    const answerOf = async (res: Response) => ({
      status: res.status,
      body: await res.text(),
      headers: headerList(res.headers).filter(([name]) => name !== 'x-request-id' && name !== 'date'),
    });

    // A confirmed subscriber.
    await ask('old@example.com');
    const [confirm] = await deliverSubscriberMails(app.deps);
    await browser.post(confirm!.path, {});
    app.advance(5 * MINUTE);

    await ask('pending@example.com');
    app.advance(5 * MINUTE);
    const before = await queuedMails(db());
    const answers = [
      await answerOf(await ask('new@example.com')),
      await answerOf(await ask('pending@example.com')),
      await answerOf(await ask('old@example.com')),
    ];
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(await queuedMails(db())).toBe(before + 3);

    const mails = await deliverSubscriberMails(app.deps);
    const byAddress = new Map(mails.map((mail) => [mail.to, mail]));
    expect(byAddress.get('new@example.com')?.kind).toBe('confirm');
    expect(byAddress.get('pending@example.com')?.kind).toBe('confirm');
    // The confirmed address is told it is subscribed already, with a manage link: nothing changed.
    expect(byAddress.get('old@example.com')).toMatchObject({ kind: 'manage', subject: 'You are already subscribed to Regions' });
    expect((await subscription(db(), scope, 'old@example.com'))?.state).toBe('confirmed');
    expect((await subscription(db(), scope, 'new@example.com'))?.state).toBe('pending');
  });

  it('SUB-2: a confirmation link is random, stored only as an HMAC, single use, and expires; another purpose or an unknown token is refused alike', async () => {
    const { app, scope, browser } = await setUp();
    await browser.post('/subscriptions/email', { scope, email: 'a@example.com', what: 'all' });
    await browser.post('/subscriptions/email', { scope, email: 'b@example.com', what: 'all' });
    const mails = await deliverSubscriberMails(app.deps);
    const [first, second] = [mails.find((m) => m.to === 'a@example.com')!, mails.find((m) => m.to === 'b@example.com')!];

    const stored = await db().db.selectFrom('subscription_tokens').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(first.token);
    const outbox = await db().db.selectFrom('outbox').select('payload').execute();
    expect(JSON.stringify(outbox)).not.toContain(first.token);

    const failedPage = async (res: Response) => {
      expect(res.status).toBe(400);
      return res.text();
    };
    // Reused.
    expect((await browser.post(first.path, {})).status).toBe(200);
    const reused = await failedPage(await browser.post(first.path, {}));
    // Unknown, and not token-shaped.
    const unknown = await failedPage(await browser.post(`/subscriptions/confirm/${'A'.repeat(43)}`, {}));
    await failedPage(await browser.post('/subscriptions/confirm/x', {}));
    expect(unknown).toBe(reused);
    // Expired: 48 hours.
    app.advance(48 * 60 * MINUTE + 1000);
    expect(await failedPage(await browser.get(second.path))).toBe(reused);
    expect(await failedPage(await browser.post(second.path, {}))).toBe(reused);
    expect((await subscription(db(), scope, 'b@example.com'))?.state).toBe('pending');

    // Wrong purpose: a manage link's token does not confirm, a confirmation's does not manage.
    await browser.post('/subscriptions/email', { scope, email: 'a@example.com', what: 'all' });
    const [manage] = await deliverSubscriberMails(app.deps);
    expect(manage!.kind).toBe('manage');
    expect(await failedPage(await browser.post(`/subscriptions/confirm/${manage!.token}`, {}))).toBe(reused);
    await browser.post('/subscriptions/email', { scope, email: 'c@example.com', what: 'all' });
    const [confirmC] = await deliverSubscriberMails(app.deps);
    expect(await failedPage(await browser.get(`/subscriptions/manage/${confirmC!.token}`))).toBe(reused);

    const reasons = await db().db.selectFrom('audit_log').select('details').where('action', '=', 'subscription.confirm_failed').execute();
    expect(reasons.map((row) => JSON.parse(row.details).reason)).toEqual(
      expect.arrayContaining(['used', 'unknown', 'expired', 'wrong_purpose']),
    );
  });

  it('SUB-2: managing needs the mailed link or its code; five code attempts at most, counted before comparing; nobody changes a subscription by its address alone', async () => {
    const { app, seeded, scope, browser } = await setUp();
    await browser.post('/subscriptions/email', { scope, email: 'ada@example.com', what: 'all' });
    const [confirm] = await deliverSubscriberMails(app.deps);
    await browser.post(confirm!.path, {});
    app.advance(5 * MINUTE);

    // "Manage my subscription" answers the same for a subscriber and a stranger, a code form each.
    const ask = async (email: string) => {
      const res = await browser.post('/subscriptions/manage', { scope, email });
      expect(res.status).toBe(200);
      const body = await res.text();
      return { body, linkId: /name="link" value="([^"]+)"/.exec(body)![1]! };
    };
    const stranger = await ask('nobody@example.com');
    const mine = await ask('ada@example.com');
    expect(mine.body.replace(mine.linkId, '')).toBe(stranger.body.replace(stranger.linkId, ''));
    const [mail] = await deliverSubscriberMails(app.deps);
    expect(mail).toMatchObject({ to: 'ada@example.com', kind: 'manage' });

    // The stranger's handle opens nothing, whatever the code.
    expect((await browser.post('/subscriptions/manage/code', { link: stranger.linkId, code: mail!.code! })).status).toBe(400);

    const wrong = mail!.code === '00000000' ? '11111111' : '00000000';
    for (let attempt = 1; attempt <= 4; attempt++) {
      const res = await browser.post('/subscriptions/manage/code', { link: mine.linkId, code: wrong });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(`${5 - attempt} ${5 - attempt === 1 ? 'attempt' : 'attempts'} left`);
    }
    await browser.post('/subscriptions/manage/code', { link: mine.linkId, code: wrong });
    // Spent: even the right code does nothing now, nor does the mailed link.
    const late = await browser.post('/subscriptions/manage/code', { link: mine.linkId, code: mail!.code! });
    expect(late.status).toBe(400);
    expect(await late.text()).not.toContain('attempts left');
    expect((await browser.get(mail!.path)).status).toBe(400);

    // A fresh request, and the right code: the manage screen, with a link of its own.
    app.advance(5 * MINUTE);
    const again = await ask('ada@example.com');
    const [fresh] = await deliverSubscriberMails(app.deps);
    const screen = await browser.post('/subscriptions/manage/code', { link: again.linkId, code: fresh!.code! });
    expect(screen.status).toBe(200);
    const screenHtml = await screen.text();
    expect(screenHtml).toContain('ada@example.com');
    const action = /<form method="post" action="(\/subscriptions\/manage\/[A-Za-z0-9_-]{43})"/.exec(screenHtml)![1]!;
    expect(action).not.toBe(fresh!.path);

    const saved = await browser.post(action, { action: 'update', what: 'some', component: [seeded.components.cdn] });
    expect(saved.status).toBe(200);
    expect((await subscription(db(), scope, 'ada@example.com'))?.componentIds).toEqual([seeded.components.cdn]);
    // A component of another page is refused.
    expect((await browser.post(action, { action: 'update', what: 'some', component: [seeded.components.docs] })).status).toBe(400);

    // The mailed link, once its code was used, opens nothing; a fresh mail's link opens the screen.
    expect((await browser.get(fresh!.path)).status).toBe(400);
    app.advance(5 * MINUTE);
    await ask('ada@example.com');
    const [latest] = await deliverSubscriberMails(app.deps);
    const fromMail = await browser.get(latest!.path);
    expect(fromMail.status).toBe(200);
    expect(await fromMail.text()).toContain(`action="${latest!.path}"`);
    expect((await subscription(db(), scope, 'ada@example.com'))?.componentIds).toEqual([seeded.components.cdn]);
    // A new manage link supersedes the older ones, the screen's included.
    expect((await browser.post(action, { action: 'unsubscribe' })).status).toBe(400);
    const ended = await browser.post(latest!.path, { action: 'unsubscribe' });
    expect(ended.status).toBe(200);
    expect((await subscription(db(), scope, 'ada@example.com'))?.state).toBe('unsubscribed');

    // Knowing only the address: a made-up manage link changes nothing.
    expect((await browser.post(`/subscriptions/manage/${'B'.repeat(43)}`, { action: 'unsubscribe' })).status).toBe(400);
  });

  it('SUB-5: limits per mailbox, per page and per client IP, held in the database; over them the same answer (nothing queued), or a 429 for the IP', async () => {
    const { app, scope, browser } = await setUp();
    const ask = (email: string) => browser.post('/subscriptions/email', { scope, email, what: 'all' });
    const first = await ask('ada@example.com');
    const body = await first.text();
    await ask('ada+1@example.com');
    const before = await queuedMails(db());
    // The third for one mailbox (`+tag` stripped) within a minute: the same answer, nothing queued.
    const limited = await ask('Ada+2@example.com');
    expect(limited.status).toBe(200);
    expect(await limited.text()).toBe(body);
    expect(await queuedMails(db())).toBe(before);
    const events = await db().db.selectFrom('audit_log').select('details').where('action', '=', 'subscription.requested').execute();
    expect(events.map((event) => JSON.parse(event.details).rateLimited)).toContain('mailbox_minute');

    // Per client IP: every request here comes from one (unknown) client; past the limit, 429.
    for (let i = 3; i < SUBSCRIPTION_LIMITS.clientIpPerHour; i++) await ask(`person${i}@example.com`);
    const tooMany = await ask('late@example.com');
    expect(tooMany.status).toBe(429);
    expect(await tooMany.text()).toContain('Too many requests');
    // A sliding hour later it lets requests through again.
    app.advance(61 * MINUTE);
    expect((await ask('later@example.com')).status).toBe(200);
  });

  it('bad input gets a 4xx, never a 500', async () => {
    const { seeded, scope, browser } = await setUp();
    const posts: [string, Record<string, string | string[]>][] = [
      ['/subscriptions/email', {}],
      ['/subscriptions/email', { scope }],
      ['/subscriptions/email', { scope: 'page:nope', email: 'a@example.com' }],
      ['/subscriptions/email', { scope: 'customer:x', email: 'a@example.com' }],
      ['/subscriptions/email', { scope: '../../etc', email: 'a@example.com' }],
      ['/subscriptions/email', { scope, email: 'not an address' }],
      ['/subscriptions/email', { scope, email: '"x"@example.com' }],
      ['/subscriptions/email', { scope, email: 'a@example.com\r\nBcc: x@evil.test' }],
      ['/subscriptions/email', { scope, email: `${'a'.repeat(300)}@example.com` }],
      ['/subscriptions/email', { scope, email: 'a@example.com', what: 'some' }],
      ['/subscriptions/email', { scope, email: 'a@example.com', component: [seeded.components.docs] }],
      ['/subscriptions/email', { scope, email: 'a@example.com', component: ['x'.repeat(500)] }],
      ['/subscriptions/email', { scope: [scope, scope], email: ['a@example.com', 'b@example.com'] }],
      ['/subscriptions/manage', { scope, email: '' }],
      ['/subscriptions/manage', { scope: 'sub:x', email: 'a@example.com' }],
      ['/subscriptions/manage/code', {}],
      ['/subscriptions/manage/code', { link: 'x'.repeat(5000), code: 'abc' }],
      ['/subscriptions/manage/code', { link: "'; drop table", code: '1' }],
      [`/subscriptions/manage/${'A'.repeat(43)}`, { action: 'explode' }],
      ['/subscriptions/confirm/%00', {}],
      ['/subscriptions/unsubscribe/x.y', {}],
      [`/subscriptions/unsubscribe/${'A'.repeat(26)}.${'0'.repeat(64)}`, {}],
    ];
    for (const [path, form] of posts) {
      const res = await browser.post(path, form);
      expect(res.status, `${path} ${JSON.stringify(form).slice(0, 80)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
    // Bodies that are not forms at all.
    for (const [type, body] of [
      ['multipart/form-data', '--x\r\nnonsense'],
      ['application/json', '{"scope":1}'],
      ['application/x-www-form-urlencoded', '%%%'],
      ['text/plain', '\u0000\u0001'],
    ] as const) {
      const raw = await app!.app.request('/subscriptions/email', {
        method: 'POST',
        headers: { 'sec-fetch-site': 'same-origin', 'content-type': type },
        body,
      });
      expect(raw.status, type).toBeGreaterThanOrEqual(400);
      expect(raw.status, type).toBeLessThan(500);
    }
    for (const path of [
      '/subscriptions/email',
      '/subscriptions/email?scope=',
      '/subscriptions/email?scope=page:%00',
      '/subscriptions/manage?scope=customer:x',
    ]) {
      expect((await browser.get(path)).status, path).toBe(404);
    }
    // A cross-site post is refused (REQ-5), except the one-click unsubscribe (SUB-3).
    const cross = await browser.post('/subscriptions/email', { scope, email: 'a@example.com' }, { 'sec-fetch-site': 'cross-site' });
    expect(cross.status).toBe(403);
  });
});

describeEachEngine('email subscriptions on customer pages', (db) => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('SUB-4: only a signed-in viewer sees the form, and only allowlisted addresses get a mail (the same answer for any other)', async () => {
    const { seedCustomerPages, signIn } = await import('../../../test/helpers/customer-pages.js');
    app = await createTestApp(db(), { env: { PUBLIC_URL } });
    const seeded = await seedCustomerPages(app.deps.ctx, PUBLIC_URL);
    await app.deps.snapshots.fresh();
    const browser = createBrowser(app.app);
    const path = `${seeded.acme.path}/subscribe`;

    // Signed out: sent to the page (its sign-in form); a post does nothing.
    const out = await browser.get(path);
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe(seeded.acme.path);
    expect((await browser.post(path, { email: 'wile@acme-corp.com' })).status).toBe(303);
    expect(await db().db.selectFrom('email_subscriptions').select('id').execute()).toEqual([]);

    await signIn(app.deps, browser, seeded.acme.path, 'wile@acme-corp.com');
    const page = await (await browser.get(seeded.acme.path)).text();
    expect(page).toContain(`href="${path}"`);
    expect(page).not.toContain('/subscriptions/webhook');
    const form = await browser.get(path);
    expect(form.status).toBe(200);
    expect(form.headers.get('cache-control')).toBe('no-store');
    expect(form.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await form.text()).toContain('value="wile@acme-corp.com"');

    const allowed = await browser.post(path, { email: 'wile@acme-corp.com', what: 'all' });
    const refused = await browser.post(path, { email: 'spy@globex.com', what: 'all' });
    expect(refused.status).toBe(allowed.status);
    expect(await refused.text()).toBe(await allowed.text());
    const mails = await deliverSubscriberMails(app.deps);
    expect(mails.map((mail) => mail.to)).toEqual(['wile@acme-corp.com']);
    const scope = scopeKey({ kind: 'customer', customerPageId: seeded.acme.customerPageId });
    expect(await findEmailSubscription(db().db, scope, 'spy@globex.com')).toBeNull();
    // The public forms do not take a customer page's scope.
    expect((await browser.post('/subscriptions/email', { scope, email: 'wile@acme-corp.com' })).status).toBe(404);

    // The mailed link confirms; its page does not show the customer page's address.
    const confirmPage = await (await browser.get(mails[0]!.path)).text();
    expect(confirmPage).not.toContain(seeded.acme.path);
    expect((await browser.post(mails[0]!.path, {})).status).toBe(200);
    expect((await findEmailSubscription(db().db, scope, 'wile@acme-corp.com'))?.state).toBe('confirmed');
  });
});

it('keeps subscriber link tokens out of the access log (LOG-2)', async () => {
  const { loggablePath } = await import('../middleware/access-log.js');
  expect(loggablePath(`/subscriptions/confirm/${'A'.repeat(43)}`)).toBe('/subscriptions/confirm/:token');
  expect(loggablePath(`/subscriptions/manage/${'A'.repeat(43)}`)).toBe('/subscriptions/manage/:token');
  expect(loggablePath('/subscriptions/manage/code')).toBe('/subscriptions/manage/code');
  expect(loggablePath('/subscriptions/unsubscribe/abc.def')).toBe('/subscriptions/unsubscribe/:token');
});
