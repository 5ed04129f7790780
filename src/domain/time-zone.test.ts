import { describe, expect, it } from 'vitest';
import { BeaconError } from './errors.js';
import {
  addDays,
  dayKey,
  instantFromLocal,
  isValidTimeZone,
  localDateTime,
  monthKey,
  nextMidnight,
  startOfDay,
  startOfMonth,
  type TimeZoneFormatters,
  newZoneFormatter,
} from './time-zone.js';

// Built afresh on every use: the domain keeps no formatters, the caller does.
const zones: TimeZoneFormatters = { formatterFor: newZoneFormatter };

const at = (iso: string): Date => new Date(iso);
const HOUR = 3_600_000;
const hoursBetween = (a: Date, b: Date): number => (b.getTime() - a.getTime()) / HOUR;

describe('isValidTimeZone', () => {
  it.each(['UTC', 'Europe/Berlin', 'America/Santiago', 'Australia/Lord_Howe', 'Etc/GMT+5', 'europe/berlin'])('accepts %j', (zone) =>
    expect(isValidTimeZone(zone)).toBe(true),
  );
  it.each(['', 'Mars/Olympus_Mons', 'Europe/Berlinn', 'CEST ', 'not a zone'])('refuses %j', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });
  it('makes every other function throw a validation error for an unknown zone', () => {
    const calls = [
      () => dayKey(at('2025-01-01T00:00Z'), 'Mars/Olympus_Mons', zones),
      () => startOfDay(at('2025-01-01T00:00Z'), 'Mars/Olympus_Mons', zones),
      () => addDays(at('2025-01-01T00:00Z'), 1, 'Mars/Olympus_Mons', zones),
      () => nextMidnight(at('2025-01-01T00:00Z'), 'Mars/Olympus_Mons', zones),
      () => monthKey(at('2025-01-01T00:00Z'), 'Mars/Olympus_Mons', zones),
      () => startOfMonth('2025-01', 'Mars/Olympus_Mons', zones),
    ];
    for (const call of calls) {
      expect(call).toThrow(BeaconError);
      expect(call).toThrow(/unknown time zone "Mars\/Olympus_Mons"/);
    }
  });
});

describe('dayKey and monthKey', () => {
  it('reads the local date, not the UTC one', () => {
    expect(dayKey(at('2025-03-04T23:30Z'), 'UTC', zones)).toBe('2025-03-04');
    expect(dayKey(at('2025-03-04T23:30Z'), 'Europe/Berlin', zones)).toBe('2025-03-05');
    expect(dayKey(at('2025-03-05T04:59Z'), 'America/New_York', zones)).toBe('2025-03-04');
    expect(dayKey(at('2025-03-05T13:29Z'), 'Australia/Lord_Howe', zones)).toBe('2025-03-06');
  });
  it('pads months and days', () => {
    expect(dayKey(at('2025-01-02T12:00Z'), 'UTC', zones)).toBe('2025-01-02');
    expect(monthKey(at('2025-01-02T12:00Z'), 'UTC', zones)).toBe('2025-01');
  });
  it('rolls the month over at local midnight', () => {
    expect(monthKey(at('2025-03-31T22:30Z'), 'Europe/Berlin', zones)).toBe('2025-04');
    expect(monthKey(at('2025-04-01T03:59Z'), 'America/New_York', zones)).toBe('2025-03');
  });
});

describe('startOfDay', () => {
  it.each([
    ['UTC', '2025-06-15T17:45:12.345Z', '2025-06-15T00:00:00.000Z'],
    ['Europe/Berlin', '2025-06-15T17:45Z', '2025-06-14T22:00:00.000Z'],
    ['Europe/Berlin', '2025-01-15T17:45Z', '2025-01-14T23:00:00.000Z'],
    ['Europe/Berlin', '2025-06-14T22:00Z', '2025-06-14T22:00:00.000Z'], // exactly at midnight
    ['America/New_York', '2025-06-15T03:59Z', '2025-06-14T04:00:00.000Z'],
    ['Australia/Lord_Howe', '2025-07-01T00:00Z', '2025-06-30T13:30:00.000Z'], // +10:30 in winter
    ['Australia/Lord_Howe', '2025-12-01T00:00Z', '2025-11-30T13:00:00.000Z'], // +11 in summer
  ])('in %s, %s starts at %s', (zone, instant, expected) => {
    expect(startOfDay(at(instant), zone, zones).toISOString()).toBe(expected);
  });

  it('takes the first instant of the day when DST skips midnight (America/Santiago)', () => {
    // 2024-09-08: clocks jump from 00:00 to 01:00, so the day begins at 01:00 local (UTC−3).
    expect(startOfDay(at('2024-09-08T12:00Z'), 'America/Santiago', zones).toISOString()).toBe('2024-09-08T04:00:00.000Z');
    expect(dayKey(at('2024-09-08T03:59:59.999Z'), 'America/Santiago', zones)).toBe('2024-09-07');
  });

  it('takes the earlier midnight when DST repeats it (America/Havana)', () => {
    // 2024-11-03: clocks fall back from 01:00 to 00:00, so local midnight happens twice.
    expect(startOfDay(at('2024-11-03T12:00Z'), 'America/Havana', zones).toISOString()).toBe('2024-11-03T04:00:00.000Z');
  });
});

