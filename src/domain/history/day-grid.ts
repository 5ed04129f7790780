import { invalid } from '../errors.js';
import { addDays, dayKey, startOfDay } from '../time-zone.js';

/**
 * The last `days` local days up to today: `keys[i]` spans `[bounds[i], bounds[i + 1])` (ms since epoch),
 * and `dates` holds the same bounds as Date objects, shared by every history built from the grid.
 */
export interface DayGrid {
  readonly keys: readonly string[];
  readonly bounds: readonly number[];
  readonly dates: readonly Date[];
}

interface Memo {
  grid: DayGrid;
  todayStart: number;
  tomorrowStart: number;
}

// One grid per (zone, length), replaced when its day is over: every component of every page rendered
// today shares it, so the Intl work happens once a day per zone, never per component.
const memo = new Map<string, Memo>();
const MAX_MEMO_ENTRIES = 64;

/** The day grid ending with the local day of `now`; memoised, so do not mutate the result. */
export function dayGrid(now: Date, timeZone: string, days: number): DayGrid {
  if (!Number.isInteger(days) || days < 1) throw invalid('days', 'expected a whole number of days, at least 1');
  const key = `${timeZone}\u0000${days}`;
  const t = now.getTime();
  const cached = memo.get(key);
  if (cached !== undefined && t >= cached.todayStart && t < cached.tomorrowStart) return cached.grid;

  const todayStart = startOfDay(now, timeZone);
  const bounds: number[] = [];
  for (let i = days - 1; i >= 1; i--) bounds.push(addDays(todayStart, -i, timeZone).getTime());
  bounds.push(todayStart.getTime(), addDays(todayStart, 1, timeZone).getTime());
  const dates = bounds.map((bound) => new Date(bound));
  const grid: DayGrid = { keys: previousDayKeys(dayKey(now, timeZone), days), bounds, dates };

  if (memo.size >= MAX_MEMO_ENTRIES && !memo.has(key)) memo.clear();
  memo.set(key, { grid, todayStart: bounds[days - 1]!, tomorrowStart: bounds[days]! });
  return grid;
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
