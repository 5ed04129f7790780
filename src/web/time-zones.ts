import { createTimeZoneFormatters } from '../services/time-zone-formatters.js';

/**
 * The web layer's calendar formatters, which the domain's time arithmetic is given (day grids,
 * history months, the render caches' clock horizon). One set for every render and route: views deep
 * in a page are drawn from plain arguments, and every page of a process shares its few zones.
 * At most 256 zones (docs/caches.md).
 */
export const timeZones = createTimeZoneFormatters();
