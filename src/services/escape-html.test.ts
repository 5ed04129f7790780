import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html.js';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and double-quoted attributes', () => {
    expect(escapeHtml(`Tom & Jerry's <b>"show"</b>`)).toBe('Tom &amp; Jerry&#39;s &lt;b&gt;&quot;show&quot;&lt;/b&gt;');
    expect(escapeHtml('&&')).toBe('&amp;&amp;');
  });

  it('returns text that needs nothing as it is', () => {
    const text = '12 March 2026 — Partial outage 🚑';
    expect(escapeHtml(text)).toBe(text);
    expect(escapeHtml('')).toBe('');
  });
});
