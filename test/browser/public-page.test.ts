/**
 * The public page in a real browser: Chromium (playwright-core) against the real HTTP server, with
 * data created through the services. Checks accessibility with axe-core in light and dark schemes at
 * desktop and phone widths, that nothing scrolls sideways at 360 px, that the page works with
 * JavaScript off, that groups fold, and that each day of an uptime bar tells its story by keyboard.
 * With `BEACON_SHOTS=1`, screenshots land in /tmp/beacon-shots for a human to look at.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createComponent } from '../../src/services/status/components.js';
import { createGroup } from '../../src/services/status/groups.js';
import { createIncident, resolveIncident } from '../../src/services/status/incidents.js';
import { scheduleMaintenance } from '../../src/services/status/maintenances.js';
import { createPage } from '../../src/services/pages/pages.js';
import type { Database } from '../../src/store/database.js';
import { type BrowserRig, describeInBrowser, seriousViolations, shoot, sidewaysOverflow, startBrowserRig } from '../helpers/browser.js';
import { createTestDatabase } from '../helpers/databases.js';
import { type TestApp, createTestApp } from '../helpers/test-app.js';

const NOW = new Date('2026-03-20T13:30:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describeInBrowser('public page', () => {
  let database: Database;
  let testApp: TestApp;
  let rig: BrowserRig;
  let incidentPath: string;
  let pageId: string;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    testApp = await createTestApp(database, { now: new Date(NOW.getTime() - 30 * DAY) });
    const { ctx } = testApp.deps;

    const api = await createComponent(ctx, { name: 'Public API', description: 'REST endpoints at api.example.com' });
    const web = await createComponent(ctx, { name: 'Web app' });
    const db = await createComponent(ctx, { name: 'Primary database' });
    const cache = await createComponent(ctx, { name: 'Cache cluster' });
    const eu = await createComponent(ctx, { name: 'EU region' });
    const us = await createComponent(ctx, { name: 'US region' });
    // An unbroken name must wrap, not push a phone's page sideways.
    const gateway = await createComponent(ctx, { name: 'authentication-and-authorisation-gateway.eu-central-1.example.com' });
    const infrastructure = await createGroup(ctx, { name: 'Infrastructure', componentIds: [db.id, cache.id] });
    const regions = await createGroup(ctx, { name: 'Regions', componentIds: [eu.id, us.id] });
    const acme = await createPage(ctx, {
      slug: 'acme',
      name: 'Acme',
      timeZone: 'Europe/Berlin',
      isDefault: true,
      items: [
        { kind: 'component', componentId: api.id, showUptime: true },
        { kind: 'component', componentId: web.id, showUptime: false },
        { kind: 'group', groupId: infrastructure.id, showUptime: true },
        { kind: 'group', groupId: regions.id, showUptime: true },
        { kind: 'component', componentId: gateway.id, showUptime: true },
      ],
    });
    pageId = acme.id;

    testApp.setNow(new Date(NOW.getTime() - 3 * DAY));
    const resolved = await createIncident(ctx, {
      name: 'Elevated API errors',
      status: 'investigating',
      message: 'We are investigating elevated error rates on the public API.',
      impacts: [{ componentId: api.id, impact: 'partial_outage' }],
    });
    testApp.advance(2 * HOUR);
    await resolveIncident(ctx, resolved.id, { message: 'A faulty deploy was rolled back; error rates are normal.' });
    incidentPath = `/acme/incidents/${resolved.id}`;

    testApp.setNow(new Date(NOW.getTime() - HOUR));
    await createIncident(ctx, {
      name: 'Slow database queries',
      status: 'identified',
      message: 'A runaway query is slowing the primary database. We are stopping it.',
      impacts: [{ componentId: db.id, impact: 'degraded_performance' }],
    });
    await scheduleMaintenance(ctx, {
      name: 'Cache cluster upgrade',
      description: 'The cache may be cold for a few minutes afterwards.',
      componentIds: [cache.id],
      scheduledStart: new Date(NOW.getTime() + 2 * DAY),
      scheduledEnd: new Date(NOW.getTime() + 2 * DAY + HOUR),
    });
    testApp.setNow(NOW);

    // The viewer is in New York; the page is in Berlin.
    rig = await startBrowserRig(testApp.web, { contextDefaults: { timezoneId: 'America/New_York' } });
  }, 60_000);

  afterAll(async () => {
    await rig?.close();
    await testApp?.close();
    await database?.close();
  });

  const open: BrowserRig['open'] = (path, options) => rig.open(path, options);

  for (const width of [1280, 360]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`passes axe at ${width} px in ${colorScheme} mode, without sideways scrolling`, async () => {
        const { page, status, close } = await rig.look('/', { viewport: { width, height: 900 }, colorScheme });
        try {
          expect(status).toBe(200);
          await expect(page.locator('h1').textContent()).resolves.toBe('Minor Service Outage');
          await shoot(page, `public-page-${width}-${colorScheme}`);
          expect(await seriousViolations(page)).toEqual([]);
          expect(await sidewaysOverflow(page)).toBe(0);

          // A day's tooltip, shown by keyboard focus, must be readable too and stay on screen.
          const lastDay = page.locator('ol.bar').first().locator('li').last();
          await lastDay.focus();
          const tip = await lastDay.locator(':scope > span').boundingBox();
          expect(tip?.width ?? 0).toBeGreaterThan(100);
          expect(tip!.x).toBeGreaterThanOrEqual(0);
          expect(tip!.x + tip!.width).toBeLessThanOrEqual(width);
          await shoot(page, `public-page-${width}-${colorScheme}-tooltip`, {});
          expect(await seriousViolations(page, 'ol.bar li:focus')).toEqual([]);
        } finally {
          await close();
        }
      });
    }
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    // A <details> disclosure: no script of the page's opens it (axe, run below, needs scripts on).
    it(`opens Subscribe at 360 px in ${colorScheme} mode: the feeds listed, accessible, on screen`, async () => {
      const { page, close } = await open('/', { viewport: { width: 360, height: 900 }, colorScheme });
      try {
        await page.locator('.subscribe summary').click();
        const links = page.locator('.subscribe-menu a');
        const scope = encodeURIComponent(`page:${pageId}`);
        expect(await links.evaluateAll((all) => all.map((a) => a.getAttribute('href')))).toEqual([
          '/acme/feed.atom',
          '/acme/feed.rss',
          '/acme/maintenance.ics',
          '/acme/api/v2/summary.json',
          `/subscriptions/email?scope=${scope}`,
          `/subscriptions/webhook?scope=${scope}`,
        ]);
        const menu = await page.locator('.subscribe-menu').boundingBox();
        expect(menu!.x).toBeGreaterThanOrEqual(0);
        expect(menu!.x + menu!.width).toBeLessThanOrEqual(360);
        await shoot(page, `public-page-360-${colorScheme}-subscribe`);
        // The open menu covers the banner (whose contrast the closed page's tests check): axe checks the menu.
        expect(await seriousViolations(page, '.subscribe')).toEqual([]);
        expect(await sidewaysOverflow(page)).toBe(0);
        const alternates = await page
          .locator('head link[rel="alternate"]')
          .evaluateAll((all) => all.map((link) => link.getAttribute('type')));
        expect(alternates).toEqual(['application/atom+xml', 'application/rss+xml', 'text/calendar']);
      } finally {
        await close();
      }
    });
  }

  it('shows status, incidents and maintenance with JavaScript off, in the page’s time zone', async () => {
    const { page, close } = await open('/acme', { javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
    try {
      await expect(page.locator('h1').textContent()).resolves.toBe('Minor Service Outage');
      const text = await page.locator('main').innerText();
      expect(text).toContain('Slow database queries');
      expect(text).toContain('A runaway query is slowing the primary database.');
      expect(text).toContain('Elevated API errors');
      expect(text).toContain('Cache cluster upgrade');
      expect(text).toMatch(/Degraded performance/);
      await expect(page.locator('footer').innerText()).resolves.toContain('Europe/Berlin');
      // 12:30 UTC is 13:30 in Berlin in March (CET).
      await expect(page.locator('.incident time').first().textContent()).resolves.toMatch(/13:30 CET$/);
      // No day is a tab stop; each bar is one, and shows today's tooltip while focused.
      await expect(page.locator('ol.bar li[tabindex]').count()).resolves.toBe(0);
      const bars = await page.locator('ol.bar').count();
      await expect(page.locator('ol.bar[tabindex="0"]').count()).resolves.toBe(bars);
      const bar = page.locator('ol.bar').first();
      await bar.focus();
      await expect(bar.locator('li').last().locator(':scope > span').isVisible()).resolves.toBe(true);
      await shoot(page, 'public-page-360-no-js');
    } finally {
      await close();
    }
  });

  it('passes axe without its script (as with JavaScript off), a focused bar included', async () => {
    // axe itself needs scripts: only the page's own script is kept from running.
    const context = await rig.browser.newContext({
      viewport: { width: 360, height: 800 },
      timezoneId: 'America/New_York',
      locale: 'en-US',
    });
    try {
      const page = await context.newPage();
      await page.route('**/assets/*.js', (route) => route.abort());
      await page.goto(`${rig.origin}/acme`, { waitUntil: 'load' });
      await expect(page.locator('ol.bar li[tabindex]').count()).resolves.toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await page.locator('ol.bar').first().focus();
      expect(await seriousViolations(page, 'ol.bar:focus')).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('has as many tab stops with JavaScript off as with it on: one per bar, none per day', async () => {
    const tabStops = async (javaScriptEnabled: boolean) => {
      const { page, close } = await open('/acme', { javaScriptEnabled });
      try {
        return await page.evaluate(() => {
          const focusable = document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]');
          return Array.prototype.filter.call(focusable, (el: HTMLElement) => el.tabIndex >= 0).length;
        });
      } finally {
        await close();
      }
    };
    const withScript = await tabStops(true);
    expect(await tabStops(false)).toBe(withScript);
    expect(withScript).toBeLessThan(40);
  });

  it('keeps every time in the page’s zone, named, as the day bars are, whatever the viewer’s zone', async () => {
    // The viewer is in New York (see `startBrowserRig` above); the page is in Berlin.
    const { page, close } = await open('/acme');
    try {
      await expect(page.locator('footer').innerText()).resolves.toContain('Times and days are shown in the Europe/Berlin time zone.');
      await expect(page.locator('.incident time').first().textContent()).resolves.toMatch(/13:30 CET$/);
      // The resolved incident started 17 March 13:30 UTC (14:30 in Berlin): its card and its day in the bar say 17 March.
      const recent = page.locator('.incident', { hasText: 'Elevated API errors' }).first();
      await expect(recent.innerText()).resolves.toContain('17 Mar 2026, 14:30 CET');
      await expect(page.locator('ol.bar').first().locator('li.po').textContent()).resolves.toMatch(
        /^17 March 2026: Partial outage — Elevated API errors/,
      );
    } finally {
      await close();
    }
  });

  for (const [width, shown, hidden] of [
    [1280, 'l90', 'l30'],
    [360, 'l30', 'l90'],
  ] as const) {
    it(`at ${width} px, labels each bar with the days it shows and gives the figure of those days`, async () => {
      const { page, close } = await open('/acme', { viewport: { width, height: 900 } });
      try {
        const legend = page.locator('.uptime .legend').first();
        const visibleDays = await page
          .locator('ol.bar')
          .first()
          .locator('li')
          .evaluateAll((days) => days.filter((day) => (day as HTMLElement).offsetParent !== null).length);
        await expect(legend.locator(`> span:first-child .${shown}`).textContent()).resolves.toBe(`${visibleDays} days ago`);
        await expect(legend.locator(`> span:first-child .${shown}`).isVisible()).resolves.toBe(true);
        await expect(legend.locator(`> span:first-child .${hidden}`).isVisible()).resolves.toBe(false);
        await expect(legend.locator(`.pct .${shown}`).isVisible()).resolves.toBe(true);
        await expect(legend.locator(`.pct .${hidden}`).isVisible()).resolves.toBe(false);
        await expect(legend.locator(`.pct .${shown}`).textContent()).resolves.toMatch(/^\d+(\.\d\d)?% uptime$/);
      } finally {
        await close();
      }
    });
  }

  it('folds groups with <details>, opening those with a problem', async () => {
    const { page, close } = await open('/');
    try {
      const infrastructure = page.locator('details', { hasText: 'Infrastructure' });
      const regions = page.locator('details', { hasText: 'Regions' });
      await expect(infrastructure.evaluate((el: HTMLDetailsElement) => el.open)).resolves.toBe(true);
      await expect(regions.evaluate((el: HTMLDetailsElement) => el.open)).resolves.toBe(false);
      await expect(infrastructure.locator('summary').innerText()).resolves.toContain('Degraded performance');
      await expect(page.getByText('Primary database', { exact: true }).isVisible()).resolves.toBe(true);

      await infrastructure.locator('summary').click();
      await expect(infrastructure.evaluate((el: HTMLDetailsElement) => el.open)).resolves.toBe(false);
      await expect(page.getByText('Primary database', { exact: true }).isVisible()).resolves.toBe(false);

      await regions.locator('summary').focus();
      await page.keyboard.press('Enter');
      await expect(regions.evaluate((el: HTMLDetailsElement) => el.open)).resolves.toBe(true);
      await expect(page.getByText('US region', { exact: true }).isVisible()).resolves.toBe(true);
    } finally {
      await close();
    }
  });

  it('gives every day a label, and walks a bar’s days with the arrow keys', async () => {
    const { page, close } = await open('/');
    try {
      const bar = page.locator('ol.bar').first();
      await expect(bar.getAttribute('aria-label')).resolves.toBe('Public API, last 90 days');
      const days = bar.locator('li');
      await expect(days.count()).resolves.toBe(90);
      await expect(days.first().textContent()).resolves.toMatch(/^\d+ \w+ 2025: No data$/);
      // Two hours of partial outage (counted at 30%) in a 24-hour day: 1 - 0.6 / 24.
      await expect(days.nth(86).textContent()).resolves.toBe('17 March 2026: Partial outage — Elevated API errors; 97.50% uptime');
      await expect(days.last().textContent()).resolves.toBe('20 March 2026: Operational; 100% uptime');

      // With scripts, a bar is one tab stop: Tab lands on today, the arrows move along the days.
      await expect(bar.locator('li[tabindex="0"]').count()).resolves.toBe(1);
      await page.getByRole('link', { name: 'Slow database queries' }).focus();
      await page.keyboard.press('Tab');
      await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('20 March 2026: Operational; 100% uptime');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
      await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toMatch(/^17 March 2026: Partial outage/);
      await expect(days.nth(86).locator(':scope > span').isVisible()).resolves.toBe(true);
      await shoot(page, 'public-page-keyboard-tooltip', { clip: { x: 0, y: 0, width: 1280, height: 900 } });
    } finally {
      await close();
    }
  });

  it('renders an incident page and the history, both accessible', async () => {
    for (const [path, heading] of [
      [incidentPath, 'Elevated API errors'],
      ['/acme/history', 'Incident history'],
      ['/acme/history?month=2026-02', 'Incident history'],
    ] as const) {
      const { page, status, close } = await rig.look(path, { colorScheme: 'dark' });
      try {
        expect(status).toBe(200);
        await expect(page.locator('h1').textContent()).resolves.toBe(heading);
        const name = path === incidentPath ? 'incident' : path.replace(/[^a-z0-9]+/gi, '-');
        await shoot(page, `public-${name}`);
        expect(await seriousViolations(page)).toEqual([]);
      } finally {
        await close();
      }
    }
    const { page, close } = await rig.look('/acme/history');
    try {
      const text = await page.locator('main').innerText();
      expect(text).toContain('March 2026');
      expect(text).toContain('Elevated API errors');
      expect(text).toContain('Slow database queries');
      await expect(page.locator('a[rel="prev"]').getAttribute('href')).resolves.toBe('/acme/history?month=2026-02');
      await expect(page.locator('a[rel="next"]').count()).resolves.toBe(0);
    } finally {
      await close();
    }
  });

  it('answers unknown pages with an accessible 404', async () => {
    const { page, status, close } = await rig.look('/no-such-page', { viewport: { width: 360, height: 800 } });
    try {
      expect(status).toBe(404);
      await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });
});
