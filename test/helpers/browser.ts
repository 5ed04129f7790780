/**
 * Shared pieces of the browser tests: Debian's Chromium driven by playwright-core, the app on a real
 * listening server, and axe-core's serious findings. Only a developer machine without Chromium may
 * skip; on CI (`CI=true`) a missing browser fails the suite loudly.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type AddressInfo, createServer } from 'node:net';
import { type Browser, type Page as BrowserPage, chromium } from 'playwright-core';
import type { WebServer } from '../../src/web/server.js';

export const CHROMIUM = '/usr/bin/chromium';
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

/** True when the browser suite named `suite` must be skipped (and says why once). */
export function shouldSkipBrowser(suite: string): boolean {
  const skip = !existsSync(CHROMIUM) && !ON_CI;
  if (skip) console.warn(`${suite} browser tests skipped: ${CHROMIUM} is missing (install chromium to run them)`);
  return skip;
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`CI=true but ${CHROMIUM} is missing: the browser suite must run on CI`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface ServedApp {
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

/**
 * axe-core's serious and critical findings on the whole document or within `selector`, plus any
 * text whose contrast axe could not check (a gradient or pseudo-element behind it): contrast must
 * be verified, not merely unrefuted. Glyph-only text (arrows) is exempt.
 */
export async function seriousViolations(page: BrowserPage, selector?: string): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
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
