/**
 * Shared pieces of the browser tests: Debian's Chromium headless shell driven by playwright-core, the
 * app on a real listening server, and axe-core's serious findings. Only a developer machine without
 * it may skip; on CI (`CI=true`) a missing browser fails the suite loudly.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type AddressInfo, createServer } from 'node:net';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page as BrowserPage,
  type PageScreenshotOptions,
  chromium,
} from 'playwright-core';
import { describe } from 'vitest';
import type { WebServer } from '../../src/web/server.js';

/**
 * Chromium's headless shell (Debian's `chromium-headless-shell`, what Playwright runs for headless by
 * default): the same Blink and V8 as the full browser without the full browser's UI layers, so a
 * context and a page load cost a fraction of the CPU (README, Development).
 */
const CHROMIUM = '/usr/bin/chromium-headless-shell';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const ON_CI = process.env.CI === 'true';

/**
 * `describe` for a browser suite: skipped (saying why) only on a developer machine without Chromium,
 * with timeouts generous enough for axe over thousands of nodes on a busy two-core machine.
 */
export function describeInBrowser(title: string, body: () => void): void {
  const skip = !existsSync(CHROMIUM) && !ON_CI;
  if (skip) console.warn(`${title}: browser tests skipped, ${CHROMIUM} is missing (install chromium-headless-shell to run them)`);
  describe.skipIf(skip)(`${title} in Chromium${skip ? ` (skipped: ${CHROMIUM} not found)` : ''}`, { timeout: 120_000 }, body);
}

/** Where the suites leave screenshots for a human to look at, when `BEACON_SHOTS=1` asks for them. */
const SHOTS = '/tmp/beacon-shots';
const TAKE_SHOTS = process.env.BEACON_SHOTS === '1';

/**
 * Saves a screenshot of `page` as `name`.png for a human to look at, only when `BEACON_SHOTS=1`:
 * a full-page capture costs about as much as an axe run, and checks nothing
 * (`npm run screenshots` makes the documented ones).
 */
export async function shoot(page: BrowserPage, name: string, options: PageScreenshotOptions = { fullPage: true }): Promise<void> {
  if (!TAKE_SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, ...options });
}

/** A loaded page in a browser context of its own; `close` closes the context. */
interface OpenedPage {
  page: BrowserPage;
  /** The HTTP status of the document. */
  status: number;
  close(): Promise<void>;
}

/** Chromium, and the app on a real HTTP server: what every browser suite runs against. */
export interface BrowserRig {
  browser: Browser;
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Opens `origin + path` in a new context (a 1280 × 900 viewport, `en-US`, then `contextDefaults`, then `options`). */
  open(path: string, options?: BrowserContextOptions): Promise<OpenedPage>;
  /**
   * Loads `origin + path` in the rig's one page for looking at (a context of `contextDefaults`, kept
   * until `close`), at `viewport` (1280 × 900) in `colorScheme` (light): for checks of how a page
   * reads, such as axe-core's, which need no context of their own. axe-core is then sent to one
   * context per file rather than to one per check.
   */
  look(path: string, options?: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' }): Promise<OpenedPage>;
  /** Closes the contexts opened since the rig started (the browser is the worker's), then the server (not `web` itself, which its owner closes). */
  close(): Promise<void>;
}

let sharedBrowser: Promise<Browser> | undefined;

/**
 * This worker's Chromium, launched on first use and kept for the files after it (files share their
 * worker's modules): a launch costs seconds of CPU, a context milliseconds. Playwright kills it when
 * the worker exits.
 */
function workerBrowser(): Promise<Browser> {
  sharedBrowser ??= chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }).then((browser) => {
    browser.on('disconnected', () => (sharedBrowser = undefined));
    return browser;
  });
  const launching = sharedBrowser;
  launching.catch(() => {
    if (sharedBrowser === launching) sharedBrowser = undefined;
  });
  return launching;
}

/**
 * Serves `web` (on `port`, default a free one) and takes the worker's Chromium.
 *
 * @example rig = await startBrowserRig(testApp.web); const { page, close } = await rig.open('/');
 */
