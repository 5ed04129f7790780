import { invalid } from './errors.js';

// Calendar arithmetic in IANA zones with Intl alone. "Wall time" below is a local reading encoded as
// milliseconds as if it were UTC, so that day and month arithmetic is plain Date.UTC arithmetic.

const DAY_MS = 86_400_000;

/**
 * Where the arithmetic below gets each zone's formatter (`newZoneFormatter`). Building one costs far
 * more than using it, so the caller keeps them: one bounded set per process, made where the process
 * is put together (`createTimeZoneFormatters`, services/time-zone-formatters.ts). The domain keeps none.
 */
export interface TimeZoneFormatters {
  formatterFor(timeZone: string): Intl.DateTimeFormat;
}

/** The formatter the calendar arithmetic reads local time with; throws a validation error for an unknown zone. */
export function newZoneFormatter(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw invalid('time_zone', `unknown time zone ${JSON.stringify(timeZone)}`);
  }
}

/** The local reading of instant `t` in `timeZone`, to the second. */
function wallTime(t: number, timeZone: string, zones: TimeZoneFormatters): number {
  // `format` is much faster than `formatToParts` (docs/performance.md); en-US with h23 reads "M/D/YYYY, HH:MM:SS".
  const [month, day, year, hour, minute, second] = (zones.formatterFor(timeZone).format(t).match(/\d+/g) ?? []).map(Number);
  return Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0, second ?? 0);
}

const offsetAt = (t: number, timeZone: string, zones: TimeZoneFormatters): number =>
  wallTime(t, timeZone, zones) - Math.floor(t / 1000) * 1000;

/**
 * The first instant whose local reading is `wall` or later. When clocks fall back over `wall` it is the
 * earlier of the two instants; when they spring forward over it, the instant right after the jump.
 */
function firstInstantAtOrAfter(wall: number, timeZone: string, zones: TimeZoneFormatters): number {
  // The offsets in force a day either side cover any transition near `wall`; usually they agree.
  const before = offsetAt(wall - DAY_MS, timeZone, zones);
  const after = offsetAt(wall + DAY_MS, timeZone, zones);
  if (before === after) return wall - before;
  const offsets = [before, after];
  const exact = offsets.map((offset) => wall - offset).filter((t) => wallTime(t, timeZone, zones) === wall);
  if (exact.length > 0) return Math.min(...exact);
  // `wall` was skipped: binary-search the jump (to the second) between the two candidate instants.
  let low = wall - Math.max(before, after);
  let high = wall - Math.min(before, after);
  while (high - low > 1000) {
    const middle = low + Math.floor((high - low) / 2000) * 1000;
    if (wallTime(middle, timeZone, zones) >= wall) high = middle;
    else low = middle;
  }
  return high;
}

const floorToDay = (wall: number): number => Math.floor(wall / DAY_MS) * DAY_MS;
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Whether Intl knows the zone (`Europe/Berlin`, `UTC`); case-insensitive like Intl itself. Builds a formatter each time. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    newZoneFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local date of `date` in `timeZone`, as `YYYY-MM-DD`. */
export function dayKey(date: Date, timeZone: string, zones: TimeZoneFormatters): string {
  const wall = new Date(wallTime(date.getTime(), timeZone, zones));
  return `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
}

/** The local month of `date` in `timeZone`, as `YYYY-MM`. */
export function monthKey(date: Date, timeZone: string, zones: TimeZoneFormatters): string {
  return dayKey(date, timeZone, zones).slice(0, 7);
}

/** The first instant of the local day containing `date` (local midnight, or the end of a DST jump over it). */
export function startOfDay(date: Date, timeZone: string, zones: TimeZoneFormatters): Date {
  return new Date(firstInstantAtOrAfter(floorToDay(wallTime(date.getTime(), timeZone, zones)), timeZone, zones));
}

/** The start of the local day `n` days after the local day of `dayStart`; local days last 23, 24 or 25 hours. */
export function addDays(dayStart: Date, n: number, timeZone: string, zones: TimeZoneFormatters): Date {
  const day = floorToDay(wallTime(dayStart.getTime(), timeZone, zones)) + n * DAY_MS;
  return new Date(firstInstantAtOrAfter(day, timeZone, zones));
}

/** The start of the next local day: always after `now`. */
export const nextMidnight = (now: Date, timeZone: string, zones: TimeZoneFormatters): Date => addDays(now, 1, timeZone, zones);

/** The first instant of a local month given as `YYYY-MM`. */
export function startOfMonth(month: string, timeZone: string, zones: TimeZoneFormatters): Date {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const year = Number(match?.[1]);
  const monthNumber = Number(match?.[2]);
  // Date.UTC maps years below 100 to the 1900s; no status page has history that old anyway.
  if (match === null || year < 1000 || monthNumber < 1 || monthNumber > 12) {
    throw invalid('month', 'expected a month as YYYY-MM');
  }
  return new Date(firstInstantAtOrAfter(Date.UTC(year, monthNumber - 1, 1), timeZone, zones));
}

/** The local reading of `date` in `timeZone` to the minute, as a `datetime-local` input shows it (`2026-03-29T01:30`). */
export function localDateTime(date: Date, timeZone: string, zones: TimeZoneFormatters): string {
  return new Date(wallTime(date.getTime(), timeZone, zones)).toISOString().slice(0, 16);
}

/**
 * The instant a `datetime-local` reading (`YYYY-MM-DDTHH:MM`, seconds optional) names in `timeZone`.
 * A reading clocks fall back over is the earlier instant; one they spring forward over, the instant
 * right after the jump (as `startOfDay`).
 */
export function instantFromLocal(local: string, timeZone: string, zones: TimeZoneFormatters): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  const [year, month, day, hour, minute, second] = (match?.slice(1) ?? []).map((part) => Number(part ?? 0));
  const wall = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0, second ?? 0);
  const reads = new Date(wall);
  if (
    match === null ||
    (year ?? 0) < 1000 ||
    reads.getUTCMonth() !== (month ?? 0) - 1 ||
    reads.getUTCDate() !== day ||
    (hour ?? 0) > 23 ||
    (minute ?? 0) > 59 ||
    (second ?? 0) > 59
  ) {
    throw invalid('time', 'expected a date and time as YYYY-MM-DDTHH:MM');
  }
  return new Date(firstInstantAtOrAfter(wall, timeZone, zones));
}
