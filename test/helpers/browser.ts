/**
 * Shared pieces of the browser tests: Debian's Chromium driven by playwright-core, the app on a real
 * listening server, and axe-core's serious findings. Only a developer machine without Chromium may
 * skip; on CI (`CI=true`) a missing browser fails the suite loudly.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { type Browser, type Page as BrowserPage, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
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

/** `app` on a real HTTP server on a free local port. */
export async function serveApp(app: Hono): Promise<ServedApp> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
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
      .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
    ...unchecked.map((node) => `unchecked contrast at ${node.target.join(' ')}: ${node.any.map((check) => check.message).join('; ')}`),
  ];
}
