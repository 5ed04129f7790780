import { describe, expect, it } from 'vitest';
import { icalDocument, icalText, icalTime } from './ical-lines.js';

describe('icalText', () => {
  it('escapes backslash, semicolon, comma and line breaks; drops other control characters', () => {
    expect(icalText('a,b;c\\d\ne\r\nf\rg')).toBe('a\\,b\\;c\\\\d\\ne\\nf\\ng');
    expect(icalText('x\u0000\u0007\u001B\u007Fy\tz')).toBe('xy\tz');
  });
});

describe('icalTime', () => {
  it('writes a UTC DATE-TIME without milliseconds', () => {
    expect(icalTime(new Date('2026-12-07T22:49:06.123Z'))).toBe('20261207T224906Z');
  });
});

describe('icalDocument', () => {
  it('ends every line with CRLF and folds at 75 octets, never inside a UTF-8 sequence', () => {
    const line = `DESCRIPTION:${'é'.repeat(50)}${'🚀'.repeat(30)}${'a'.repeat(100)}`;
    const text = icalDocument(['BEGIN:VCALENDAR', line, 'END:VCALENDAR']);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const physical = text.split('\r\n').slice(0, -1);
    for (const part of physical) {
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
      // Each physical line is whole UTF-8 on its own.
      expect(Buffer.from(part).toString('utf8')).toBe(part);
      expect(part).not.toContain('\uFFFD');
    }
    expect(physical.length).toBeGreaterThan(5);
    // Unfolding (RFC 5545 §3.1) gives back the line.
    expect(text.replace(/\r\n /g, '').split('\r\n')[1]).toBe(line);
  });

  it('leaves a line of exactly 75 octets whole', () => {
    const line = `X:${'a'.repeat(73)}`;
    expect(icalDocument([line])).toBe(`${line}\r\n`);
  });
});
