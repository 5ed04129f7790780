import { describe, expect, it } from 'vitest';
import { isAllowlisted, isStrictSubdomain, toAllowlist } from './allowlist.js';
import { canonicaliseEmail, type CanonicalEmail } from './email-address.js';
import { canonicaliseDomain, type AllowlistDomain } from './email-domain.js';

function email(input: string): CanonicalEmail {
  const result = canonicaliseEmail(input);
  if (!result.ok) throw new Error(result.reason);
  return result.address;
}

function entry(input: string): AllowlistDomain {
  const result = canonicaliseDomain(input);
  if (!result.ok) throw new Error(result.reason);
  return { domain: result.domain, unicodeDomain: result.unicodeDomain, wildcard: result.wildcard };
}

describe('isAllowlisted', () => {
  const exact = [entry('example.com')];
  const wildcard = [entry('*.example.com')];

  it('DOM-4 admits alice@EXAMPLE.com on example.com and returns the entry that matched', () => {
    expect(isAllowlisted(email('alice@EXAMPLE.com'), exact)).toBe(exact[0]);
  });

  it('DOM-4 matches case-insensitively even if an entry was stored in upper case', () => {
    expect(
      isAllowlisted(email('alice@example.com'), [{ domain: 'EXAMPLE.COM', unicodeDomain: 'EXAMPLE.COM', wildcard: false }]),
    ).not.toBeNull();
  });

  it.each(['alice@evilexample.com', 'alice@example.com.evil.com', 'alice@example.co', 'alice@xample.com', 'alice@sub.example.com'])(
    'DOM-4 never admits %s on the exact entry example.com',
    (address) => {
      expect(isAllowlisted(email(address), exact)).toBeNull();
    },
  );

  it('DOM-5 admits subdomains at a dot boundary for *.example.com', () => {
    expect(isAllowlisted(email('a@a.example.com'), wildcard)).toBe(wildcard[0]);
    expect(isAllowlisted(email('a@x.y.example.com'), wildcard)).toBe(wildcard[0]);
  });

  it('DOM-5 does not admit the bare domain on *.example.com unless it is listed too', () => {
    expect(isAllowlisted(email('alice@example.com'), wildcard)).toBeNull();
    const both = [entry('*.example.com'), entry('example.com')];
    expect(isAllowlisted(email('alice@example.com'), both)).toBe(both[1]);
  });

  it.each(['alice@evilexample.com', 'alice@example.com.evil.com', 'alice@aexample.com', 'alice@a-example.com'])(
    'DOM-5 never admits %s on *.example.com',
    (address) => {
      expect(isAllowlisted(email(address), wildcard)).toBeNull();
    },
  );

  it('DOM-5 gives no subdomains to an exact entry', () => {
    expect(isAllowlisted(email('alice@eu.example.com'), exact)).toBeNull();
  });

  it('DOM-5 prefers the exact entry when an exact and a wildcard entry both match', () => {
    const list = [entry('*.example.com'), entry('eu.example.com')];
    expect(isAllowlisted(email('alice@eu.example.com'), list)).toBe(list[1]);
  });

  it('DOM-6 ignores the +tag for authorisation', () => {
    expect(isAllowlisted(email('alice+anything@example.com'), exact)).toBe(exact[0]);
    expect(isAllowlisted(email('alice+evil.com@example.com'), exact)).toBe(exact[0]);
    expect(isAllowlisted(email('alice+example.com@evil.com'), exact)).toBeNull();
  });

  it('DOM-4 matches international domains on their ASCII form, whichever spelling was used', () => {
    const list = [entry('bücher.example')];
    expect(isAllowlisted(email('alice@xn--bcher-kva.example'), list)).toBe(list[0]);
    expect(isAllowlisted(email('alice@BÜCHER.example'), list)).toBe(list[0]);
    expect(isAllowlisted(email('alice@bucher.example'), list)).toBeNull();
  });

  it('admits no one on an empty allowlist', () => {
    expect(isAllowlisted(email('alice@example.com'), [])).toBeNull();
  });
});

describe('isStrictSubdomain', () => {
  it.each([
    ['a.example.com', 'example.com', true],
    ['x.y.example.com', 'example.com', true],
    ['example.com', 'example.com', false],
    ['evilexample.com', 'example.com', false],
    ['.example.com', 'example.com', false],
    ['example.com', '', false],
  ])('DOM-5 %s under %s is %s', (domain, parent, expected) => {
    expect(isStrictSubdomain(domain, parent)).toBe(expected);
  });
});

describe('toAllowlist', () => {
  it('DOM-5 reads stored values into entries, Unicode forms included', () => {
    expect(toAllowlist(['example.com', '*.xn--bcher-kva.example'])).toEqual([
      { domain: 'example.com', unicodeDomain: 'example.com', wildcard: false },
      { domain: 'xn--bcher-kva.example', unicodeDomain: 'bücher.example', wildcard: true },
    ]);
  });

  it('drops stored values that no longer canonicalise, so they admit no one', () => {
    expect(toAllowlist(['10.0.0.1', 'not a domain', 'example.com'])).toEqual([
      { domain: 'example.com', unicodeDomain: 'example.com', wildcard: false },
    ]);
  });
});
