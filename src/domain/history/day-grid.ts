import { invalid } from '../errors.js';
import { type TimeZoneFormatters, addDays, dayKey, startOfDay } from '../time-zone.js';

/**
 * The last `days` local days up to today: `keys[i]` spans `[bounds[i], bounds[i + 1])` (ms since epoch),
 * and `dates` holds the same bounds as Date objects, shared by every history built from the grid.
 */
export interface DayGrid {
  readonly keys: readonly string[];
  readonly bounds: readonly number[];
  readonly dates: readonly Date[];
}

/**
 * The day grid ending with the local day of `now`. Its Intl work is worth sharing between every
 * component of a page, so a renderer keeps one grid per zone and day and passes it on;
 * shared grids are never mutated.
 */
export function dayGrid(now: Date, timeZone: string, days: number, zones: TimeZoneFormatters): DayGrid {
  if (!Number.isInteger(days) || days < 1) throw invalid('days', 'expected a whole number of days, at least 1');
  const todayStart = startOfDay(now, timeZone, zones);
  const bounds: number[] = [];
  for (let i = days - 1; i >= 1; i--) bounds.push(addDays(todayStart, -i, timeZone, zones).getTime());
  bounds.push(todayStart.getTime(), addDays(todayStart, 1, timeZone, zones).getTime());
  const dates = bounds.map((bound) => new Date(bound));
  return { keys: previousDayKeys(dayKey(now, timeZone, zones), days), bounds, dates };
}

/** Whether `now` falls on the grid's last day (today): until then the grid is the one `dayGrid` would build. */
export function isGridToday(grid: DayGrid, now: Date): boolean {
  const t = now.getTime();
  const days = grid.keys.length;
  return t >= grid.bounds[days - 1]! && t < grid.bounds[days]!;
}

/** `days` consecutive `YYYY-MM-DD` keys ending with `today`, by calendar arithmetic (no Intl). */
function previousDayKeys(today: string, days: number): string[] {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const keys: string[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day - i);
    keys.push(date.toISOString().slice(0, 10));
  }
  return keys;
}
