import { describe, expect, it } from 'vitest';
import { dbTimeMs, fromDbTime, fromDbTimeOrNull, toDbTime } from './codec.js';

describe('fromDbTime', () => {
  it('reads back what toDbTime wrote', () => {
    const date = new Date('2025-03-04T10:15:30.123Z');
    expect(fromDbTime(toDbTime(date))).toEqual(date);
    expect(fromDbTimeOrNull(toDbTime(date))).toEqual(date);
    expect(fromDbTimeOrNull(null)).toBeNull();
  });

  it('answers what Date.parse answers, for instants spread over years 0 to 9999', () => {
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const min = Date.parse('0000-01-01T00:00:00.000Z');
    const max = Date.parse('9999-12-31T23:59:59.999Z');
    for (let i = 0; i < 20_000; i++) {
      const text = new Date(Math.floor(min + next() * (max - min))).toISOString();
      expect(dbTimeMs(text)).toBe(Date.parse(text));
    }
  });

  it('handles month ends, leap days and the turn of a day exactly', () => {
    for (const text of [
      '1970-01-01T00:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      '2000-02-29T12:00:00.000Z',
      '2024-02-29T00:00:00.000Z',
      '2024-12-31T23:59:59.999Z',
      '2025-03-01T00:00:00.000Z',
      '0001-01-01T00:00:00.000Z',
      '0000-03-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
    ]) {
      expect(dbTimeMs(text)).toBe(Date.parse(text));
    }
  });

  it('leaves any other shape, and impossible dates, to Date.parse', () => {
    for (const text of [
      '2025-02-29T00:00:00.000Z',
      '1900-02-29T00:00:00.000Z',
      '2025-04-31T00:00:00.000Z',
      '2025-13-01T00:00:00.000Z',
      '2025-00-10T00:00:00.000Z',
      '2025-01-00T00:00:00.000Z',
      '2025-01-01T24:00:00.000Z',
      '2025-01-01T23:60:00.000Z',
      '2025-01-01T23:59:60.000Z',
      '2025-1a-01T00:00:00.000Z',
      '2025-01-01T00:00:00Z',
      '2025-01-01T00:00:00.000+01:00',
      '2025-01-01 00:00:00.000Z',
      '+010000-01-01T00:00:00.000Z',
      'not a time',
    ]) {
      expect(Object.is(dbTimeMs(text), Date.parse(text))).toBe(true);
    }
  });
});
