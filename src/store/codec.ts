/** Conversions between domain values and the portable column forms described in tables.ts. */
export const toDbTime = (date: Date): string => date.toISOString();
export const fromDbTime = (text: string): Date => new Date(dbTimeMs(text));
export const toDbTimeOrNull = (date: Date | null): string | null => (date ? date.toISOString() : null);
export const fromDbTimeOrNull = (text: string | null): Date | null => (text === null ? null : new Date(dbTimeMs(text)));
export const toDbBool = (value: boolean): number => (value ? 1 : 0);
export const fromDbBool = (value: number): boolean => value === 1;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The two decimal digits at `index` as a number, or -1 when either is not a digit. */
function twoDigits(text: string, index: number): number {
  const tens = text.charCodeAt(index) - 48;
  const units = text.charCodeAt(index + 1) - 48;
  return tens >= 0 && tens < 10 && units >= 0 && units < 10 ? tens * 10 + units : -1;
}

/**
 * `Date.parse(text)`, read directly when the text has the one shape `toDbTime` writes
 * (`2025-03-04T10:15:30.123Z`): a snapshot load decodes thousands of timestamps, and V8's general
 * date parser is slower at it (docs/performance.md). Anything else (another shape, a day that does not exist) goes
 * to `Date.parse`, so the answer is the same for every input.
 */
export function dbTimeMs(text: string): number {
  if (
    text.length === 24 &&
    text.charCodeAt(4) === 45 && // -
    text.charCodeAt(7) === 45 &&
    text.charCodeAt(10) === 84 && // T
    text.charCodeAt(13) === 58 && // :
    text.charCodeAt(16) === 58 &&
    text.charCodeAt(19) === 46 && // .
    text.charCodeAt(23) === 90 // Z
  ) {
    const century = twoDigits(text, 0);
    const yearOfCentury = twoDigits(text, 2);
    const month = twoDigits(text, 5);
    const day = twoDigits(text, 8);
    const hour = twoDigits(text, 11);
    const minute = twoDigits(text, 14);
    const second = twoDigits(text, 17);
    const centiseconds = twoDigits(text, 20);
    const lastDigit = text.charCodeAt(22) - 48;
    if (
      century >= 0 &&
      yearOfCentury >= 0 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      hour >= 0 &&
      hour < 24 &&
      minute >= 0 &&
      minute < 60 &&
      second >= 0 &&
      second < 60 &&
      centiseconds >= 0 &&
      lastDigit >= 0 &&
      lastDigit < 10
    ) {
      const year = century * 100 + yearOfCentury;
      const isLeap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
      if (day <= DAYS_IN_MONTH[month - 1]! + (month === 2 && isLeap ? 1 : 0)) {
        const time = ((hour * 60 + minute) * 60 + second) * 1000 + centiseconds * 10 + lastDigit;
        return daysSinceEpoch(year, month, day) * 86_400_000 + time;
      }
    }
  }
  return Date.parse(text);
}

/** Days from 1970-01-01 to the proleptic Gregorian date (H. Hinnant's `days_from_civil`). */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
