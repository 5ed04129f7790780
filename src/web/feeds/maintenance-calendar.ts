import type { Maintenance } from '../../domain/status/maintenance.js';
import { maintenancePhase } from '../../domain/status/maintenance-phase.js';
import { icalDocument, icalText, icalTime } from './ical-lines.js';

export interface CalendarContext {
  /** The page's name, for the calendar's name. */
  pageName: string;
  /** The page's URL; a window's URL is its anchor there (as the v2 `shortlink`). */
  pageUrl: string;
  /** The public host, which scopes every UID. */
  host: string;
  /** Component names of the page's components; others are not named. */
  names: ReadonlyMap<string, string>;
  now: Date;
}

/**
 * The windows as an iCalendar document (RFC 5545): one VEVENT each, its UID `<id>@<host>`. SEQUENCE
 * must grow with every change, and maintenance keeps no version: every write to a window (edit,
 * update, start, end, cancel) sets its `updatedAt` from the service clock, and updates are only ever
 * added, so the count of updates plus the whole seconds from creation to the last write never falls
 * and rises with each change (two changes in one second that add no update share a number).
 */
export function maintenanceCalendar(windows: readonly Maintenance[], context: CalendarContext): string {
  const stamp = icalTime(context.now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Beacon//Status page maintenance//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icalText(`${context.pageName} maintenance`)}`,
  ];
  for (const window of [...windows].sort((a, b) => a.scheduledStart.getTime() - b.scheduledStart.getTime() || (a.id < b.id ? -1 : 1))) {
    const phase = maintenancePhase(window, context.now);
    const end = window.completedAt !== null && window.completedAt < window.scheduledEnd ? window.completedAt : window.scheduledEnd;
    const components = [...new Set(window.componentIds)].flatMap((id) => context.names.get(id) ?? []);
    const latest = window.updates.at(-1)?.message ?? window.description ?? '';
    const description = [components.length === 0 ? '' : `Affected: ${components.join(', ')}`, latest].filter((part) => part !== '');
    const sequence = window.updates.length + Math.max(0, Math.floor((window.updatedAt.getTime() - window.createdAt.getTime()) / 1000));
    lines.push(
      'BEGIN:VEVENT',
      `UID:${icalText(`${window.id}@${context.host}`)}`,
      `DTSTAMP:${stamp}`,
      `CREATED:${icalTime(window.createdAt)}`,
      `LAST-MODIFIED:${icalTime(window.updatedAt)}`,
      `SEQUENCE:${sequence}`,
      `DTSTART:${icalTime(window.scheduledStart)}`,
      `DTEND:${icalTime(end)}`,
      `SUMMARY:${icalText(window.name)}`,
      ...(description.length === 0 ? [] : [`DESCRIPTION:${icalText(description.join('\n'))}`]),
      `URL:${context.pageUrl}#maintenance-${encodeURIComponent(window.id)}`,
      `STATUS:${phase === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return icalDocument(lines);
}
