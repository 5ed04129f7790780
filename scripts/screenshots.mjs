#!/usr/bin/env node
// Captures the screenshots in docs/screenshots/ (`npm run screenshots`, which builds dist/ first):
// Beacon from dist/ seeded with the demo on a temporary SQLite database, its clock stopped at a fixed
// instant so that every run shows the same data, and Debian's Chromium (playwright-core) signing in
// as the demo's staff admin and as a demo customer through the real sign-in forms. Without SMTP_URL
// the sign-in mail is written to the log (the development log mailer): the links are read from there.
//
// Usage: npm run screenshots   (CHROMIUM=/path/to/chromium to use another browser)
/* global window, document -- the callbacks of page.evaluate and page.waitForFunction run in the browser. */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { chromium } from 'playwright-core';
import { startBackgroundWork } from '../dist/cli/start-background-work.js';
import { loadConfig } from '../dist/config/load-config.js';
import { seedDemo } from '../dist/services/demo/demo.js';
import { migrateDatabase, openDatabase } from '../dist/store/database.js';
import { createWebServer } from '../dist/web/server.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** The instant the server's clock and the browser's stay at: the same demo history on every run. */
const NOW = new Date('2026-03-18T10:00:00.000Z');
const WIDE = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
/** Long screens are cut at this height (CSS px): the top of a screen is what a reader looks at. */
const MAX_HEIGHT = 1200;
const LINK = /https?:\/\/[^\s"]+\/auth#[A-Za-z0-9_-]+/;

async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A pino logger that keeps the sign-in links the log mailer writes, for `nextLink` to hand out. */
function linkCatchingLogger() {
  const links = [];
  const waiting = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) {
        const link = LINK.exec(line)?.[0];
        if (!link) continue;
        const waiter = waiting.shift();
        if (waiter) waiter(link);
        else links.push(link);
      }
      done();
    },
  });
  return {
    logger: pino({ level: 'info' }, stream),
    nextLink: () =>
      new Promise((resolve, reject) => {
        if (links.length > 0) return resolve(links.shift());
        const timer = setTimeout(() => reject(new Error('no sign-in link was logged within 15 s')), 15_000);
        waiting.push((link) => {
          clearTimeout(timer);
          resolve(link);
        });
      }),
  };
}

