import { maintenancePhase } from '../../../domain/status/maintenance-phase.js';
import type { Maintenance } from '../../../domain/status/maintenance.js';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { TimeRange } from '../../views/time.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import type { CalendarMonth } from './calendar-month.js';
import { MaintenanceTabs, PhasePill, ZoneForm } from './maintenance-bits.js';

export interface CalendarProps {
  viewer: AdminViewer;
  assets: AuthAssets;
  mayWrite: boolean;
  zone: string;
  now: Date;
  calendar: CalendarMonth;
  truncated: boolean;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const monthName = (month: string): string => {
  const [year, number] = month.split('-');
  return `${MONTHS[Number(number) - 1] ?? ''} ${year ?? ''}`;
};
const dayName = (key: string, weekday: number): string => {
  const [, month, day] = key.split('-');
  return `${WEEKDAYS[weekday] ?? ''} ${Number(day)} ${MONTHS[Number(month) - 1] ?? ''}`;
};

/**
 * `/admin/maintenance/calendar`: a month of windows in the chosen zone, each on every local day it
 * covers. A table with a heading per weekday; on a phone the days with windows as a list. Below it,
 * the month's windows as a plain list.
 */
export function MaintenanceCalendarPage({ viewer, assets, mayWrite, zone, now, calendar, truncated }: CalendarProps) {
  const link = (month: string) => `/admin/maintenance/calendar?month=${month}&zone=${encodeURIComponent(zone)}`;
  const inMonth = new Map<string, Maintenance>();
  for (const day of calendar.weeks.flat()) if (day.inMonth) for (const m of day.windows) inMonth.set(m.id, m);
  return (
    <AdminPage title={`Maintenance calendar, ${monthName(calendar.month)}`} viewer={viewer} assets={assets} current="maintenance">
      <section class="card" aria-labelledby="calendar">
        <h1 id="calendar">Maintenance calendar</h1>
        <p class="lead">Windows on the days they cover, in {zone}. Cancelled windows are left out.</p>
        <MaintenanceTabs current="calendar" zone={zone} mayWrite={mayWrite} />
        <ZoneForm action="/admin/maintenance/calendar" zone={zone} extra={{ month: calendar.month }} />
        <nav class="cal-nav" aria-label="Months">
          <a href={link(calendar.previous)}>← {monthName(calendar.previous)}</a>
          <h2 id="month">{monthName(calendar.month)}</h2>
          <a href={link(calendar.next)}>{monthName(calendar.next)} →</a>
        </nav>
        {truncated && <p class="notice error">This month has more windows than the calendar shows; the lists have them all.</p>}
        <table class="cal" aria-labelledby="month">
          <thead>
            <tr>
              {WEEKDAYS.map((day) => (
                <th scope="col">
                  <abbr title={day}>{day.slice(0, 3)}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {calendar.weeks.map((week) => (
              <tr>
                {week.map((day, weekday) => (
                  <td class={[day.inMonth ? '' : 'out', day.windows.length === 0 ? 'free' : ''].filter(Boolean).join(' ') || undefined}>
                    <span class="day-number" aria-hidden="true">
                      {Number(day.key.slice(8))}
                    </span>
                    <span class="day-label">{dayName(day.key, weekday)}</span>
                    {day.windows.length > 0 && (
                      <ul>
                        {day.windows.map((m) => (
                          <li>
                            <a href={`/admin/maintenance/${m.id}?zone=${encodeURIComponent(zone)}`}>{m.name}</a>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card" aria-labelledby="month-list">
        <h2 id="month-list">Windows in {monthName(calendar.month)}</h2>
        {inMonth.size === 0 ? (
          <p class="muted">No maintenance this month.</p>
        ) : (
          <ul class="muted">
            {[...inMonth.values()].map((m) => (
              <li>
                <a href={`/admin/maintenance/${m.id}?zone=${encodeURIComponent(zone)}`}>{m.name}</a>:{' '}
                <TimeRange start={m.scheduledStart} end={m.completedAt ?? m.scheduledEnd} zone={zone} />{' '}
                <PhasePill phase={maintenancePhase(m, now)} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </AdminPage>
  );
}
