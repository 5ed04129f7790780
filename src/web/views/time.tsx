import { raw } from 'hono/html';
import { dayKey } from '../../domain/time-zone.js';
import { escapeHtml } from '../../services/escape-html.js';
import { formatInZone, type TimeFormat } from './format.js';
import { EN_DASH_SPACED } from './entities.js';
import { timeZones } from '../time-zones.js';

/**
 * An instant, printed in the page's zone with the zone's name ("20 Mar 2026, 13:05 CET"): the zone
 * the day bars use too. The `datetime` attribute carries the exact instant.
 */
export function Time({ at, zone, format = 'datetime' }: { at: Date; zone: string; format?: TimeFormat }) {
  return raw(timeHtml(at, zone, format));
}

// A re-render prints the same instants as the last one did (every update of two weeks of incidents).
const printed = new Map<string, string>();

/** `Time` as an HTML string, for views built as strings (pages print hundreds of times). */
export function timeHtml(at: Date, zone: string, format: TimeFormat = 'datetime'): string {
  const key = `${format} ${zone} ${at.getTime()}`;
  let html = printed.get(key);
  if (html === undefined) {
    html = `<time datetime="${at.toISOString()}">${escapeHtml(formatInZone(at, zone, format))}</time>`;
    if (printed.size >= 10_000) printed.clear();
    printed.set(key, html);
  }
  return html;
}

/**
 * "20 Mar 2026, 10:30 – 11:30 CET": the end shows only its time when it falls on the start's day.
 */
export function TimeRange({ start, end, zone }: { start: Date; end: Date; zone: string }) {
  const sameDay = dayKey(start, zone, timeZones) === dayKey(end, zone, timeZones);
  return (
    <>
      <Time at={start} zone={zone} />
      {EN_DASH_SPACED}
      {sameDay ? <time datetime={end.toISOString()}>{formatInZone(end, zone, 'time')}</time> : <Time at={end} zone={zone} />}
    </>
  );
}
