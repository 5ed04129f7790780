/**
 * Email subscriptions end to end in a real browser: Beacon wired as `beacon serve` wires it (the
 * outbox sending through nodemailer to a real SMTP server), and Chromium opening a public page's
 * Subscribe menu, choosing "Get email updates", subscribing to chosen components, receiving the
 * confirmation mail, opening its link (which changes nothing) and pressing Confirm. Once without
 * JavaScript, once with.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scopeKey } from '../../src/domain/notifications/notification-event.js';
import { findEmailSubscription } from '../../src/store/subscriptions/email-subscriptions.js';
import { describeInBrowser, seriousViolations } from '../helpers/browser.js';
import { type MailedBrowserRig, startMailedBrowserRig } from '../helpers/mailed-browser-rig.js';
import { type SeededRegions, seedRegions } from '../helpers/sub-page-fixtures.js';

describeInBrowser('subscribing to email updates', () => {
  let rig: MailedBrowserRig;
  let seeded: SeededRegions;

  beforeAll(async () => {
    rig = await startMailedBrowserRig();
    seeded = await seedRegions(rig.web.ctx);
    await rig.web.snapshots.fresh();
  });

  afterAll(async () => {
    await rig?.close();
  });

  for (const javaScriptEnabled of [false, true]) {
    it(`subscribes through the menu and confirms from the mail, ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async () => {
      const email = `reader-${javaScriptEnabled ? 'js' : 'nojs'}@example.com`;
      const received = rig.inbox.mails.length;
      // axe-core is injected as a script, which the form's strict policy (HDR-1) refuses: `forAxe` lets it run.
      const context = javaScriptEnabled ? await rig.newContext({ forAxe: true }) : await rig.browser.newContext({ javaScriptEnabled });
      try {
        const page = await context.newPage();
        await page.goto(`${rig.origin}/regions`);
        await page.click('details.subscribe summary');
        await page.click('text=Get email updates');
        await page.waitForSelector('h1:has-text("Get email updates from Regions")');
        if (javaScriptEnabled) expect(await seriousViolations(page)).toEqual([]);
        await page.fill('input[name="email"]', email);
        await page.check('input[value="some"]');
        await page.check(`input[name="component"][value="${seeded.components.euDatabase}"]`);
        await page.click('button:has-text("Subscribe")');
        await page.waitForSelector('h1:has-text("Check your inbox")');

        const mails = await rig.inbox.waitFor(received + 1, 10_000);
        const mail = mails[received]!;
        expect(mail.envelopeTo).toEqual([email]);
        const link = /https?:\/\/\S+\/subscriptions\/confirm\/[A-Za-z0-9_-]{43}/.exec(mail.parts.get('text/plain') ?? '')?.[0];
        expect(link?.startsWith(rig.origin)).toBe(true);

        const scope = scopeKey({ kind: 'page', pageId: seeded.parent.id });
        await page.goto(link!);
        await page.waitForSelector('button:has-text("Confirm my subscription")');
        expect((await findEmailSubscription(rig.database.db, scope, email))?.state).toBe('pending');
        await page.click('button:has-text("Confirm my subscription")');
        await page.waitForSelector('h1:has-text("You are subscribed")');
        expect(await findEmailSubscription(rig.database.db, scope, email)).toMatchObject({
          state: 'confirmed',
          componentIds: [seeded.components.euDatabase],
        });
      } finally {
        await context.close();
      }
    });
  }

  it('shows no Content Security Policy violation on any page', () => {
    expect(rig.cspViolations).toEqual([]);
  });
});
