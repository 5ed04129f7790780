import { describe, expect, it } from 'vitest';
import { canonicaliseEmail, formatMailboxKey, type CanonicalEmail } from './email-address.js';

function accept(input: string): CanonicalEmail {
  const result = canonicaliseEmail(input);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to be accepted: ${result.reason}`);
  return result.address;
}

function refusal(input: string): string {
  const result = canonicaliseEmail(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused, got ${result.address.address}`);
  return result.reason;
}

describe('canonicaliseEmail', () => {
  describe('DOM-2: the six required refusals', () => {
    it('DOM-2 refuses "attacker@evil.com"@example.com', () => {
      expect(refusal('"attacker@evil.com"@example.com')).toMatch(/quotes/);
    });
    it('DOM-2 refuses a@b@example.com', () => {
      expect(refusal('a@b@example.com')).toMatch(/exactly one @/);
    });
    it('DOM-2 refuses alice@example.com,bob@evil.com', () => {
      expect(refusal('alice@example.com,bob@evil.com')).toMatch(/comma/);
    });
    it('DOM-2 refuses user@good.com(x)evil.com', () => {
      expect(refusal('user@good.com(x)evil.com')).toMatch(/parentheses/);
    });
    it('DOM-2 refuses Alice <alice@example.com>', () => {
      expect(refusal('Alice <alice@example.com>')).toMatch(/angle brackets/);
    });
    it('DOM-2 refuses alice@example.com\\r\\nBcc:x', () => {
      expect(refusal('alice@example.com\r\nBcc:x')).toMatch(/control/);
    });
  });

  describe('DOM-2: every forbidden character class', () => {
    it.each([
      ['no @ at all', 'alice.example.com', /exactly one @/],
      ['quotes in the local part', 'a"b@example.com', /quotes/],
      ['a closing parenthesis alone', 'alice)@example.com', /parentheses/],
      ['an angle bracket alone', 'alice@example.com>', /angle brackets/],
      ['a semicolon', 'alice@example.com;bob@evil.com', /semicolon/],
      ['a colon', 'mailto:alice@example.com', /colon/],
      ['a backslash', 'alice\\@example.com', /backslash/],
      ['square brackets', 'alice@[192.168.0.1]', /square brackets/],
      ['a space', 'alice smith@example.com', /whitespace/],
      ['a leading space', ' alice@example.com', /whitespace/],
      ['a trailing space', 'alice@example.com ', /whitespace/],
      ['a tab', 'alice@example.com\t', /control/],
      ['a bare line feed', 'alice@example.com\nBcc: x@evil.com', /control/],
      ['a NUL byte', 'alice\u0000@example.com', /control/],
      ['a no-break space', 'alice\u00a0@example.com', /whitespace/],
      ['an ideographic space', 'alice\u3000@example.com', /whitespace/],
      ['a zero-width joiner', 'ali\u200dce@example.com', /control or invisible/],
      ['a right-to-left override', 'alice@moc.elpmaxe\u202e', /control or invisible/],
      ['a soft hyphen in the domain', 'alice@exam\u00adple.com', /control or invisible/],
      ['a line separator', 'alice@example.com\u2028', /control/],
    ])('DOM-2 refuses %s', (_name, input, reason) => {
      expect(refusal(input)).toMatch(reason);
    });

    it('DOM-2 refuses forbidden characters that only appear after NFKC (fullwidth quote and comma)', () => {
      expect(refusal('\uff02attacker@evil.com\uff02@example.com')).toMatch(/quotes/);
      expect(refusal('alice@example.com\uff0cbob@evil.com')).toMatch(/comma/);
    });
  });

  describe('DOM-2: the local part', () => {
    it('DOM-2 refuses a non-ASCII local part', () => {
      expect(refusal('jösé@example.com')).toMatch(/non-ASCII/);
      expect(refusal('аlice@example.com')).toMatch(/non-ASCII/); // Cyrillic а
    });
    it('DOM-2 accepts a 64-character local part and refuses 65', () => {
      expect(accept(`${'a'.repeat(64)}@example.com`).local).toHaveLength(64);
      expect(refusal(`${'a'.repeat(65)}@example.com`)).toMatch(/more than 64/);
    });
    it('DOM-2 refuses empty local parts and empty domains', () => {
      expect(refusal('@example.com')).toMatch(/nothing before/);
      expect(refusal('alice@')).toMatch(/nothing after/);
      expect(refusal('@')).toMatch(/nothing before/);
      expect(refusal('')).toMatch(/empty/);
    });
    it.each(['.alice@example.com', 'alice.@example.com', 'al..ice@example.com'])('DOM-2 refuses bad dots in %s', (input) => {
      expect(refusal(input)).toMatch(/dot/);
    });
    it('DOM-2 refuses % and ! so an old relay cannot route bob%evil.com@example.com to evil.com', () => {
      expect(refusal('bob%evil.com@example.com')).toMatch(/routing/);
      expect(refusal('evil.com!bob@example.com')).toMatch(/routing/);
    });
    it('DOM-2 accepts the ordinary RFC 5322 atext characters', () => {
      expect(accept("o'brien+tag.x_y-z=1#$&*/?^`{|}~@example.com").local).toBe("o'brien+tag.x_y-z=1#$&*/?^`{|}~");
    });
  });

  describe('REQ-8: length', () => {
    const domain = `${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(63)}.abcd.com`; // 200 characters
    it('REQ-8 accepts exactly 254 characters', () => {
      const input = `${'a'.repeat(254 - domain.length - 1)}@${domain}`;
      expect(input).toHaveLength(254);
      expect(accept(input).address).toBe(input);
    });
    it('REQ-8 refuses 255 characters', () => {
      const input = `${'a'.repeat(255 - domain.length - 1)}@${domain}`;
      expect(refusal(input)).toMatch(/longer than 254/);
    });
    it('REQ-8 refuses oversized input before parsing it (no NFKC, no domain lookup)', () => {
      const huge = `${'\ufdfa'.repeat(100_000)}@example.com`; // NFKC would expand each to 18 characters
      const normalize = String.prototype.normalize;
      let normalized = 0;
      String.prototype.normalize = function (this: string, form?: string) {
        normalized += 1;
        return normalize.call(this, form);
      };
      try {
        expect(refusal(huge)).toMatch(/longer than 254/);
      } finally {
        String.prototype.normalize = normalize;
      }
      expect(normalized).toBe(0);
    });
    it('REQ-8 refuses input that NFKC expands past 254 characters', () => {
      const input = `${'\ufdfa'.repeat(14)}@example.com`; // 26 characters typed, 264 after NFKC
      expect(input.length).toBeLessThan(254);
      expect(refusal(input)).toMatch(/longer than 254/);
    });
    it('REQ-8 refuses an address whose Punycode form passes 254 characters', () => {
      const label = '日本語'.repeat(7).slice(0, 20); // 20 characters, 34 in Punycode
      const input = `${'a'.repeat(64)}@${Array(6).fill(label).join('.')}.example`;
      expect(input.length).toBeLessThanOrEqual(254);
      expect(refusal(input)).toMatch(/longer than 254 characters once canonicalised/);
    });
    it('REQ-8 refuses non-text input', () => {
      expect(refusal(42 as unknown as string)).toMatch(/not text/);
    });
  });

  describe('DOM-3: the domain', () => {
    it('DOM-3 lower-cases the domain and keeps the ASCII and Unicode forms', () => {
      const email = accept('alice@Bücher.Example');
      expect(email.domain).toBe('xn--bcher-kva.example');
      expect(email.unicodeDomain).toBe('bücher.example');
      expect(email.address).toBe('alice@xn--bcher-kva.example');
    });
    it('DOM-3 accepts an address typed in Punycode and reads it back as Unicode', () => {
      expect(accept('alice@XN--BCHER-KVA.example').unicodeDomain).toBe('bücher.example');
    });
    it.each([
      ['an IPv4 literal', 'alice@127.0.0.1', /IP address/],
      ['a short IPv4 form', 'alice@127.1', /IP address/],
      ['a hex IPv4 form', 'alice@0x7f.1', /IP address/],
      ['a bracketed literal', 'alice@[127.0.0.1]', /square brackets/],
      ['a single label', 'alice@localhost', /two labels/],
      ['a numeric top label', 'alice@example.123', /numeric top-level/],
      ['a trailing dot', 'alice@example.com.', /ends with a dot/],
      ['a leading dot', 'alice@.example.com', /empty label/],
      ['two dots', 'alice@example..com', /empty label/],
      ['a label starting with a hyphen', 'alice@-example.com', /invalid label/],
      ['a label ending with a hyphen', 'alice@example-.com', /invalid label/],
      ['a 64-character label', `alice@${'a'.repeat(64)}.com`, /invalid label/],
      ['an underscore', 'alice@ex_ample.com', /"_"/],
      ['a percent-encoded letter', 'alice@exa%6dple.com', /"%"/],
      ['an asterisk', 'alice@*.example.com', /"\*"/],
      ['invalid Punycode', 'alice@xn--zz.com', /international/],
    ])('DOM-3 refuses %s', (_name, input, reason) => {
      expect(refusal(input)).toMatch(reason);
    });
    it('DOM-3 accepts a 63-character label and digits in non-top labels', () => {
      expect(accept(`alice@${'a'.repeat(63)}.com`).domain).toBe(`${'a'.repeat(63)}.com`);
      expect(accept('alice@123.example.com').domain).toBe('123.example.com');
    });
  });

  describe('DOM-1: one canonical form', () => {
    it('DOM-1 lower-cases the whole address, so Alice@ and alice@ are one identity', () => {
      expect(accept('Alice@EXAMPLE.com').address).toBe('alice@example.com');
      expect(accept('ALICE@example.com').address).toBe(accept('alice@example.com').address);
    });
    it('DOM-1 applies NFKC first: fullwidth forms become the same canonical address', () => {
      expect(accept('ａｌｉｃｅ＠ｅｘａｍｐｌｅ．ｃｏｍ').address).toBe('alice@example.com');
    });
    it('DOM-1 is idempotent: the canonical address canonicalises to itself', () => {
      for (const input of ['Alice+News@Bücher.example', 'o.brien@Sub.Example.co.uk', 'x@xn--bcher-kva.example']) {
        const once = accept(input);
        expect(accept(once.address)).toEqual(once);
      }
    });
  });

  describe('DOM-6: +tag', () => {
    it('DOM-6 keeps the +tag in the identity and strips it in localWithoutTag', () => {
      const email = accept('Alice+Status@example.com');
      expect(email.address).toBe('alice+status@example.com');
      expect(email.local).toBe('alice+status');
      expect(email.localWithoutTag).toBe('alice');
    });
    it('DOM-6 strips from the first + only, and keeps a leading + as the whole name', () => {
      expect(accept('a+b+c@example.com').localWithoutTag).toBe('a');
      expect(accept('+news@example.com').localWithoutTag).toBe('+news');
      expect(accept('alice@example.com').localWithoutTag).toBe('alice');
    });
    it('DOM-6/REQ-4 keys rate limits by mailbox: tags and case do not make new keys', () => {
      expect(formatMailboxKey(accept('Alice+1@Example.com'))).toBe('alice@example.com');
      expect(formatMailboxKey(accept('alice+2@example.com'))).toBe(formatMailboxKey(accept('ALICE@example.com')));
    });
  });
});
