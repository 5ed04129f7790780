import { describe, expect, it } from 'vitest';
import { NOW, component, daysAgo, incident, page, snapshot } from '../../../test/helpers/snapshot-fixtures.js';
import { CachedResponse } from '../cached-response.js';
import { SCRIPT, renderHistoryPage, renderIncidentPage, renderStatusPage } from '../public/render.js';
import { CUSTOMER_STYLESHEET } from './assets.js';
import { cachedPageChrome, joinNoncedPage, noncedPage } from './private-page.js';

/** The entry with `nonce` at every placeholder, as one buffer: what a HEAD, and anything not written in pieces, sends. */
const spliceNonce = (entry: CachedResponse, nonce: string) => joinNoncedPage(noncedPage(entry, nonce));

const CHROME = cachedPageChrome('/c/t');
const PLACEHOLDER = CHROME.scriptNonce;
// A document as the layout writes a cached customer page: the placeholder on each script.
const PAGE =
  `<!DOCTYPE html><html><head><meta charset="utf-8"/><script nonce="${PLACEHOLDER}" src="/a.js" defer=""></script></head>` +
  `<body><header><nav><a href="/c/t">Home</a></nav></header><main>&lt;script src=x&gt;</main><script nonce="${PLACEHOLDER}" src="/b.js"></script></body></html>`;

describe('a cached customer page, as the layout renders it with cachedPageChrome', () => {
  const shown = page([{ kind: 'component', componentId: 'api', showUptime: true }], { timeZone: 'Europe/Berlin' });
  const data = snapshot({
    components: [component('api')],
    incidents: [incident('open', [{ at: daysAgo(0, 9), message: '<script src=x>', impacts: { api: 'partial_outage' } }])],
  });
  const options = { publicUrl: 'https://status.example.com', customer: CHROME };
  const pages = {
    status: renderStatusPage(data, shown, NOW, options),
    incident: renderIncidentPage(data, shown, data.incidents[0]!, NOW, options)!,
    history: renderHistoryPage(data, shown, '2026-03', NOW, options, data.incidents)!,
  };

  for (const [kind, html] of Object.entries(pages)) {
    it(`${kind}: noindex and the customer stylesheet after the public assets, the placeholder on every script, Sign out in the header`, () => {
      expect(html).toContain(
        `<script nonce="${PLACEHOLDER}" src="${SCRIPT.path}" defer=""></script>` +
          `<meta name="robots" content="noindex"/><link rel="stylesheet" href="${CUSTOMER_STYLESHEET.path}"/></head>`,
      );
      expect(html.match(/<script /g)).toHaveLength(html.match(new RegExp(`<script nonce="${PLACEHOLDER}" `, 'g'))!.length);
      expect(html).toMatch(
        /<nav aria-label="Status page">.*<form class="sign-out" method="post" action="\/c\/t\/sign-out"><button type="submit">Sign out<\/button><\/form><\/nav>/,
      );
    });
  }

  it('is the public page without the chrome', () => {
    const plain = renderStatusPage(data, shown, NOW, { publicUrl: options.publicUrl });
    expect(plain).not.toContain('noindex');
    expect(plain).not.toContain('nonce=');
    expect(plain).not.toContain('sign-out');
    expect(plain).not.toContain(CUSTOMER_STYLESHEET.path);
  });
});

describe('noncedPage and joinNoncedPage', () => {
  it('puts the nonce at every placeholder, per request, leaving the cached bytes alone', () => {
    const entry = new CachedResponse({ contentType: 'text/html', body: PAGE });
    const original = Buffer.from(entry.joinedBody());
    const first = spliceNonce(entry, 'AAAA').toString();
    const second = spliceNonce(entry, 'BBBB').toString();
    expect(first.match(/nonce="AAAA"/g)).toHaveLength(2);
    expect(second.match(/nonce="BBBB"/g)).toHaveLength(2);
    expect(first).not.toContain('beacon-nonce-');
    expect(entry.joinedBody().equals(original)).toBe(true);
  });

  it('writes the page in few chunks: the document up to the first nonce as text, each later nonce joined to the small piece before it', () => {
    const entry = new CachedResponse({ contentType: 'text/html', body: PAGE });
    const page = noncedPage(entry, 'CCCC');
    expect(page.head.endsWith('nonce="CCCC')).toBe(true);
    expect(page.tail).toHaveLength(2); // [up to and with the second nonce] [the rest]
    const whole = spliceNonce(entry, 'CCCC');
    expect(Buffer.concat([Buffer.from(page.head), ...page.tail]).equals(whole)).toBe(true);
    expect(page.byteLength).toBe(whole.byteLength);
    // Text before the first script is whole UTF-8, and the length counts bytes.
    const accented = new CachedResponse({
      contentType: 'text/html',
      body: PAGE.replace('<head>', '<head><title>Café – 日本</title>'),
    });
    const accentedPage = noncedPage(accented, 'EEEE');
    expect(accentedPage.head).toContain('Café – 日本');
    expect(accentedPage.byteLength).toBe(spliceNonce(accented, 'EEEE').byteLength);
    // 20 kB of content before the second script: that piece is sent as cached, its nonce on its own.
    const big = new CachedResponse({
      contentType: 'text/html',
      body: PAGE.replace('<main>', `<main>${'x'.repeat(20_000)}`),
    });
    const bigPage = noncedPage(big, 'DDDD');
    expect(bigPage.tail.map((piece) => piece.toString('latin1'))).toContain('DDDD');
    expect(Buffer.concat([Buffer.from(bigPage.head), ...bigPage.tail]).equals(spliceNonce(big, 'DDDD'))).toBe(true);
  });

  it('returns the bytes as they are when there is no script', () => {
    const entry = new CachedResponse({ contentType: 'text/html', body: '<p>hi</p>' });
    expect(spliceNonce(entry, 'AAAA').toString()).toBe('<p>hi</p>');
  });
});
