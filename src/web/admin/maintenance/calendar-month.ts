import { addDays, dayKey, startOfMonth } from '../../../domain/time-zone.js';
import { timeZones } from '../../time-zones.js';
import type { Maintenance } from '../../../domain/status/maintenance.js';

interface CalendarDay {
  /** `YYYY-MM-DD` in the calendar's zone. */
  key: string;
  inMonth: boolean;
  /** The windows covering some of this local day, earliest start first. */
  windows: Maintenance[];
}

export interface CalendarMonth {
  /** `YYYY-MM`. */
  month: string;
  previous: string;
  next: string;
  /** Monday to Sunday, from the week of the 1st to the week of the last day. */
  weeks: CalendarDay[][];
  /** Where the grid's first day starts and its last day ends: what to ask the store for. */
  from: Date;
  to: Date;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM` moved by `delta` months. */
export function shiftMonth(month: string, delta: number): string {
  const [year = 0, monthNumber = 1] = month.split('-').map(Number);
  const index = year * 12 + (monthNumber - 1) + delta;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/**
 * The grid of `month` in `timeZone`: local days (23, 24 or 25 hours across a DST change), whole
 * weeks from Monday. `startOfMonth` refuses a month that is not `YYYY-MM` (a validation error).
 */
export function calendarGrid(month: string, timeZone: string): Omit<CalendarMonth, 'weeks'> & { days: Date[] } {
  const first = startOfMonth(month, timeZone, timeZones);
  const [year = 0, monthNumber = 1] = month.split('-').map(Number);
  const weekday = (new Date(Date.UTC(year, monthNumber - 1, 1)).getUTCDay() + 6) % 7; // Monday 0
  const daysInMonth = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  const cells = Math.ceil((weekday + daysInMonth) / 7) * 7;
  const days = Array.from({ length: cells + 1 }, (_, i) => addDays(first, i - weekday, timeZone, timeZones));
  return { month, previous: shiftMonth(month, -1), next: shiftMonth(month, 1), days, from: days[0]!, to: days[cells]! };
}

/** Places each window on every local day it covers, until its early completion if it had one. */
export function buildCalendarMonth(month: string, timeZone: string, windows: readonly Maintenance[]): CalendarMonth {
  const { days, ...grid } = calendarGrid(month, timeZone);
  const cells: CalendarDay[] = days.slice(0, -1).map((start, i) => {
    const end = days[i + 1]!.getTime();
    const key = dayKey(start, timeZone, timeZones);
    const covering = windows.filter((window) => {
      const until = (window.completedAt ?? window.scheduledEnd).getTime();
      return window.cancelledAt === null && window.scheduledStart.getTime() < end && until > start.getTime();
    });
    return { key, inMonth: key.startsWith(`${month}-`), windows: covering };
  });
  const weeks: CalendarDay[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return { ...grid, weeks };
}
