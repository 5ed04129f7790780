import { describe, expect, it } from 'vitest';
import { judgeAllowlistDomain, overridableRefusalOf } from './domain-verdict.js';

describe('judgeAllowlistDomain', () => {
  it('DOM-10: gives the stored xn-- form and the Unicode form, from either', () => {
    for (const written of ['bücher.example', 'BÜCHER.example', 'xn--bcher-kva.example']) {
      expect(judgeAllowlistDomain(written)).toEqual({ ok: true, written, ascii: 'xn--bcher-kva.example', unicode: 'bücher.example' });
    }
    expect(judgeAllowlistDomain('*.bücher.example')).toMatchObject({
      ok: true,
      ascii: '*.xn--bcher-kva.example',
      unicode: '*.bücher.example',
    });
  });

  it.each([
    ['gmail.com', 'webmail', 'gmail.com'],
    ['eu.gmail.com', 'webmail', 'eu.gmail.com'],
    ['x.mailinator.com', 'disposable', 'x.mailinator.com'],
    ['*.github.io', 'public_suffix', '*.github.io'],
    ['gmaıl.com', null, null],
  ] as const)('DOM-8: %s is refused (%s), with a reason an override may set aside', (written, reason, ascii) => {
    const verdict = judgeAllowlistDomain(written);
    if (reason === null) {
      // A look-alike is not gmail.com: it is judged as itself.
      expect(verdict.ok).toBe(true);
      return;
    }
    expect(verdict).toMatchObject({ ok: false, reason, ascii, overridable: true });
    expect(overridableRefusalOf(verdict)).toMatchObject({ ascii, reason });
  });

  it.each([
    ['10.0.0.1', 'ip_address'],
    ['com', 'public_suffix'],
    ['a@example.com', 'invalid'],
    ['exa mple.com', 'invalid'],
    ['*.*.example.com', 'invalid'],
    ['x'.repeat(300), 'invalid'],
  ] as const)('refuses %s (%s) with no stored form an override could accept', (written, reason) => {
    const verdict = judgeAllowlistDomain(written);
    expect(verdict).toMatchObject({ ok: false, reason, ascii: null, overridable: reason === 'public_suffix' });
    expect(overridableRefusalOf(verdict)).toBeNull();
    if (!verdict.ok) expect(verdict.message.length).toBeGreaterThan(10);
  });
});
