/** Dates and durations as the pages print them, in a given IANA zone (the page's). */
export type TimeFormat = 'datetime' | 'date' | 'time';

const OPTIONS: Record<TimeFormat, Intl.DateTimeFormatOptions> = {
  datetime: { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
  date: { day: 'numeric', month: 'long', year: 'numeric' },
  time: { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
};

// One formatter per format and zone (building one costs far more than using it); bounded like
// services/time-zone-formatters.ts's, as zone names come from input and Intl accepts any casing of each.
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 256;
// Intl with zone names is slow (docs/performance.md), and re-renders print the same instants again and again.
const formatted = new Map<string, string>();

/** e.g. "20 Mar 2026, 13:00 CET" (`datetime`), "20 March 2026" (`date`), "13:00 CET" (`time`). */
export function formatInZone(date: Date, timeZone: string, format: TimeFormat): string {
  const key = `${format} ${timeZone}`;
  const memoKey = `${key} ${date.getTime()}`;
  let text = formatted.get(memoKey);
  if (text !== undefined) return text;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-GB', { ...OPTIONS[format], timeZone });
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, formatter);
  }
  text = formatter.format(date);
  if (formatted.size >= 10_000) formatted.clear();
  formatted.set(memoKey, text);
  return text;
}

/** A span of time the way people say it: "45 min", "2 h 5 min", "3 days 4 h". */
export function formatDuration(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  const unit = days === 1 ? 'day' : 'days';
  return hours % 24 === 0 ? `${days} ${unit}` : `${days} ${unit} ${hours % 24} h`;
}

/** "Acme status", but "Acme Status" stays as it is. */
export const statusTitle = (pageName: string): string => (/\bstatus$/i.test(pageName) ? pageName : `${pageName} status`);
