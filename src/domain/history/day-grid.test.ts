import { describe, expect, it } from 'vitest';
import { dayGrid } from './day-grid.js';
import { type TimeZoneFormatters, newZoneFormatter } from '../time-zone.js';

// Built afresh on every use: the domain keeps no formatters, the caller does.
const zones: TimeZoneFormatters = { formatterFor: newZoneFormatter };

const HOUR = 3_600_000;

describe('dayGrid', () => {
  it('lists `days` local days ending today, with one more bound than keys', () => {
    const grid = dayGrid(new Date('2025-03-01T10:00Z'), 'UTC', 3, zones);
    expect(grid.keys).toEqual(['2025-02-27', '2025-02-28', '2025-03-01']);
    expect(grid.bounds.map((b) => new Date(b).toISOString())).toEqual([
      '2025-02-27T00:00:00.000Z',
      '2025-02-28T00:00:00.000Z',
      '2025-03-01T00:00:00.000Z',
      '2025-03-02T00:00:00.000Z',
    ]);
    expect(grid.dates.map((d) => d.getTime())).toEqual(grid.bounds);
  });

  it('follows local days across DST, including a skipped midnight', () => {
    const grid = dayGrid(new Date('2024-09-09T12:00Z'), 'America/Santiago', 3, zones);
    expect(grid.keys).toEqual(['2024-09-07', '2024-09-08', '2024-09-09']);
    const lengths = grid.bounds.slice(1).map((b, i) => (b - grid.bounds[i]!) / HOUR);
    expect(lengths).toEqual([24, 23, 24]);
  });

  it('crosses a year boundary and a leap day by calendar', () => {
    expect(dayGrid(new Date('2024-03-01T12:00Z'), 'UTC', 3, zones).keys).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(dayGrid(new Date('2025-01-01T12:00Z'), 'Asia/Tokyo', 2, zones).keys).toEqual(['2024-12-31', '2025-01-01']);
  });

  it('refuses a bad number of days', () => {
    expect(() => dayGrid(new Date(), 'UTC', 0, zones)).toThrow(/days/);
    expect(() => dayGrid(new Date(), 'UTC', -3, zones)).toThrow(/days/);
    expect(() => dayGrid(new Date(), 'UTC', Number.NaN, zones)).toThrow(/days/);
  });
});
