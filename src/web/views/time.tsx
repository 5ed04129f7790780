import { formatInZone, type TimeFormat } from './format.js';

/**
 * An instant, printed in the page's zone; the client script rewrites it into the viewer's zone
 * (the `datetime` attribute carries the exact instant and `data-format` the shape).
 */
export function Time({ at, zone, format = 'datetime' }: { at: Date; zone: string; format?: TimeFormat }) {
  return (
    <time datetime={at.toISOString()} data-format={format}>
      {formatInZone(at, zone, format)}
    </time>
  );
}
