import { describe, expect, it } from 'vitest';
import { CachedResponse } from '../cached-response.js';
import { CUSTOMER_STYLESHEET } from './assets.js';
import { decorateCustomerHtml, spliceNonce } from './private-page.js';

const PAGE =
  '<!DOCTYPE html><html><head><meta charset="utf-8"/><script src="/a.js" defer=""></script></head>' +
  '<body><header><nav><a href="/c/t">Home</a></nav></header><main>&lt;script src=x&gt;</main><script src="/b.js"></script></body></html>';

describe('decorateCustomerHtml', () => {
  const html = decorateCustomerHtml(PAGE, '/c/t/sign-out');

  it('adds noindex, the customer stylesheet and a sign-out form', () => {
    expect(html).toContain(`<meta name="robots" content="noindex"/><link rel="stylesheet" href="${CUSTOMER_STYLESHEET.path}"/></head>`);
    expect(html).toContain('<form class="sign-out" method="post" action="/c/t/sign-out"><button type="submit">Sign out</button></form></nav>');
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

  it('returns the bytes as they are when there is no script', () => {
    const entry = new CachedResponse({ contentType: 'text/html', body: '<p>hi</p>' });
    expect(spliceNonce(entry, 'AAAA').toString()).toBe('<p>hi</p>');
  });
});
