import { type DayGrid, dayGrid, isGridToday } from '../../../domain/history/day-grid.js';
import { timeZones } from '../../time-zones.js';

// One grid per (zone, length), replaced when its day is over: every component of every page rendered
// today shares it, so the Intl work happens once a day per zone, never per component, and the day
// views built once per grid (day-views.ts) are shared too.
const grids = new Map<string, DayGrid>();
const MAX_GRIDS = 64;

/** `dayGrid`, shared by every caller on the same local day: do not mutate the result. */
export function sharedDayGrid(now: Date, timeZone: string, days: number): DayGrid {
  const key = `${timeZone}\u0000${days}`;
  const cached = grids.get(key);
  if (cached !== undefined && isGridToday(cached, now)) return cached;
  const grid = dayGrid(now, timeZone, days, timeZones);
  if (grids.size >= MAX_GRIDS && !grids.has(key)) grids.clear();
  grids.set(key, grid);
  return grid;
}
