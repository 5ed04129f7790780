import type { Page } from '../pages/page.js';
import { pageComponentIds } from '../pages/page-structure.js';
import type { Snapshot } from '../snapshot.js';
import { type TimeZoneFormatters, monthKey, startOfMonth } from '../time-zone.js';

/**
 * Remembers when each page's history begins, for one snapshot (a page object may outlive a snapshot
 * whose incidents changed). The caller keeps it (the domain keeps no memo of its own): a history
 * request asks on every hit, and a page's components can be many.
 */
export interface HistoryStartMemo {
  get(page: Page): number | undefined;
  set(page: Page, oldest: number): void;
}

/**
 * When the page's history begins: the earliest creation of one of its components, or start of an
 * incident on one of them (over all history). `Infinity` for a page without components. `memo`, when
 * the caller keeps one, is for `snapshot`.
 */
export function oldestHistoryInstant(snapshot: Snapshot, page: Page, memo?: HistoryStartMemo): number {
  let oldest = memo?.get(page);
  if (oldest === undefined) {
    oldest = Infinity;
    for (const id of pageComponentIds(page, snapshot.groups)) {
      const component = snapshot.components.get(id);
      if (component === undefined) continue;
      oldest = Math.min(oldest, component.createdAt.getTime(), snapshot.firstIncidentStarts.get(id)?.getTime() ?? Infinity);
    }
    memo?.set(page, oldest);
  }
  return oldest;
}

/**
 * The months (`YYYY-MM`, in the page's time zone) its history page has: from the month its history
 * begins to the current one. Any other month is not a page (404), however well formed.
 *
 * @example historyMonthRange(snapshot, page, now, zones) // { first: '2025-11', last: '2026-03' }
 */
export function historyMonthRange(
  snapshot: Snapshot,
  page: Page,
  now: Date,
  zones: TimeZoneFormatters,
  memo?: HistoryStartMemo,
): { first: string; last: string } {
  const last = monthKey(now, page.timeZone, zones);
  const oldest = oldestHistoryInstant(snapshot, page, memo);
  const first = oldest < now.getTime() ? monthKey(new Date(oldest), page.timeZone, zones) : last;
  return { first, last };
}

/** Whether `month` (`YYYY-MM`) is one of the page's history months (see `historyMonthRange`). */
export function isPageHistoryMonth(
  snapshot: Snapshot,
  page: Page,
  month: string,
  now: Date,
  zones: TimeZoneFormatters,
  memo?: HistoryStartMemo,
): boolean {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return false;
  const { first, last } = historyMonthRange(snapshot, page, now, zones, memo);
  return month >= first && month <= last;
}

/** The instants a history month spans in the page's time zone, or `null` when it is malformed or has not begun. */
export function historyMonthBounds(page: Page, month: string, now: Date, zones: TimeZoneFormatters): { start: Date; end: Date } | null {
  const nextKey = shiftMonth(month, 1);
  if (nextKey === null) return null;
  const start = startOfMonth(month, page.timeZone, zones);
  if (start.getTime() > now.getTime()) return null;
  return { start, end: startOfMonth(nextKey, page.timeZone, zones) };
}

/** `YYYY-MM` moved by `delta` months, or `null` when `month` is malformed. */
export function shiftMonth(month: string, delta: number): string | null {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (match === null || Number(match[1]) < 1000) return null;
  const index = Number(match[1]) * 12 + Number(match[2]) - 1 + delta;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}
