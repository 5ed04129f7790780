import { describe, expect, it, vi } from 'vitest';
import { buildStatusPageView } from '../views/models/page-view.js';
import { NOW, component, daysAgo, group, incident, maintenance, page, snapshot } from '../../../test/helpers/snapshot-fixtures.js';
import { SCRIPT, STYLESHEET, renderHistoryPage, renderIncidentPage, renderNotFoundPage, renderStatusPage } from './render.js';
import { StatusPageRenderer } from './status-page-renderer.js';
import { TEST_CACHES } from '../../../test/helpers/test-config.js';

const OPTIONS = { publicUrl: 'https://status.example.com/' };
const acme = page(
  [
    { kind: 'component', componentId: 'api', showUptime: true },
    { kind: 'group', groupId: 'g', showUptime: true },
  ],
  { timeZone: 'Europe/Berlin', isDefault: true },
);
const data = snapshot({
  components: [component('api'), component('db'), component('x')],
  groups: [group('g', ['db'])],
  pages: [acme],
  incidents: [
    incident('open', [{ at: daysAgo(0, 9), message: 'Looking into <it>', impacts: { db: 'partial_outage' } }]),
    incident('done', [
      { at: daysAgo(2, 9), impacts: { api: 'full_outage' } },
      { at: daysAgo(2, 10), status: 'resolved', message: 'Fixed & verified' },
    ]),
    incident('theirs', [{ at: daysAgo(1, 9), impacts: { x: 'full_outage' } }]),
  ],
  maintenances: [maintenance('m', ['api'], daysAgo(-1, 22), daysAgo(-1, 23))],
});

/** The text of an element's markup, as a browser would put in `textContent`. */
const textOf = (html: string): string =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');

/** What the live state or the archive answers for `id` (the hand-built snapshot holds every incident). */
const byId = (id: string) => data.incidents.find((candidate) => candidate.id === id) ?? null;

