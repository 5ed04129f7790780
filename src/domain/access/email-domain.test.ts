import { describe, expect, it } from 'vitest';
import { canonicaliseDomain, canonicaliseHostname, formatAllowlistDomain, isIpLiteral } from './email-domain.js';

describe('canonicaliseHostname', () => {
  it('DOM-3 lower-cases and converts to ASCII with url.domainToASCII', () => {
    expect(canonicaliseHostname('Example.COM')).toEqual({ ok: true, domain: 'example.com', unicodeDomain: 'example.com' });
    expect(canonicaliseHostname('BÜCHER.example')).toEqual({
      ok: true,
      domain: 'xn--bcher-kva.example',
      unicodeDomain: 'bücher.example',
    });
  });

  it('DOM-3 maps the ideographic full stop like a dot (IDNA), after NFKC', () => {
    expect(canonicaliseHostname('example\u3002com')).toMatchObject({ ok: true, domain: 'example.com' });
    expect(canonicaliseHostname('example\uff0ecom')).toMatchObject({ ok: true, domain: 'example.com' });
  });

  it.each([
    ['1.2.3.4', true],
    ['127.1', true],
    ['0x7f.1', true],
    ['2130706433', true],
    ['[::1]', true],
    ['::1', true],
    ['fe80::1', true],
    ['[2001:db8::1]', true],
    ['127\u30020\u30020\u30021', true], // ideographic full stops become dots only inside domainToASCII
    ['１２７.０.０.１', true],
  ])('DOM-3 refuses the IP literal %s', (input, isIp) => {
    expect(canonicaliseHostname(input)).toMatchObject({ ok: false, isIpLiteral: isIp });
  });

  it.each([
    ['', /empty/],
    ['localhost', /two labels/],
    ['example.com.', /ends with a dot/],
    ['example.123', /numeric top-level/],
    ['example.0x1f', /numeric top-level/],
    ['.example.com', /empty label/],
    ['example..com', /empty label/],
    ['-example.com', /invalid label/],
    ['example-.com', /invalid label/],
    ['ex_ample.com', /"_"/],
    ['exa%6dple.com', /"%"/],
    ['example.com/path', /"\/"/],
    ['user@example.com', /"@"/],
    ['exa mple.com', /whitespace/],
    ['exam\u00adple.com', /whitespace or control/],
    ['xn--zz.com', /international/],
    [`${'a'.repeat(64)}.com`, /invalid label/],
    [`${'a.'.repeat(125)}coms`, /longer than 253/],
  ])('DOM-3 refuses %j', (input, reason) => {
    const result = canonicaliseHostname(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('DOM-3 accepts the longest legal names', () => {
    const name = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
    expect(name).toHaveLength(253);
    expect(canonicaliseHostname(name)).toMatchObject({ ok: true, domain: name });
  });

  it('REQ-8 refuses input over 254 characters before parsing it', () => {
    expect(canonicaliseHostname(`${'a'.repeat(251)}.com`)).toMatchObject({ ok: false, reason: expect.stringMatching(/254/) });
  });
});

describe('isIpLiteral', () => {
  it.each(['10.0.0.1', '[::1]', '::ffff:10.0.0.1', '0x7f.0.0.1', '017.1'])('DOM-8 sees %s as an IP address', (input) => {
    expect(isIpLiteral(input)).toBe(true);
  });
  it.each(['example.com', '1.example.com', '123.com', 'cafe.com', 'dead.beef.example'])('sees %s as a name', (input) => {
    expect(isIpLiteral(input)).toBe(false);
  });
});

describe('canonicaliseDomain', () => {
  it('DOM-4 canonicalises a plain entry', () => {
    expect(canonicaliseDomain('EXAMPLE.com')).toEqual({ ok: true, domain: 'example.com', unicodeDomain: 'example.com', wildcard: false });
  });

  it('DOM-5 reads a leading *. as a wildcard and stores the base domain', () => {
    expect(canonicaliseDomain('*.Example.com')).toEqual({ ok: true, domain: 'example.com', unicodeDomain: 'example.com', wildcard: true });
  });

  it('DOM-10 keeps both forms of an international domain, from either spelling', () => {
    const expected = { ok: true, domain: 'xn--bcher-kva.example', unicodeDomain: 'bücher.example', wildcard: false };
    expect(canonicaliseDomain('bücher.example')).toEqual(expected);
    expect(canonicaliseDomain('xn--bcher-kva.example')).toEqual(expected);
    expect(canonicaliseDomain('*.bücher.example')).toEqual({ ...expected, wildcard: true });
  });

  it.each(['*example.com', 'a.*.example.com', '*.*.example.com', 'example.*', '*', '*.'])(
    'DOM-5 refuses the misplaced wildcard %j',
    (input) => {
      expect(canonicaliseDomain(input).ok).toBe(false);
    },
  );

  it.each(['@example.com', 'alice@example.com'])('refuses the address-shaped %j', (input) => {
    expect(canonicaliseDomain(input)).toMatchObject({ ok: false, reason: expect.stringMatching(/not an address/) });
  });

  it('DOM-3 refuses IP literals, flagged so vetting can say why', () => {
    expect(canonicaliseDomain('192.168.1.1')).toMatchObject({ ok: false, isIpLiteral: true });
    expect(canonicaliseDomain('*.10.0.0.1')).toMatchObject({ ok: false, isIpLiteral: true });
  });

  it('refuses, rather than repairs, whitespace around an entry', () => {
    expect(canonicaliseDomain(' example.com').ok).toBe(false);
    expect(canonicaliseDomain('example.com\n').ok).toBe(false);
  });

  it('is idempotent through its written form', () => {
    for (const input of ['*.Bücher.example', 'Sub.Example.co.uk', 'xn--bcher-kva.example']) {
      const once = canonicaliseDomain(input);
      if (!once.ok) throw new Error(once.reason);
      expect(canonicaliseDomain(formatAllowlistDomain(once))).toEqual(once);
    }
  });
});

describe('formatAllowlistDomain', () => {
  it('DOM-10 writes an entry in ASCII or Unicode, with its wildcard', () => {
    const entry = { domain: 'xn--bcher-kva.example', unicodeDomain: 'bücher.example', wildcard: true };
    expect(formatAllowlistDomain(entry)).toBe('*.xn--bcher-kva.example');
    expect(formatAllowlistDomain(entry, 'unicode')).toBe('*.bücher.example');
    expect(formatAllowlistDomain({ ...entry, wildcard: false })).toBe('xn--bcher-kva.example');
  });
});
