import { type TimeZoneFormatters, newZoneFormatter } from '../domain/time-zone.js';

/**
 * The formatters the domain's calendar arithmetic reads local time with, one per zone name, kept
 * because building one costs far more than using it. Bounded (zone names come from input, and Intl
 * accepts any casing of each): when full it is emptied and refills with the zones in use.
 *
 * @example const zones = createTimeZoneFormatters(); dayKey(now, page.timeZone, zones)
 */
export function createTimeZoneFormatters(maxZones = 256): TimeZoneFormatters {
  const formatters = new Map<string, Intl.DateTimeFormat>();
  return {
    formatterFor(timeZone) {
      let formatter = formatters.get(timeZone);
      if (formatter === undefined) {
        formatter = newZoneFormatter(timeZone);
        if (formatters.size >= maxZones) formatters.clear();
        formatters.set(timeZone, formatter);
      }
      return formatter;
    },
  };
}