describe('renderStatusPage', () => {
  const html = renderStatusPage(data, acme, NOW, OPTIONS);

  it('is a complete, accessible document', () => {
    expect(html.startsWith('<!DOCTYPE html><html lang="en">')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
    expect(html).toContain(`<link rel="stylesheet" href="${STYLESHEET.path}"/>`);
    expect(html).toContain(`<script src="${SCRIPT.path}" defer=""></script>`);
    expect(html).toContain('<link rel="canonical" href="https://status.example.com/"/>');
    expect(html).toMatch(/<link rel="icon" href="data:image\/svg\+xml,[^"]+"\/>/);
    expect(html).toContain('<main id="main"');
    expect(html).not.toMatch(/<script>/);
    // Headings in order: one h1 (the banner), then h2 sections, then h3 cards.
    const levels = [...html.matchAll(/<h([1-6])/g)].map((match) => Number(match[1]));
    expect(levels[0]).toBe(1);
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
    levels.forEach((level, index) => index > 0 && expect(level - levels[index - 1]!).toBeLessThanOrEqual(1));
  });

  it('shows the banner, the open incident, the recent one and the maintenance, never another page’s', () => {
    expect(html).toContain('<h1 id="overall-status">Partial System Outage</h1>');
    expect(html).toContain('Incident open');
    expect(html).toContain('Incident done');
    expect(html).toContain('Maintenance m');
    expect(html).not.toContain('Incident theirs');
    expect(html).not.toContain('Component x');
    expect(html).not.toContain('more incident');
  });

  it('links the rest of a busy fortnight to the history instead of drawing every card', () => {
    const busy = snapshot({
      components: [component('api')],
      pages: [acme],
      incidents: Array.from({ length: 23 }, (_, i) =>
        incident(`busy${i}`, [
          { at: daysAgo(i % 10, 9), impacts: { api: 'partial_outage' } },
          { at: daysAgo(i % 10, 10), status: 'resolved' },
        ]),
      ),
    });
    const page = renderStatusPage(busy, acme, NOW, OPTIONS);
    expect(page.match(/<article class="incident /g)).toHaveLength(20);
    expect(textOf(/<p class="more-recent">[^]*?<\/p>/.exec(page)?.[0] ?? '')).toBe(
      '3 more incidents in the last 14 days in the incident history.',
    );
    expect(page).toContain('<p class="more-recent"><a href="/acme/history">');
  });

  it('escapes what staff typed', () => {
    expect(html).toContain('Looking into &lt;it&gt;');
    expect(html).not.toContain('<it>');
  });

  it('prints only Latin-1 characters of its own (the rest as references), so a big page stays a fast one-byte string', () => {
    const pages = [
      html,
      renderIncidentPage(data, acme, byId('done'), NOW, OPTIONS)!,
      renderHistoryPage(data, acme, '2026-03', NOW, OPTIONS, data.incidents)!,
    ];
    for (const page of pages) expect(page.match(/[^\u0000-\u00ff]/g)).toBeNull();
    expect(html).toContain('Full outage &#8212; Incident done');
  });

  it('renders to the same bytes when the rows are assembled as kept bytes', () => {
    const renderer = new StatusPageRenderer(TEST_CACHES.statusPageRows);
    const first = renderer.render(data, acme, NOW, OPTIONS);
    const second = renderer.render(data, acme, NOW, OPTIONS);
    expect(Buffer.concat(first).equals(Buffer.from(html, 'utf8'))).toBe(true);
    expect(Buffer.concat(second).equals(Buffer.from(html, 'utf8'))).toBe(true);
    // Chunks, not one joined page: the second render hands out the very row buffers the first made.
    expect(second.length).toBeGreaterThan(2);
    expect(second.filter((chunk) => first.includes(chunk)).length).toBeGreaterThan(0);
    // Text that looks like a list marker is only text.
    const tricky = snapshot({ components: [{ ...component('api'), name: '\u0001list-0\u0001 “quoted” 日本' }] });
    const page1 = page([{ kind: 'component', componentId: 'api', showUptime: true }]);
    expect(Buffer.concat(renderer.render(tricky, page1, NOW, OPTIONS)).toString('utf8')).toBe(
      renderStatusPage(tricky, page1, NOW, OPTIONS),
    );
  });

  it('gives every day of a bar exactly its label as text, and one tab stop without scripts', () => {
    const view = buildStatusPageView(data, acme, NOW);
    const row = view.items[0];
    if (row?.kind !== 'component' || row.component.history === null) throw new Error('expected a bar');
    // The bar is the tab stop; its 90 days are not (the script hands the stop to them).
    const bar = /<ol class="bar" tabindex="0" aria-label="Component api, last 90 days">(.*?)<\/ol>/.exec(html)?.[1] ?? '';
    const days = [...bar.matchAll(/<li[^>]*>(.*?)<\/li>/g)];
    expect(days).toHaveLength(90);
    expect(days.map((day) => textOf(day[1]!))).toEqual(row.component.history.days.map((day) => day.label));
    expect(days.some((day) => day[0].includes('tabindex'))).toBe(false);
    expect(textOf(days[87]![1]!)).toBe('18 March 2026: Full outage — Incident done; 95.83% uptime');
  });

  it('prints times in the page’s zone inside <time datetime>', () => {
    // 09:00 UTC on 20 March is 10:00 in Berlin (CET).
    expect(html).toContain('<time datetime="2026-03-20T09:00:00.000Z">20 Mar 2026, 10:00 CET</time>');
    expect(html).toContain('Times and days are shown in the Europe/Berlin time zone.');
  });

  it('folds a group behind its worst status, open while something is wrong', () => {
    expect(html).toMatch(/<details open="">\s*<summary>.*Group g.*Partial outage.*<\/summary>/s);
    const calm = renderStatusPage(
      snapshot({ components: [component('db')], groups: [group('g', ['db'])] }),
      page([{ kind: 'group', groupId: 'g', showUptime: false }]),
      NOW,
      OPTIONS,
    );
    expect(calm).toMatch(/<details><summary>/);
  });

  it('links the default page home to / and its incidents under its slug', () => {
    expect(html).toContain('<a class="brand" href="/">');
    expect(html).toContain('href="/acme/incidents/done"');
    expect(html).toContain('href="/acme/history"');
  });
});

describe('renderIncidentPage', () => {
  it('renders the whole timeline of an incident on the page', () => {
    const html = renderIncidentPage(data, acme, byId('done'), NOW, OPTIONS);
    expect(html).toContain('<h1 id="incident-title">Incident done</h1>');
    expect(html).toContain('Fixed &amp; verified');
    expect(html).toContain('Update 0');
    expect(html).toContain('<link rel="canonical" href="https://status.example.com/acme/incidents/done"/>');
    expect(html).toContain('<dt>Duration</dt><dd>1 h</dd>');
  });

  it('is null for an incident of another page or none at all', () => {
    expect(renderIncidentPage(data, acme, byId('theirs'), NOW, OPTIONS)).toBeNull();
    expect(renderIncidentPage(data, acme, byId('missing'), NOW, OPTIONS)).toBeNull();
  });
});

describe('renderHistoryPage', () => {
  it('lists the month’s incidents with a link back in time and none into the future', () => {
    const html = renderHistoryPage(data, acme, '2026-03', NOW, OPTIONS, data.incidents) ?? '';
    expect(html).toContain('<h1 class="page-title">Incident history</h1>');
    expect(html).toContain('<h2 id="month">March 2026</h2>');
    expect(html).toContain('Incident open');
    expect(html).toContain('Incident done');
    expect(html).toContain('href="/acme/history?month=2026-02" rel="prev"');
    expect(html).not.toContain('rel="next"');
  });

  it('is null for a month that has not begun', () => {
    expect(renderHistoryPage(data, acme, '2026-04', NOW, OPTIONS, data.incidents)).toBeNull();
    expect(renderHistoryPage(data, acme, 'soon', NOW, OPTIONS, data.incidents)).toBeNull();
  });
});

describe('assets and the 404 page', () => {
  it('names assets by their content', () => {
    expect(STYLESHEET.path).toMatch(/^\/assets\/beacon\.[0-9a-f]{8}\.css$/);
    expect(SCRIPT.path).toMatch(/^\/assets\/beacon\.[0-9a-f]{8}\.js$/);
    expect(STYLESHEET.body).toContain('prefers-color-scheme: dark');
    expect(() => new Function(SCRIPT.body)).not.toThrow();
  });

  it('renders a 404 page that names nothing', () => {
    const html = renderNotFoundPage(OPTIONS);
    expect(html).toContain('<h1>Page not found</h1>');
    expect(html).toContain('<html lang="en">');
    expect(html).not.toContain('rel="canonical"');
  });
});

describe('rendering and async hooks', () => {
  it('renders every public page and sign-in page without entering an AsyncLocalStorage (which would turn async hooks on for good)', async () => {
    const { AsyncLocalStorage } = await import('node:async_hooks');
    const auth = await import('../customer/auth-render.js');
    const run = vi.spyOn(AsyncLocalStorage.prototype, 'run');
    const enterWith = vi.spyOn(AsyncLocalStorage.prototype, 'enterWith');
    try {
      const pageContext = { pageName: 'Acme Corp', homePath: '/c/token' };
      const rendered = [
        renderStatusPage(data, acme, NOW, OPTIONS),
        Buffer.concat(new StatusPageRenderer(TEST_CACHES.statusPageRows).render(data, acme, NOW, OPTIONS)).toString(),
        renderIncidentPage(data, acme, byId('done'), NOW, OPTIONS),
        renderHistoryPage(data, acme, '2026-03', NOW, OPTIONS, data.incidents),
        renderNotFoundPage(OPTIONS),
        auth.renderSignInPage(pageContext, '/c/token'),
        auth.renderContinuePage(pageContext, 'n0nce'),
        auth.renderCodePage(pageContext, 'link'),
      ];
      for (const html of rendered) expect(html).toMatch(/^<!DOCTYPE html><html lang="en"><head>/);
      expect(run).not.toHaveBeenCalled();
      expect(enterWith).not.toHaveBeenCalled();
    } finally {
      run.mockRestore();
      enterWith.mockRestore();
    }
  });
});
