import { describe, expect, it } from 'vitest';
import type { Impact } from '../../domain/status/impact.js';
import type { ImpactInterval } from '../../domain/status/incident.js';
import { dayViews } from './models/day-views.js';
import type { DayView, UptimeView } from './models/page-view.js';
import { componentDayFigures } from '../../domain/history/uptime.js';
import { uptimeBarHtml } from './uptime-bar.js';
import { dayGrid } from '../../domain/history/day-grid.js';
import { timeZones } from '../time-zones.js';

const at = (iso: string): Date => new Date(iso);
const NOW = at('2026-03-20T12:00Z');

const interval = (impact: Impact, start: string, end: string, incidentId: string): ImpactInterval => ({
  incidentId,
  componentId: 'api',
  impact,
  start: at(start),
  end: at(end),
});

/** A 90-day bar as the page view builds it: shared days in runs, incident days of its own. */
function bar(createdAt: string, intervals: ImpactInterval[] = []): UptimeView {
  const figures = componentDayFigures({
    createdAt: at(createdAt),
    intervals,
    maintenances: [],
    now: NOW,
    grid: dayGrid(NOW, 'Europe/Berlin', 90, timeZones),
  });
  const names = new Map([
    ['a', 'API <errors> & “timeouts”'],
    ['b', 'Slow search'],
  ]);
  return {
    days: dayViews(figures, names),
    uptime: figures.uptime,
    uptimeText: figures.uptime === null ? null : 'x%',
    recent: { days: 30, uptimeText: 'y%' },
  };
}

// Copies are no longer the shared days, so their markup is built day by day: the reference.
const dayByDay = (history: UptimeView): UptimeView => ({ ...history, days: history.days.map((day): DayView => ({ ...day })) });

describe('uptimeBarHtml', () => {
  it('prints a day as its label, its date in bold, outage days with their class', () => {
    const day: DayView = {
      day: '2026-03-18',
      dateLabel: '18 March 2026',
      state: 'partial_outage',
      stateLabel: 'Partial outage',
      incidents: [
        { id: 'a', name: 'API <errors>' },
        { id: 'b', name: 'Slow search' },
      ],
      alsoMaintenance: true,
      uptimeText: '99.20%',
      label: '18 March 2026: Partial outage — API <errors>, Slow search; maintenance; 99.20% uptime',
    };
    const html = uptimeBarHtml('API', { days: [day], uptime: 0.992, uptimeText: '99.20%', recent: { days: 30, uptimeText: '99.90%' } });
    expect(html).toContain(
      '<li class="po"><span><b>18 March 2026:</b><span> Partial outage &#8212; API &lt;errors&gt;, Slow search; maintenance; 99.20% uptime</span></span></li>',
    );
    // The bar is the one tab stop; its days are none until the script makes them so.
    expect(html.startsWith('<div class="uptime"><ol class="bar" tabindex="0" aria-label="API, last 1 days">')).toBe(true);
    expect(html).not.toMatch(/<li[^>]*tabindex/);
  });

  it('labels each width with its own figure: the whole bar’s beside "90 days ago", the last 30 days’ beside "30 days ago"', () => {
    const history = bar('2025-06-01T00:00Z', [interval('full_outage', '2026-01-10T10:00Z', '2026-01-10T12:00Z', 'a')]);
    const html = uptimeBarHtml('API', { ...history, uptimeText: '99.91%', recent: { days: 30, uptimeText: '100%' } });
    expect(html).toContain('<span class="l90">90 days ago</span><span class="l30">30 days ago</span>');
    expect(html).toContain('<span class="pct"><span class="l90">99.91% uptime</span><span class="l30">100% uptime</span></span>');
    expect(html).toContain('<p class="vh">99.91% uptime over the last 90 days, 100% over the last 30</p>');
  });

  it('prints runs of shared days exactly as it prints the same days one by one', () => {
    const histories = [
      bar('2025-01-01T00:00Z'),
      bar('2026-02-10T15:00Z'),
      bar('2026-03-20T11:00Z'),
      bar('2025-06-01T00:00Z', [
        interval('partial_outage', '2026-01-02T10:00Z', '2026-01-03T02:00Z', 'a'),
        interval('degraded_performance', '2026-01-02T20:00Z', '2026-01-02T21:00Z', 'b'),
        interval('full_outage', '2026-03-19T23:30Z', '2026-03-20T01:00Z', 'a'),
      ]),
    ];
    for (const history of histories) {
      const reference = uptimeBarHtml('API "edge"', dayByDay(history));
      expect(uptimeBarHtml('API "edge"', history)).toBe(reference);
    }
  });
});
