import { describe, expect, it } from 'vitest';
import { xmlText } from './xml-text.js';

describe('xmlText', () => {
  it('escapes markup and both quotes', () => {
    expect(xmlText(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;y&apos;');
  });

  it('drops what XML 1.0 cannot hold, keeps tab, line breaks and astral characters', () => {
    expect(xmlText('a\u0000b\u0001c\u0008d\u000Be\u001Ff\uFFFEg\uFFFFh')).toBe('abcdefgh');
    expect(xmlText('lone \uD800 high, lone \uDC00 low')).toBe('lone  high, lone  low');
    expect(xmlText('tab\there\nline\r\nend 🚀 é')).toBe('tab\there\nline\r\nend 🚀 é');
  });
});
