import { describe, expect, it } from 'vitest';
import { headHtml } from './document-head.js';

describe('headHtml', () => {
  it('writes the elements in order, as hono/jsx writes them, with text and attributes escaped', () => {
    expect(
      headHtml([
        { tag: 'meta', attributes: { charset: 'utf-8' } },
        { tag: 'title', text: 'R&D <status> "quoted"' },
        { tag: 'link', attributes: { rel: 'canonical', href: 'https://x.example/?a=1&b="2"' } },
        { tag: 'script', attributes: { src: '/a.js', nonce: 'n0nce', defer: true } },
      ]),
    ).toBe(
      '<head><meta charset="utf-8"/><title>R&amp;D &lt;status&gt; &quot;quoted&quot;</title>' +
        '<link rel="canonical" href="https://x.example/?a=1&amp;b=&quot;2&quot;"/>' +
        '<script src="/a.js" nonce="n0nce" defer=""></script></head>',
    );
  });
});