describe('addDays and nextMidnight across DST', () => {
  it.each([
    ['Europe/Berlin', '2025-03-30T12:00Z', 23],
    ['Europe/Berlin', '2025-10-26T12:00Z', 25],
    ['America/New_York', '2025-03-09T12:00Z', 23],
    ['America/New_York', '2025-11-02T12:00Z', 25],
    ['Australia/Lord_Howe', '2025-04-06T02:00Z', 24.5],
    ['Australia/Lord_Howe', '2025-10-05T02:00Z', 23.5],
    ['America/Santiago', '2024-09-08T12:00Z', 23],
    ['America/Santiago', '2025-04-05T12:00Z', 25],
    ['America/Santiago', '2025-04-06T12:00Z', 24],
    ['UTC', '2025-03-30T12:00Z', 24],
  ])('in %s the day of %s lasts %d hours', (zone, instant, hours) => {
    const start = startOfDay(at(instant), zone, zones);
    expect(hoursBetween(start, addDays(start, 1, zone, zones))).toBe(hours);
    expect(nextMidnight(at(instant), zone, zones)).toEqual(addDays(start, 1, zone, zones));
  });

  it('counts whole local days, not 24-hour steps', () => {
    const start = startOfDay(at('2025-03-20T12:00Z'), 'Europe/Berlin', zones);
    expect(addDays(start, 20, 'Europe/Berlin', zones).toISOString()).toBe('2025-04-08T22:00:00.000Z');
    expect(addDays(start, -90, 'Europe/Berlin', zones).toISOString()).toBe('2024-12-19T23:00:00.000Z');
    expect(addDays(start, 0, 'Europe/Berlin', zones)).toEqual(start);
  });

  it('works from any instant of the day, not only its start', () => {
    expect(addDays(at('2025-10-26T21:00Z'), -1, 'Europe/Berlin', zones).toISOString()).toBe('2025-10-24T22:00:00.000Z');
  });

  it('crosses months and years', () => {
    expect(addDays(at('2024-12-31T12:00Z'), 1, 'UTC', zones).toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(addDays(at('2024-02-28T12:00Z'), 1, 'UTC', zones).toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it('is always strictly after now, even at the very start of a day', () => {
    const midnight = at('2025-06-14T22:00:00.000Z');
    expect(nextMidnight(midnight, 'Europe/Berlin', zones).toISOString()).toBe('2025-06-15T22:00:00.000Z');
    expect(nextMidnight(new Date(midnight.getTime() - 1), 'Europe/Berlin', zones)).toEqual(midnight);
  });
});

describe('day boundaries hold every day of a year in every tested zone', () => {
  it.each(['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'America/Havana'])('%s', (zone) => {
    let start = startOfDay(at('2024-01-01T12:00Z'), zone, zones);
    for (let day = 0; day < 366; day++) {
      const next = addDays(start, 1, zone, zones);
      const key = dayKey(start, zone, zones);
      const hours = hoursBetween(start, next);
      expect(hours).toBeGreaterThanOrEqual(23);
      expect(hours).toBeLessThanOrEqual(25);
      expect(dayKey(new Date(start.getTime() - 1), zone, zones)).not.toBe(key);
      expect(dayKey(new Date(next.getTime() - 1), zone, zones)).toBe(key);
      expect(startOfDay(new Date(start.getTime() + (next.getTime() - start.getTime()) / 2), zone, zones)).toEqual(start);
      start = next;
    }
  });
});

describe('startOfMonth', () => {
  it.each([
    ['2025-03', 'UTC', '2025-03-01T00:00:00.000Z'],
    ['2025-03', 'Europe/Berlin', '2025-02-28T23:00:00.000Z'],
    ['2025-07', 'Europe/Berlin', '2025-06-30T22:00:00.000Z'],
    ['2025-01', 'America/New_York', '2025-01-01T05:00:00.000Z'],
    ['2025-11', 'Australia/Lord_Howe', '2025-10-31T13:00:00.000Z'],
    ['2024-09', 'America/Santiago', '2024-09-01T04:00:00.000Z'],
  ])('%s in %s starts at %s', (month, zone, expected) => {
    expect(startOfMonth(month, zone, zones).toISOString()).toBe(expected);
    expect(monthKey(startOfMonth(month, zone, zones), zone, zones)).toBe(month);
  });

  it.each(['2025-13', '2025-00', '2025-1', '25-01', '2025-01-01', '', 'March', '0999-01'])('refuses %j', (month) => {
    expect(() => startOfMonth(month, 'UTC', zones)).toThrow(BeaconError);
    expect(() => startOfMonth(month, 'UTC', zones)).toThrow(/month: expected a month as YYYY-MM/);
  });
});

describe('localDateTime and instantFromLocal (datetime-local inputs)', () => {
  it('read and name instants in the zone, both ways', () => {
    expect(localDateTime(at('2026-03-20T12:05:59Z'), 'Europe/Berlin', zones)).toBe('2026-03-20T13:05');
    expect(instantFromLocal('2026-03-20T13:05', 'Europe/Berlin', zones).toISOString()).toBe('2026-03-20T12:05:00.000Z');
    expect(instantFromLocal('2026-07-01T09:00:30', 'America/New_York', zones).toISOString()).toBe('2026-07-01T13:00:30.000Z');
  });

  it('takes the instant after a spring-forward gap and the earlier of a fall-back repeat', () => {
    // Europe/Berlin 2026-03-29: 02:00 → 03:00; 2026-10-25: 03:00 → 02:00.
    expect(instantFromLocal('2026-03-29T02:30', 'Europe/Berlin', zones).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(instantFromLocal('2026-10-25T02:30', 'Europe/Berlin', zones).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it.each(['', '2026-03-20', '2026-02-30T10:00', '2026-03-20T24:00', '2026-03-20T10:60', '0099-01-01T00:00', '2026-03-20T10:00Z', 'junk'])(
    'refuses %j with a validation error',
    (text) => {
      expect(() => instantFromLocal(text, 'UTC', zones)).toThrow(BeaconError);
    },
  );
});
