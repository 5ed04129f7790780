/**
 * The dashboard's incident screens end to end in a real browser, staff signed in through sessions
 * started by the services (the mailed journey is staff-dashboard.test.ts's): a responder declares an
 * incident affecting a component with the keyboard and the grid's filter, sees it on the public page,
 * posts an update and resolves it; two staff browsers on one incident: B sees A's update without
 * reloading (server-sent events), keeps what B typed, and B's stale edit is refused (409) with the
 * newer state shown. axe-core finds no
 * serious or critical violation on the list, declare and incident screens, and no Content Security
 * Policy violation is reported (HDR-1: the live script runs by its nonce and connects to its origin only).
 * An incident declared on one customer's component shows on that customer's page (to its signed-in
 * viewer) and on the public page carrying it, and not on another customer's page.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPage } from '../../src/services/pages/pages.js';
import { createComponent } from '../../src/services/status/components.js';
import { createGroup } from '../../src/services/status/groups.js';
import { createIncident, getIncident } from '../../src/services/status/incidents.js';
import { createStaffDeps } from '../../src/services/staff/staff-deps.js';
import { type WebServer } from '../../src/web/server.js';
import { describeInBrowser, seriousViolations, shoot, sidewaysOverflow } from '../helpers/browser.js';
import { type MailedBrowserRig, startMailedBrowserRig } from '../helpers/mailed-browser-rig.js';
import { seedCustomerPages } from '../helpers/customer-pages.js';
import { addStaff } from '../helpers/staff-fixtures.js';

describeInBrowser('dashboard incidents', () => {
  let web: WebServer;
  let rig: MailedBrowserRig;
  let origin: string;
  let cspViolations: string[] = [];

  beforeAll(async () => {
    rig = await startMailedBrowserRig();
    ({ web, origin, cspViolations } = rig);
    const { config } = rig;
    await addStaff(createStaffDeps(web.ctx, { secret: config.secret }), {
      'ann@example.com': 'admin',
      'rita@example.com': 'responder',
      'rob@example.com': 'responder',
    });
    const api = await createComponent(web.ctx, { name: 'API' });
    const site = await createComponent(web.ctx, { name: 'Website' });
    const core = await createGroup(web.ctx, { name: 'Core services', componentIds: [api.id, site.id] });
    await createPage(web.ctx, { slug: 'acme', name: 'Acme', items: [{ kind: 'group', groupId: core.id, showUptime: true }] });
  });

  afterAll(async () => {
    await rig?.close();
  });

  const newContext = (forAxe = false) => rig.newContext({ forAxe });

  const staffPage = (email: string, forAxe = false) => rig.openAsStaff(email, { forAxe });

  it('a responder declares an incident with the keyboard, sees it on the public page, updates and resolves it; axe passes', async () => {
    const page = await staffPage('rita@example.com', true);
    await page.click('nav >> text=Incidents');
    await page.waitForSelector('h1:has-text("Open incidents (0)")');
    expect(await seriousViolations(page)).toEqual([]);

    await page.click('text=Declare an incident');
    await page.waitForSelector('h1:has-text("Declare an incident")');
    // The filter box appears with the script and narrows the grid by name.
    await page.waitForSelector('#grid-filter', { state: 'visible' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.focus('#name');
    await page.keyboard.type('Elevated API errors');
    await page.keyboard.press('Tab'); // status
    await page.keyboard.press('Tab'); // message
    await page.keyboard.type('Some requests fail with 502.');
    await page.focus('#grid-filter');
    await page.keyboard.type('api');
    expect(await page.isVisible('label:has-text("Website")')).toBe(false);
    await page.keyboard.press('Tab'); // the API row's select, the only one shown
    await page.keyboard.press('ArrowDown'); // none → degraded_performance
    await page.keyboard.press('ArrowDown'); // → partial_outage
    expect(await page.inputValue('label:has-text("API") + select')).toBe('partial_outage');
    // Review first (the form's default button): where it will show, nothing written yet, the form kept.
    await page.focus('button:has-text("Review")');
    await page.keyboard.press('Enter');
    await page.waitForSelector('h2:has-text("Review before publishing")');
    expect(await page.textContent('.review')).toMatch(/It will show on 1 page/);
    // The preview: the page's banner, card and rows as readers will see them once declared.
    expect(await page.textContent('.preview-page .banner')).toContain('Partial System Outage');
    const card = await page.textContent('.preview-page article.incident');
    expect(card).toContain('Elevated API errors');
    expect(card).toContain('Some requests fail with 502.');
    expect(card).toContain('Investigating');
    expect(await page.textContent('.preview-page .rows')).toMatch(/API\s*Partial outage/);
    expect(await page.inputValue('label:has-text("API") + select')).toBe('partial_outage');
    expect(await seriousViolations(page)).toEqual([]);
    await page.focus('button:has-text("Declare incident")');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Incident declared.');
    expect(await page.textContent('#live')).toContain('API (Partial outage)');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'admin-incident');
    const incidentUrl = page.url();

    const visitor = await (await newContext()).newPage();
    await visitor.goto(`${origin}/`);
    expect(await visitor.textContent('main')).toContain('Elevated API errors');

    await page.selectOption('#update-status', 'monitoring');
    await page.fill('#update-message', 'A fix is rolling out.');
    await page.selectOption('label:has-text("API") + select', 'degraded_performance');
    // The update's review: the incident with the new update as the page will show it; the form kept.
    await page.click('button:has-text("Review")');
    expect(await page.textContent('.preview-page article.incident')).toContain('A fix is rolling out.');
    expect(await page.inputValue('#update-message')).toBe('A fix is rolling out.');
    expect(await seriousViolations(page)).toEqual([]);
    await page.click('button:has-text("Post update")');
    await page.waitForSelector('text=Update posted.');
    expect(await page.textContent('#live')).toContain('A fix is rolling out.');
    expect(await page.textContent('#live')).toContain('API (Degraded performance)');

    await page.fill('#resolve-message', 'All requests succeed again.');
    await page.click('button:has-text("Resolve incident")');
    await page.waitForSelector('text=Incident resolved.');
    expect(await page.textContent('#live')).toContain('All requests succeed again.');
    expect(page.url()).toBe(`${incidentUrl.split('?')[0]}?notice=resolved`);
    await page.goto(`${origin}/admin/incidents`);
    expect(await page.textContent('#open')).toContain('Open incidents (0)');
    expect(await page.textContent('main')).toContain('Elevated API errors');
    expect(await seriousViolations(page)).toEqual([]);

    // Usable on a phone: nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/admin/incidents', incidentUrl.split('?')[0]!.slice(origin.length), '/admin/incidents/new']) {
      await page.goto(`${origin}${path}`);
      expect(await sidewaysOverflow(page), path).toBe(0);
    }
    await shoot(page, 'admin-declare-phone');
  });

  it('a responder declares an incident on one customer’s component: that customer’s viewer and the public page show it, another customer’s viewer does not', async () => {
    const seeded = await seedCustomerPages(web.ctx, origin);
    await createPage(web.ctx, {
      slug: 'clusters',
      name: 'Clusters',
      items: [{ kind: 'component', componentId: seeded.acme.componentId, showUptime: true }],
    });
    await addStaff(createStaffDeps(web.ctx, { secret: rig.config.secret }), { 'cara@example.com': 'responder' });
    const cara = await staffPage('cara@example.com');
    await cara.goto(`${origin}/admin/incidents/new`);
    await cara.fill('#name', 'Acme cluster overloaded');
    await cara.fill('#message', 'Requests queue up.');
    await cara.selectOption('label:has-text("Acme cluster") + select', 'full_outage');
    await cara.click('button:has-text("Review")');
    const review = (await cara.textContent('.review')) ?? '';
    expect(review).toContain('Acme Corp');
    expect(review).not.toContain('Globex');
    await cara.click('button:has-text("Declare incident")');
    await cara.waitForSelector('text=Incident declared.');

    /** A viewer of the customer page at `path`, signed in (a session started through the services) and reading it. */
    const viewerPage = async (customer: { customerPageId: string; path: string }, email: string) => {
      const context = await newContext();
      await rig.startViewerSession(context, customer.customerPageId, email);
      const page = await context.newPage();
      await page.goto(`${origin}${customer.path}`);
      await page.waitForSelector('button:has-text("Sign out")');
      return page;
    };
    const alice = await viewerPage(seeded.acme, 'alice@acme-corp.com');
    expect(await alice.textContent('main')).toContain('Acme cluster overloaded');
    // Another customer's viewer, in a context of their own (the public page needs none: it reuses this one).
    const bob = await viewerPage(seeded.globex, 'bob@globex.com');
    const globex = (await bob.textContent('main')) ?? '';
    expect(globex).toContain('Globex cluster');
    expect(globex).not.toContain('Acme cluster');
    await bob.goto(`${origin}/clusters`);
    expect(await bob.textContent('main')).toContain('Acme cluster overloaded');
  });

  it('two staff browsers on one incident: B sees A’s update live, keeps what B typed, and B’s stale edit is refused; no CSP violation', async () => {
    const incident = await createIncident(web.ctx, { name: 'Website slow', status: 'investigating', message: 'Looking into it.' });
    const a = await staffPage('ann@example.com');
    const b = await staffPage('rob@example.com');
    const screen = `${origin}/admin/incidents/${incident.id}`;
    await a.goto(screen);
    await b.goto(screen);
    // B starts renaming and leaves the text in the field.
    await b.fill('#rename-name', 'Website slow in Europe');

    await a.selectOption('#update-status', 'identified');
    await a.fill('#update-message', 'A cache node is down.');
    await a.click('button:has-text("Post update")');
    await a.waitForSelector('text=Update posted.');

    // Without a reload, B's timeline shows A's update, B is told, and B's typing is still there.
    await b.waitForSelector('#live >> text=A cache node is down.', { timeout: 15_000 });
    expect(await b.isVisible('#live-notice')).toBe(true);
    expect(await b.inputValue('#rename-name')).toBe('Website slow in Europe');

    await b.click('button:has-text("Rename")');
    await b.waitForSelector('text=Someone changed this incident since you opened it');
    expect(await b.inputValue('#rename-name')).toBe('Website slow in Europe');
    expect(await b.textContent('#live')).toContain('A cache node is down.');
    const now = await getIncident(web.ctx, incident.id);
    expect(now.name).toBe('Website slow');
    expect(now.updates).toHaveLength(2);
    expect(cspViolations).toEqual([]);
  });
});
