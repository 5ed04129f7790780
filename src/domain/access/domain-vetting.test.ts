import { describe, expect, it } from 'vitest';
import {
  OUR_DISPOSABLE_ADDITIONS,
  OUR_WEBMAIL_ADDITIONS,
  UPSTREAM_DISPOSABLE_DOMAINS,
  UPSTREAM_WEBMAIL_DOMAINS,
} from './free-email-domains.js';
import { isOverridableRefusal, vetAllowlistDomain } from './domain-vetting.js';
import { canonicaliseDomain } from './email-domain.js';

describe('vetAllowlistDomain', () => {
  it.each(['example.com', '*.example.com', 'acme.co.uk', 'bücher.example', 'foo.github.io', 'eu.acme.com'])(
    'DOM-8 accepts the ordinary company domain %s',
    (input) => {
      expect(vetAllowlistDomain(input)).toEqual({ ok: true });
    },
  );

  it.each(['com', 'co.uk', 'github.io', '*.github.io', '*.co.uk', 'uk', '*.com', 's3.amazonaws.com', 'blogspot.com'])(
    'DOM-8 refuses the public suffix %s (ICANN and private suffixes alike)',
    (input) => {
      const result = vetAllowlistDomain(input);
      expect(result).toMatchObject({ ok: false, reason: 'public_suffix' });
      if (!result.ok) expect(result.message).toMatch(/public suffix/);
    },
  );

  it.each(['10.0.0.1', '127.1', '[::1]', '::1', '*.192.168.0.1', '0x7f.1'])('DOM-8 refuses the IP address %s', (input) => {
    expect(vetAllowlistDomain(input)).toMatchObject({ ok: false, reason: 'ip_address', message: expect.stringMatching(/IP address/) });
  });

  it.each([
    'gmail.com',
    'GMAIL.com',
    'googlemail.com',
    'outlook.com',
    'hotmail.co.uk',
    'yahoo.co.jp',
    'icloud.com',
    'proton.me',
    'web.de',
    'qq.com',
  ])('DOM-8 refuses the webmail domain %s', (input) => {
    const result = vetAllowlistDomain(input);
    expect(result).toMatchObject({ ok: false, reason: 'webmail' });
    if (!result.ok) expect(result.message).toMatch(/webmail domain: anyone can get an address there/);
  });

  it('DOM-8 refuses eu.gmail.com by its registrable domain, and says so', () => {
    expect(vetAllowlistDomain('eu.gmail.com')).toEqual({
      ok: false,
      reason: 'webmail',
      message:
        'eu.gmail.com is a webmail domain (it belongs to gmail.com): anyone can get an address there, so it cannot identify one customer.',
    });
  });

  it('DOM-8 refuses wildcards over webmail: *.gmail.com, *.eu.gmail.com', () => {
    expect(vetAllowlistDomain('*.gmail.com')).toMatchObject({ ok: false, reason: 'webmail' });
    expect(vetAllowlistDomain('*.eu.gmail.com')).toMatchObject({ ok: false, reason: 'webmail' });
  });

  it.each([
    'mailinator.com',
    'x.mailinator.com',
    'a.b.mailinator.com',
    'guerrillamail.com',
    'yopmail.com',
    '10minutemail.com',
    'temp-mail.org',
    'trashmail.com',
  ])('DOM-8 refuses the disposable domain %s', (input) => {
    expect(vetAllowlistDomain(input)).toMatchObject({ ok: false, reason: 'disposable', message: expect.stringMatching(/disposable/) });
  });

  it('DOM-8 names the registrable domain for x.mailinator.com', () => {
    const result = vetAllowlistDomain('x.mailinator.com');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('(it belongs to mailinator.com)');
  });

  it('DOM-8 checks parents between the entry and its registrable domain (privaterelay.appleid.com)', () => {
    expect(vetAllowlistDomain('abc.privaterelay.appleid.com')).toMatchObject({ ok: false, reason: 'disposable' });
    expect(vetAllowlistDomain('appleid.com')).toEqual({ ok: true });
  });

  it('DOM-9 refuses our own additions: hey.com, tutanota.com', () => {
    expect(vetAllowlistDomain('hey.com')).toMatchObject({ ok: false, reason: 'webmail' });
    expect(vetAllowlistDomain('tutanota.com')).toMatchObject({ ok: false, reason: 'webmail' });
    expect(vetAllowlistDomain('duck.com')).toMatchObject({ ok: false, reason: 'disposable' });
  });

  it('DOM-8 does not refuse a domain that merely contains a webmail name', () => {
    expect(vetAllowlistDomain('gmail.com.example.org')).toEqual({ ok: true });
    expect(vetAllowlistDomain('notgmail.com')).toEqual({ ok: true });
  });

  it('DOM-10 shows international entries in Unicode in the message', () => {
    const result = vetAllowlistDomain('xn--bcher-kva.gmail.com');
    expect(result).toMatchObject({ ok: false, reason: 'webmail' });
    if (!result.ok) expect(result.message).toMatch(/^bücher\.gmail\.com is a webmail domain \(it belongs to gmail\.com\)/);
  });

  it.each(['not a domain', 'example..com', 'a.*.example.com', ''])('refuses the malformed %j as invalid', (input) => {
    expect(vetAllowlistDomain(input)).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('accepts an entry that is already canonical', () => {
    expect(vetAllowlistDomain({ domain: 'gmail.com', unicodeDomain: 'gmail.com', wildcard: false })).toMatchObject({ reason: 'webmail' });
    expect(vetAllowlistDomain({ domain: 'example.com', unicodeDomain: 'example.com', wildcard: true })).toEqual({ ok: true });
  });

  it('DOM-8 lets staff override public suffixes, webmail and disposable domains, never IPs or malformed names', () => {
    expect(['public_suffix', 'webmail', 'disposable'].every((r) => isOverridableRefusal(r as never))).toBe(true);
    expect(isOverridableRefusal('ip_address')).toBe(false);
    expect(isOverridableRefusal('invalid')).toBe(false);
  });
});

describe('DOM-9 the free email domain data', () => {
  const lists = { UPSTREAM_WEBMAIL_DOMAINS, OUR_WEBMAIL_ADDITIONS, UPSTREAM_DISPOSABLE_DOMAINS, OUR_DISPOSABLE_ADDITIONS };

  it.each(Object.entries(lists))('DOM-9 %s holds only canonical, sorted, unique domains', (_name, list) => {
    for (const domain of list) {
      const result = canonicaliseDomain(domain);
      expect(result, domain).toMatchObject({ ok: true, domain, wildcard: false });
    }
    expect([...list]).toEqual([...new Set(list)].sort());
    expect(Object.isFrozen(list)).toBe(true);
  });

  it('DOM-9 keeps webmail and disposable lists apart, and our additions out of the upstream lists', () => {
    const webmail = new Set([...UPSTREAM_WEBMAIL_DOMAINS, ...OUR_WEBMAIL_ADDITIONS]);
    expect([...UPSTREAM_DISPOSABLE_DOMAINS, ...OUR_DISPOSABLE_ADDITIONS].filter((d) => webmail.has(d))).toEqual([]);
    expect(OUR_WEBMAIL_ADDITIONS.filter((d) => UPSTREAM_WEBMAIL_DOMAINS.includes(d))).toEqual([]);
    expect(OUR_DISPOSABLE_ADDITIONS.filter((d) => UPSTREAM_DISPOSABLE_DOMAINS.includes(d))).toEqual([]);
  });

  it('DOM-9 covers the major providers and a few hundred disposable ones', () => {
    const webmail = [...UPSTREAM_WEBMAIL_DOMAINS, ...OUR_WEBMAIL_ADDITIONS];
    for (const domain of [
      'gmail.com',
      'googlemail.com',
      'outlook.com',
      'hotmail.com',
      'live.com',
      'msn.com',
      'yahoo.com',
      'icloud.com',
      'me.com',
      'mac.com',
      'aol.com',
      'proton.me',
      'protonmail.com',
      'gmx.de',
      'web.de',
      'mail.ru',
      'yandex.ru',
      'qq.com',
      '163.com',
      'zoho.com',
      'fastmail.com',
      'hey.com',
      'tutanota.com',
      'tuta.io',
    ]) {
      expect(webmail, domain).toContain(domain);
    }
    expect(UPSTREAM_DISPOSABLE_DOMAINS.length).toBeGreaterThanOrEqual(300);
    expect(OUR_WEBMAIL_ADDITIONS).toEqual(expect.arrayContaining(['hey.com', 'tutanota.com']));
  });

  it('DOM-9 leaves company domains that upstream lists as webmail out (google.com, facebook.com)', () => {
    expect(vetAllowlistDomain('google.com')).toEqual({ ok: true });
    expect(vetAllowlistDomain('facebook.com')).toEqual({ ok: true });
  });
});
