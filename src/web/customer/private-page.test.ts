import { describe, expect, it } from 'vitest';
import { CachedResponse } from '../cached-response.js';
import { CUSTOMER_STYLESHEET } from './assets.js';
import { decorateCustomerHtml, noncedPage, spliceNonce } from './private-page.js';

const PAGE =
  '<!DOCTYPE html><html><head><meta charset="utf-8"/><script src="/a.js" defer=""></script></head>' +
  '<body><header><nav><a href="/c/t">Home</a></nav></header><main>&lt;script src=x&gt;</main><script src="/b.js"></script></body></html>';

describe('decorateCustomerHtml', () => {
  const html = decorateCustomerHtml(PAGE, '/c/t/sign-out');

  it('adds noindex, the customer stylesheet and a sign-out form', () => {
    expect(html).toContain(`<meta name="robots" content="noindex"/><link rel="stylesheet" href="${CUSTOMER_STYLESHEET.path}"/></head>`);
    expect(html).toContain(
      '<form class="sign-out" method="post" action="/c/t/sign-out"><button type="submit">Sign out</button></form></nav>',
    );
  });

  it('marks every script for a nonce, and nothing in the escaped content', () => {
    expect(html.match(/<script nonce="beacon-nonce-[0-9a-f]{24}" src=/g)).toHaveLength(2);
    expect(html).toContain('<main>&lt;script src=x&gt;</main>');
  });

  it('fails loudly when the layout loses a landmark it hooks into', () => {
    expect(() => decorateCustomerHtml(PAGE.replace('</nav>', ''), '/x')).toThrow(/<\/nav>/);
  });
});

describe('spliceNonce', () => {
  it('puts the nonce at every placeholder, per request, leaving the cached bytes alone', () => {
    const entry = new CachedResponse({ contentType: 'text/html', body: decorateCustomerHtml(PAGE, '/c/t/sign-out') });
    const original = Buffer.from(entry.body);
    const first = spliceNonce(entry, 'AAAA').toString();
    const second = spliceNonce(entry, 'BBBB').toString();
    expect(first.match(/nonce="AAAA"/g)).toHaveLength(2);
    expect(second.match(/nonce="BBBB"/g)).toHaveLength(2);
    expect(first).not.toContain('beacon-nonce-');
    expect(entry.body.equals(original)).toBe(true);
  });

  it('writes the page in few chunks: the document up to the first nonce as text, each later nonce joined to the small piece before it', () => {
    const entry = new CachedResponse({ contentType: 'text/html', body: decorateCustomerHtml(PAGE, '/c/t/sign-out') });
    const page = noncedPage(entry, 'CCCC');
    expect(page.head.endsWith('nonce="CCCC')).toBe(true);
    expect(page.tail).toHaveLength(2); // [up to and with the second nonce] [the rest]
    const whole = spliceNonce(entry, 'CCCC');
    expect(Buffer.concat([Buffer.from(page.head), ...page.tail]).equals(whole)).toBe(true);
    expect(page.byteLength).toBe(whole.byteLength);
    // Text before the first script is whole UTF-8, and the length counts bytes.
    const accented = new CachedResponse({
      contentType: 'text/html',
      body: decorateCustomerHtml(PAGE.replace('<head>', '<head><title>Café – 日本</title>'), '/c/t/sign-out'),
    });
    const accentedPage = noncedPage(accented, 'EEEE');
    expect(accentedPage.head).toContain('Café – 日本');
    expect(accentedPage.byteLength).toBe(spliceNonce(accented, 'EEEE').byteLength);
    // 20 kB of content before the second script: that piece is sent as cached, its nonce on its own.
    const big = new CachedResponse({
      contentType: 'text/html',
      body: decorateCustomerHtml(PAGE.replace('<main>', `<main>${'x'.repeat(20_000)}`), '/c/t/sign-out'),
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
