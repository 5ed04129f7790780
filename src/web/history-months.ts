import { z } from 'zod';
import type { Snapshot } from '../domain/snapshot.js';

/**
 * `?month=` of a history page (public pages, sub-pages and customer pages alike): `YYYY-MM`. Anything
 * else is a page that does not exist (404), not a bad request.
 */
export const MonthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

const DAY_MS = 24 * 60 * 60 * 1000;
// Earliest instant anything in a snapshot happened, per snapshot: one pass over its data, once.
const earliestOf = new WeakMap<Snapshot, number>();

/**
 * Whether `month` (`YYYY-MM`, already checked for shape) can hold history: not before the month of
 * the oldest component or incident of the whole snapshot, and not after the current month. A day's
 * margin either side stands in for every page's time zone. A cheap first filter, before any page is
 * located; the page's own range (`isPageHistoryMonth`) decides on a cache miss. Other months share
 * the one 404 entry, so made-up months (`?month=1234-05`) cannot fill the render cache.
 *
 * @example isHistoryMonth(snapshot, '2026-03', now) // true when the snapshot has data before April 2026
 */
export function isHistoryMonth(snapshot: Snapshot, month: string, now: Date): boolean {
  const earliest = earliestInstant(snapshot);
  return month >= utcMonth(earliest - DAY_MS) && month <= utcMonth(now.getTime() + DAY_MS);
}

function earliestInstant(snapshot: Snapshot): number {
  let earliest = earliestOf.get(snapshot);
  if (earliest === undefined) {
    earliest = snapshot.loadedAt.getTime();
    for (const component of snapshot.components.values()) earliest = Math.min(earliest, component.createdAt.getTime());
    // Over all history, not only the live window's incidents.
    for (const startedAt of snapshot.firstIncidentStarts.values()) earliest = Math.min(earliest, startedAt.getTime());
    earliestOf.set(snapshot, earliest);
  }
  return earliest;
}

const utcMonth = (ms: number): string => new Date(ms).toISOString().slice(0, 7);
