import { describe, expect, it } from 'vitest';
import { maintenance as maintenanceFixture } from '../../../../test/helpers/snapshot-fixtures.js';
import type { Impact } from '../../../domain/status/impact.js';
import type { ImpactInterval } from '../../../domain/status/incident.js';
import type { Maintenance } from '../../../domain/status/maintenance.js';
import { sharedDayGrid } from './day-grid-memo.js';
import { dayViews, sharedDayRun } from './day-views.js';
import { type ComponentHistoryArgs, componentDayFigures } from '../../../domain/history/uptime.js';

const at = (iso: string): Date => new Date(iso);
const NOW = at('2025-05-05T12:00Z');

const interval = (impact: Impact, start: string, end: string | null, incidentId: string): ImpactInterval => ({
  incidentId,
  componentId: 'api',
  impact,
  start: at(start),
  end: end === null ? null : at(end),
});

const maintenance = (start: string, end: string): Maintenance => maintenanceFixture(`m-${start}`, ['api'], at(start), at(end));

/** Five UTC days, 2025-05-01 … 2025-05-05. */
const figures = (overrides: Partial<ComponentHistoryArgs> = {}) => {
  const args = { createdAt: at('2025-01-01T00:00Z'), intervals: [], maintenances: [], now: NOW, timeZone: 'UTC', days: 5, ...overrides };
  // Shared between bars, as the page view shares it.
  return componentDayFigures({ ...args, grid: sharedDayGrid(args.now, args.timeZone, args.days) });
};

const names = new Map([
  ['a', 'API errors'],
  ['b', 'Slow search'],
]);

describe('dayViews', () => {
  it('labels each day: no data before creation, operational, impacts with their incidents, maintenance', () => {
    const views = dayViews(
      figures({
        createdAt: at('2025-05-02T06:00Z'),
        intervals: [
          interval('partial_outage', '2025-05-03T10:00Z', '2025-05-03T12:00Z', 'a'),
          interval('degraded_performance', '2025-05-03T11:00Z', '2025-05-03T13:00Z', 'b'),
        ],
        maintenances: [maintenance('2025-05-04T01:00Z', '2025-05-04T02:00Z'), maintenance('2025-05-03T20:00Z', '2025-05-03T21:00Z')],
      }),
      names,
    );
    expect(views.map((view) => view.label)).toEqual([
      '1 May 2025: No data',
      '2 May 2025: Operational; 100% uptime',
      '3 May 2025: Partial outage — API errors, Slow search; maintenance; 97.50% uptime',
      '4 May 2025: Maintenance; 100% uptime',
      '5 May 2025: Operational; 100% uptime',
    ]);
    expect(views[2]).toMatchObject({
      state: 'partial_outage',
      alsoMaintenance: true,
      uptimeText: '97.50%',
      incidents: [
        { id: 'a', name: 'API errors' },
        { id: 'b', name: 'Slow search' },
      ],
    });
    expect(views[0]).toMatchObject({ state: 'no_data', uptimeText: null, incidents: [] });
  });

  it('leaves out incidents it has no name for', () => {
    const [, , day] = dayViews(
      figures({ intervals: [interval('full_outage', '2025-05-03T00:00Z', '2025-05-03T06:00Z', 'unknown')] }),
      names,
    );
    expect(day).toMatchObject({ label: '3 May 2025: Full outage; 75.00% uptime', incidents: [] });
  });

  it('shares the days without incidents between bars, as consecutive runs of one list per grid', () => {
    const quiet = dayViews(figures(), names);
    const young = dayViews(figures({ createdAt: at('2025-05-03T06:00Z') }), names);
    const troubled = dayViews(figures({ intervals: [interval('full_outage', '2025-05-02T00:00Z', '2025-05-02T01:00Z', 'a')] }), names);

    expect(young.slice(2)).toEqual(quiet.slice(2));
    young.slice(2).forEach((view, index) => expect(view).toBe(quiet[index + 2]));
    expect(troubled[0]).toBe(quiet[0]);
    expect(troubled[1]).not.toBe(quiet[1]);

    const operational = sharedDayRun(quiet[0]!);
    expect(operational?.index).toBe(0);
    quiet.forEach((view, index) => expect(operational?.days[index]).toBe(view));
    const noData = sharedDayRun(young[1]!);
    expect(noData?.index).toBe(1);
    expect(noData?.days.map((view) => view.state)).toEqual(['no_data', 'no_data', 'no_data', 'no_data', 'no_data']);
    expect(sharedDayRun(troubled[1]!)).toBeUndefined();
  });

  it('shares maintenance-only days too, outside the runs', () => {
    const first = dayViews(figures({ maintenances: [maintenance('2025-05-04T01:00Z', '2025-05-04T02:00Z')] }), names);
    const second = dayViews(figures({ maintenances: [maintenance('2025-05-04T03:00Z', '2025-05-04T05:00Z')] }), names);
    expect(first[3]).toBe(second[3]);
    expect(first[3]?.state).toBe('under_maintenance');
    expect(sharedDayRun(first[3]!)).toBeUndefined();
  });
});