export async function startBrowserRig(
  web: WebServer,
  options: { port?: number; contextDefaults?: BrowserContextOptions } = {},
): Promise<BrowserRig> {
  if (!existsSync(CHROMIUM)) throw new Error(`CI=true but ${CHROMIUM} is missing: the browser suite must run on CI`);
  const server = await serveWeb(web, options.port);
  const browser = await workerBrowser().catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  // Contexts left open by an earlier file (one whose afterAll never ran) are not this file's.
  const before = new Set(browser.contexts());
  const defaults: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: 'en-US', ...options.contextDefaults };
  let lookingPage: Promise<BrowserPage> | undefined;
  return {
    browser,
    origin: server.origin,
    async open(path, contextOptions = {}) {
      const context = await browser.newContext({ ...defaults, ...contextOptions });
      const page = await context.newPage();
      const response = await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
      return { page, status: response?.status() ?? 0, close: () => context.close() };
    },
    async look(path, { viewport = { width: 1280, height: 900 }, colorScheme = 'light' } = {}) {
      lookingPage ??= browser.newContext(defaults).then((context) => context.newPage());
      const page = await lookingPage;
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      const response = await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
      // The page stays for the next look; `close` (the rig's) closes its context.
      return { page, status: response?.status() ?? 0, close: async () => {} };
    },
    async close() {
      // The browser stays for the worker's next file; what this file opened in it goes.
      await Promise.all(
        browser
          .contexts()
          .filter((context) => !before.has(context))
          .map((context) => context.close()),
      );
      await server.close();
    },
  };
}

/** How far the document scrolls sideways (0 when nothing is wider than the viewport). */
export const sidewaysOverflow = (page: BrowserPage): Promise<number> =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

interface ServedApp {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  close(): Promise<void>;
}

/** `web` (fast path and app, as `beacon serve` listens) on a real HTTP server on `port` (default: a free one). */
export async function serveWeb(web: WebServer, port = 0): Promise<ServedApp> {
  const { server, url } = await web.listen({ port, host: '127.0.0.1' });
  return {
    origin: url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A port free on 127.0.0.1 now, for a server whose public URL must be known before it is built. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

interface AxeNode {
  target: string[];
  any: { message: string }[];
}

interface AxeResult {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

interface AxeResults {
  violations: AxeResult[];
  incomplete: AxeResult[];
}

const SERIOUS = new Set(['serious', 'critical']);
let axeSource: string | undefined;
/** Contexts that load axe-core into every document they open. */
const axeContexts = new WeakSet<BrowserContext>();

/**
 * axe-core's serious and critical findings on the whole document or within `selector`, plus any
 * text whose contrast axe could not check (a gradient or pseudo-element behind it): contrast must
 * be verified, not merely unrefuted. Glyph-only text (arrows) is exempt.
 */
export async function seriousViolations(page: BrowserPage, selector?: string): Promise<string[]> {
  // The minified build: the same rules, and half the source to send and compile for every document.
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) {
    // Sent once per context, then evaluated by Chromium in each document the context loads next,
    // instead of sent again after every navigation (most of the cost of a check).
    const context = page.context();
    if (!axeContexts.has(context)) {
      axeContexts.add(context);
      await context.addInitScript({ content: axeSource });
    }
    await page.addScriptTag({ content: axeSource });
  }
  const { violations, unchecked } = await page.evaluate(async (within) => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: object) => Promise<AxeResults> } }).axe;
    const results = await axe.run(within ?? document, { resultTypes: ['violations', 'incomplete'] });
    const contrast = results.incomplete.find((result) => result.id === 'color-contrast');
    return {
      violations: results.violations,
      unchecked: (contrast?.nodes ?? []).filter((node) => !node.any.some((check) => check.message.includes('non-text'))),
    };
  }, selector);
  return [
    ...violations
      .filter((violation) => SERIOUS.has(violation.impact ?? ''))
      .map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      ),
    ...unchecked.map((node) => `unchecked contrast at ${node.target.join(' ')}: ${node.any.map((check) => check.message).join('; ')}`),
  ];
}