/** Beacon as `beacon serve --demo` runs it, on a temporary SQLite file, with the clock stopped at NOW. */
async function startBeacon(logger) {
  const dir = mkdtempSync(join(tmpdir(), 'beacon-screenshots-'));
  const port = await freePort();
  const config = loadConfig({
    BEACON_DATA_DIR: dir,
    DATABASE_URL: join(dir, 'beacon.db'),
    // A fixed secret: nothing outlives the run, and the run needs none of the operator's.
    BEACON_SECRET: 'screenshots-only-secret-0123456789abcdef0123456789',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
  });
  const database = openDatabase(config.databaseUrl, {
    statementCache: config.caches.statementCache,
    busyTimeoutMs: config.busyTimeoutMs,
    synchronous: config.sqliteSynchronous,
  });
  await migrateDatabase(database);
  const web = createWebServer({ database, config, logger, clock: () => new Date(NOW) });
  const demo = await seedDemo(web.ctx, { publicUrl: config.publicUrl });
  await web.snapshots.fresh();
  const background = startBackgroundWork(web.ctx, web.snapshots, config, logger);
  const { server, url } = await web.listen({ port, host: '127.0.0.1' });
  return {
    origin: url,
    demo,
    async close() {
      await new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await background.stop();
      await web.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs `page` in through the form at `path`: the address, the logged link, then Continue. */
async function signIn(page, origin, nextLink, path, email, signedIn) {
  await page.goto(`${origin}${path}`);
  await page.fill('input[name="email"]', email);
  await page.press('input[name="email"]', 'Enter');
  await page.waitForSelector('text=Check your email');
  await page.goto(await nextLink());
  await page.waitForFunction(() => window.location.hash === '');
  await page.click('button[type="submit"]');
  await page.waitForSelector(signedIn);
}

const written = [];

/** Saves the page as docs/screenshots/<name>.png, cut at MAX_HEIGHT. */
async function capture(page, name) {
  await page.evaluate(() => document.fonts.ready);
  const { width } = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const path = join(OUT, `${name}.png`);
  await page.screenshot({
    path,
    fullPage: true,
    clip: { x: 0, y: 0, width, height: Math.min(height, MAX_HEIGHT) },
    animations: 'disabled',
    caret: 'hide',
  });
  written.push(path);
  console.log(`  ${relative(ROOT, path)}`);
}

/**
 * The screens: `go` brings `page` to the screen (signed in where needed); `variants` says in which of
 * light (1280 px), dark (1280 px) and phone (390 px, light) it is captured.
 */
const SCREENS = [
  { name: 'public-page', staff: false, variants: ['light', 'dark', 'phone'], go: (page, o) => page.goto(`${o}/`) },
  {
    name: 'customer-page',
    customer: true,
    variants: ['light', 'dark', 'phone'],
    go: async (page, o, demo) => page.goto(`${o}${demo.customerPages[0].path}`),
  },
  { name: 'dashboard-home', staff: true, variants: ['light', 'dark', 'phone'], go: (page, o) => page.goto(`${o}/admin`) },
  { name: 'incidents', staff: true, variants: ['light', 'dark'], go: (page, o) => page.goto(`${o}/admin/incidents`) },
  {
    name: 'incident',
    staff: true,
    variants: ['light', 'dark', 'phone'],
    go: async (page, o) => {
      await page.goto(`${o}/admin/incidents`);
      await Promise.all([page.waitForURL(/\/admin\/incidents\/[^/?]+$/), page.locator('main table a').first().click()]);
    },
  },
  {
    name: 'declare-review',
    staff: true,
    variants: ['light', 'dark', 'phone'],
    go: async (page, o) => {
      await page.goto(`${o}/admin/incidents/new`);
      await page.fill('#name', 'Elevated API error rates');
      await page.fill('#message', 'Some API requests fail with 502. We are investigating.');
      await page.selectOption('label:text-is("API") + select', 'partial_outage');
      await page.click('button:has-text("Review")');
      await page.waitForSelector('h2:has-text("Review before publishing")');
      await page.locator('.review').scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'maintenance-calendar',
    staff: true,
    variants: ['light', 'dark'],
    go: (page, o) => page.goto(`${o}/admin/maintenance/calendar`),
  },
  {
    name: 'page-structure',
    staff: true,
    variants: ['light'],
    go: async (page, o) => {
      await page.goto(`${o}/admin/pages`);
      await page.click('table >> text=Acme Cloud');
      await page.waitForSelector('ol.ordered');
    },
  },
  {
    name: 'catalog-entries',
    staff: true,
    variants: ['light'],
    go: async (page, o) => {
      await page.goto(`${o}/admin/catalog`);
      await page.click('a:text-is("Customer")');
      await page.waitForSelector('h1:has-text("Customer")');
    },
  },
  { name: 'customer-pages', staff: true, variants: ['light'], go: (page, o) => page.goto(`${o}/admin/customer-pages`) },
];

const VARIANTS = {
  light: { viewport: WIDE, colorScheme: 'light' },
  dark: { viewport: WIDE, colorScheme: 'dark' },
  phone: { viewport: PHONE, colorScheme: 'light' },
};

async function main() {
  mkdirSync(OUT, { recursive: true });
  for (const file of readdirSync(OUT)) if (file.endsWith('.png')) rmSync(join(OUT, file));
  const { logger, nextLink } = linkCatchingLogger();
  const beacon = await startBeacon(logger);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars'],
  });
  try {
    const { origin, demo } = beacon;
    // One signed-in state each for staff and customer, reused by every context (one link each).
    const states = {};
    for (const [who, path, email, signedIn] of [
      ['staff', '/admin', demo.staffAdmin, 'text=Signed in as'],
      ['customer', demo.customerPages[0].path, demo.customerPages[0].exampleEmail, 'text=Sign out'],
    ]) {
      const context = await browser.newContext({ viewport: WIDE, locale: 'en-US' });
      await signIn(await context.newPage(), origin, nextLink, path, email, signedIn);
      states[who] = await context.storageState();
      await context.close();
    }
    for (const [variant, options] of Object.entries(VARIANTS)) {
      console.log(`${variant}:`);
      for (const screen of SCREENS.filter((s) => s.variants.includes(variant))) {
        const storageState = screen.staff ? states.staff : screen.customer ? states.customer : undefined;
        const context = await browser.newContext({ ...options, locale: 'en-US', timezoneId: 'Europe/Berlin', storageState });
        await context.clock.setFixedTime(NOW);
        const page = await context.newPage();
        await screen.go(page, origin, demo);
        await page.waitForLoadState('load');
        await capture(page, `${screen.name}-${variant}`);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await beacon.close();
  }
  const total = written.reduce((sum, path) => sum + statSync(path).size, 0);
  console.log(`${written.length} screenshots, ${(total / 1024 / 1024).toFixed(2)} MB, in ${relative(ROOT, OUT)}/`);
}

await main();
