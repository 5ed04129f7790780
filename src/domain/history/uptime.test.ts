import { describe, expect, it } from 'vitest';
import type { Impact } from '../status/impact.js';
import type { ImpactInterval, Incident } from '../status/incident.js';
import type { Maintenance } from '../status/maintenance.js';
import {
  type ComponentHistory,
  type ComponentHistoryArgs,
  componentDayFigures,
  componentHistory,
  groupHistory,
  groupUptime,
  intervalsByComponent,
  maintenancesByComponent,
} from './uptime.js';
import { type TimeZoneFormatters, newZoneFormatter } from '../time-zone.js';
import { dayGrid } from './day-grid.js';

// Built afresh on every use: the domain keeps no formatters, the caller does.
const zones: TimeZoneFormatters = { formatterFor: newZoneFormatter };

const at = (iso: string): Date => new Date(iso);
const HOUR = 3_600_000;

const interval = (impact: Impact, start: string, end: string | null, incidentId = 'inc'): ImpactInterval => ({
  incidentId,
  componentId: 'api',
  impact,
  start: at(start),
  end: end === null ? null : at(end),
});

function window(start: string, end: string, extra: Partial<Pick<Maintenance, 'completedAt' | 'cancelledAt'>> = {}): Maintenance {
  return {
    id: `m-${start}`,
    name: 'Maintenance',
    description: null,
    componentIds: ['api'],
    scheduledStart: at(start),
    scheduledEnd: at(end),
    completedAt: null,
    cancelledAt: null,
    createdAt: at('2025-01-01T00:00Z'),
    updatedAt: at('2025-01-01T00:00Z'),
    updates: [],
    ...extra,
  };
}

/** Three UTC days, 2025-05-01 … 2025-05-03, "now" at noon on the last. */
type HistoryOverrides = Partial<Omit<ComponentHistoryArgs, 'grid'>> & { timeZone?: string; days?: number };
const historyArgs = (overrides: HistoryOverrides = {}): ComponentHistoryArgs => {
  const { timeZone = 'UTC', days = 3, ...rest } = overrides;
  const args = { createdAt: at('2025-01-01T00:00Z'), intervals: [], maintenances: [], now: at('2025-05-03T12:00Z'), ...rest };
  return { ...args, grid: dayGrid(args.now, timeZone, days, zones) };
};

const history = (overrides: HistoryOverrides = {}): ComponentHistory => componentHistory(historyArgs(overrides));

const uptimes = (h: ComponentHistory): (number | null)[] => h.days.map((day) => day.uptime);

describe('componentHistory: the days', () => {
  it('lists the requested days oldest first, the last being today, with their bounds', () => {
    const h = history();
    expect(h.days.map((day) => day.day)).toEqual(['2025-05-01', '2025-05-02', '2025-05-03']);
    expect(h.days[0]!.start.toISOString()).toBe('2025-05-01T00:00:00.000Z');
    expect(h.days[2]!.end.toISOString()).toBe('2025-05-04T00:00:00.000Z');
    expect(h.days.every((day) => day.worstImpact === null && !day.hadMaintenance && day.incidentIds.length === 0)).toBe(true);
    expect(uptimes(h)).toEqual([1, 1, 1]);
    expect(h.uptime).toBe(1);
  });

  it('spans 90 local days in the page zone, across a DST change, with 23-hour and 25-hour days', () => {
    const h = history({ timeZone: 'Europe/Berlin', days: 90, now: at('2025-04-15T10:00Z') });
    expect(h.days).toHaveLength(90);
    expect(h.days[0]!.day).toBe('2025-01-16');
    expect(h.days[89]!.day).toBe('2025-04-15');
    const dst = h.days.find((day) => day.day === '2025-03-30')!;
    expect((dst.end.getTime() - dst.start.getTime()) / HOUR).toBe(23);
    for (let i = 1; i < h.days.length; i++) expect(h.days[i]!.start).toEqual(h.days[i - 1]!.end);
  });

  it('moves on to a new grid when the day rolls over, and keeps zones apart', () => {
    const before = history({ now: at('2025-05-03T23:59:59.999Z') });
    const after = history({ now: at('2025-05-04T00:00:00.000Z') });
    expect(before.days.at(-1)!.day).toBe('2025-05-03');
    expect(after.days.at(-1)!.day).toBe('2025-05-04');
    expect(after.days.at(-1)!.uptime).toBeNull(); // nothing of today observed yet
    const tokyo = history({ timeZone: 'Asia/Tokyo', now: at('2025-05-03T23:59:59.999Z') });
    expect(tokyo.days.at(-1)!.day).toBe('2025-05-04');
    expect(tokyo.days.at(-1)!.start.toISOString()).toBe('2025-05-03T15:00:00.000Z');
  });

  it('refuses a non-positive or fractional number of days', () => {
    expect(() => history({ days: 0 })).toThrow(/days/);
    expect(() => history({ days: 2.5 })).toThrow(/days/);
  });
});

describe('componentHistory: uptime arithmetic', () => {
  it('counts full outage time fully', () => {
    const h = history({ intervals: [interval('full_outage', '2025-05-02T06:00Z', '2025-05-02T12:00Z')] });
    expect(uptimes(h)).toEqual([1, 0.75, 1]);
    expect(h.days[1]!.worstImpact).toBe('full_outage');
    expect(h.uptime).toBeCloseTo(1 - 6 / 60); // observed: 24 + 24 + 12 hours
  });

  it('counts partial outage time at 30 %', () => {
    const h = history({ intervals: [interval('partial_outage', '2025-05-02T00:00Z', '2025-05-02T10:00Z')] });
    expect(h.days[1]!.uptime).toBeCloseTo(1 - 3 / 24);
    expect(h.days[1]!.worstImpact).toBe('partial_outage');
  });

  it('colours a degraded day without costing any uptime', () => {
    const h = history({ intervals: [interval('degraded_performance', '2025-05-01T00:00Z', '2025-05-02T00:00Z')] });
    expect(h.days[0]).toMatchObject({ worstImpact: 'degraded_performance', uptime: 1 });
  });

  it('merges overlapping incidents taking the worst impact at each instant, never counting time twice', () => {
    const h = history({
      intervals: [
        interval('partial_outage', '2025-05-02T10:00Z', '2025-05-02T14:00Z', 'a'),
        interval('full_outage', '2025-05-02T12:00Z', '2025-05-02T13:00Z', 'b'),
        interval('full_outage', '2025-05-02T12:30Z', '2025-05-02T13:00Z', 'c'),
      ],
    });
    // partial 10–12 (0.6 h) + full 12–13 (1 h) + partial 13–14 (0.3 h)
    expect(h.days[1]!.uptime).toBeCloseTo(1 - 1.9 / 24);
    expect(h.days[1]!.incidentIds).toEqual(['a', 'b', 'c']);
  });

  it('counts two overlapping full outages as their union', () => {
    const h = history({
      intervals: [
        interval('full_outage', '2025-05-02T10:00Z', '2025-05-02T12:00Z', 'a'),
        interval('full_outage', '2025-05-02T11:00Z', '2025-05-02T13:00Z', 'b'),
      ],
    });
    expect(h.days[1]!.uptime).toBeCloseTo(1 - 3 / 24);
  });

  it('splits an incident spanning midnight between its days', () => {
    const h = history({ intervals: [interval('full_outage', '2025-05-01T22:00Z', '2025-05-02T02:00Z')] });
    expect(h.days[0]!.uptime).toBeCloseTo(1 - 2 / 24);
    expect(h.days[1]!.uptime).toBeCloseTo(1 - 2 / 24);
    expect(h.days[0]!.incidentIds).toEqual(['inc']);
    expect(h.days[1]!.incidentIds).toEqual(['inc']);
  });

  it('splits an incident spanning midnight and a DST change by local days', () => {
    // Berlin, night of 29–30 March 2025: 23:00 CET to 04:00 CEST; the 30th lasts 23 hours.
    const h = history({
      timeZone: 'Europe/Berlin',
      now: at('2025-03-31T10:00Z'),
      intervals: [interval('full_outage', '2025-03-29T22:00Z', '2025-03-30T02:00Z')],
    });
    expect(h.days.map((day) => day.day)).toEqual(['2025-03-29', '2025-03-30', '2025-03-31']);
    expect(h.days[0]!.uptime).toBeCloseTo(1 - 1 / 24);
    expect(h.days[1]!.uptime).toBeCloseTo(1 - 3 / 23);
  });

  it('computes the example of docs/uptime.md', () => {
    const h = history({
      timeZone: 'Europe/Berlin',
      now: at('2025-03-31T10:00Z'),
      intervals: [
        interval('full_outage', '2025-03-29T22:00Z', '2025-03-30T02:00Z', 'night'),
        interval('partial_outage', '2025-03-30T08:00Z', '2025-03-30T12:00Z', 'a'),
        interval('full_outage', '2025-03-30T10:00Z', '2025-03-30T11:00Z', 'b'),
      ],
    });
    expect(h.days[0]!.uptime! * 100).toBeCloseTo(95.83, 2);
    expect(h.days[1]!.uptime! * 100).toBeCloseTo(78.7, 2);
    expect(h.days[1]!.incidentIds).toEqual(['night', 'a', 'b']);
  });

  it('ends an open interval at now, so today is partial', () => {
    const h = history({ intervals: [interval('full_outage', '2025-05-03T10:00Z', null)] });
    expect(h.days[2]!.uptime).toBeCloseTo(1 - 2 / 12);
    expect(h.days[2]!.worstImpact).toBe('full_outage');
  });

  it('ignores interval time after now', () => {
    const h = history({ intervals: [interval('full_outage', '2025-05-03T13:00Z', '2025-05-03T15:00Z')] });
    expect(h.days[2]).toMatchObject({ uptime: 1, worstImpact: null, incidentIds: [] });
  });

  it('does not count an incident ending exactly at midnight on the next day', () => {
    const h = history({ intervals: [interval('partial_outage', '2025-05-01T20:00Z', '2025-05-02T00:00Z')] });
    expect(h.days[1]).toMatchObject({ uptime: 1, worstImpact: null, incidentIds: [] });
  });

  it('ignores intervals older than the window', () => {
    const h = history({ intervals: [interval('full_outage', '2025-04-20T00:00Z', '2025-05-01T01:00Z')] });
    expect(h.days[0]!.uptime).toBeCloseTo(1 - 1 / 24);
    expect(h.uptime).toBeCloseTo(1 - 1 / 60);
  });

  it('weights the overall uptime by observed time', () => {
    // Today: 6 h full outage out of 12 observed hours; the two full days are clean.
    const h = history({ intervals: [interval('full_outage', '2025-05-03T00:00Z', '2025-05-03T06:00Z')] });
    expect(h.days[2]!.uptime).toBeCloseTo(0.5);
    expect(h.uptime).toBeCloseTo(1 - 6 / 60);
  });

  it('gives the most recent days a figure of their own, weighted alike', () => {
    // 1 May had 6 h of full outage; the last two days (2 and 3 May, 36 h observed) were clean.
    const args = historyArgs({ intervals: [interval('full_outage', '2025-05-01T00:00Z', '2025-05-01T06:00Z')], recentDays: 2 });
    const figures = componentDayFigures(args);
    expect(figures.uptime).toBeCloseTo(1 - 6 / 60);
    expect(figures.recentUptime).toBe(1);
    const today = componentDayFigures({ ...args, intervals: [interval('full_outage', '2025-05-03T00:00Z', '2025-05-03T06:00Z')] });
    expect(today.recentUptime).toBeCloseTo(1 - 6 / 36);
    // Not created before the recent days: nothing observed, no figure.
    expect(componentDayFigures({ ...args, createdAt: at('2025-05-04T00:00Z') }).recentUptime).toBeNull();
  });

  it('keeps uptime within 0 and 1 for a day-long full outage', () => {
    const h = history({ intervals: [interval('full_outage', '2025-04-01T00:00Z', null)] });
    expect(uptimes(h)).toEqual([0, 0, 0]);
    expect(h.uptime).toBe(0);
  });
});

describe('componentHistory: a component’s lifetime', () => {
  it('has no data for days before it was created, and only observed time counts on its first day', () => {
    const h = history({
      createdAt: at('2025-05-03T06:00Z'),
      intervals: [interval('full_outage', '2025-05-03T09:00Z', '2025-05-03T10:00Z')],
    });
    expect(uptimes(h)).toEqual([null, null, expect.closeTo(5 / 6)]);
    expect(h.uptime).toBeCloseTo(5 / 6);
  });

  it('shows a component created 10 days ago with 11 days of history, not 90 of green', () => {
    const h = history({ days: 90, createdAt: at('2025-04-23T15:00Z') });
    const withData = h.days.filter((day) => day.uptime !== null);
    expect(withData).toHaveLength(11);
    expect(withData[0]!.day).toBe('2025-04-23');
    expect(h.days.slice(0, 79).every((day) => day.uptime === null)).toBe(true);
  });

  it('ignores incidents and maintenance from before its creation', () => {
    const h = history({
      createdAt: at('2025-05-02T12:00Z'),
      intervals: [interval('full_outage', '2025-05-01T10:00Z', '2025-05-02T13:00Z')],
      maintenances: [window('2025-05-01T02:00Z', '2025-05-01T04:00Z')],
    });
    expect(h.days[0]).toMatchObject({ uptime: null, worstImpact: null, hadMaintenance: false, incidentIds: [] });
    expect(h.days[1]!.uptime).toBeCloseTo(1 - 1 / 12);
  });

  it('has no overall uptime at all when created just now', () => {
    const h = history({ createdAt: at('2025-05-03T12:00Z') });
    expect(uptimes(h)).toEqual([null, null, null]);
    expect(h.uptime).toBeNull();
  });
});

describe('componentHistory: maintenance', () => {
  it('marks the days a window ran without counting it as downtime', () => {
    const h = history({ maintenances: [window('2025-05-01T22:00Z', '2025-05-02T02:00Z')] });
    expect(h.days.map((day) => day.hadMaintenance)).toEqual([true, true, false]);
    expect(uptimes(h)).toEqual([1, 1, 1]);
  });

  it('ends a window at its early completion or cancellation', () => {
    const completed = history({
      maintenances: [window('2025-05-01T22:00Z', '2025-05-02T02:00Z', { completedAt: at('2025-05-01T23:00Z') })],
    });
    expect(completed.days.map((day) => day.hadMaintenance)).toEqual([true, false, false]);
    const cancelled = history({
      maintenances: [window('2025-05-01T22:00Z', '2025-05-02T02:00Z', { cancelledAt: at('2025-05-01T23:00Z') })],
    });
    expect(cancelled.days.map((day) => day.hadMaintenance)).toEqual([true, false, false]);
  });

  it('ignores a window cancelled before it started, and one that has not started yet', () => {
    const h = history({
      maintenances: [
        window('2025-05-02T10:00Z', '2025-05-02T12:00Z', { cancelledAt: at('2025-05-01T09:00Z') }),
        window('2025-05-03T14:00Z', '2025-05-03T16:00Z'),
      ],
    });
    expect(h.days.map((day) => day.hadMaintenance)).toEqual([false, false, false]);
  });
});

describe('componentDayFigures', () => {
  it('lists only the days with an impact, maintenance or incidents; the other observed days are operational all day', () => {
    const figures = componentDayFigures(
      historyArgs({
        days: 6,
        createdAt: at('2025-04-29T18:00Z'),
        intervals: [
          interval('partial_outage', '2025-04-30T22:00Z', '2025-05-01T02:00Z', 'a'),
          interval('degraded_performance', '2025-05-01T01:00Z', '2025-05-01T03:00Z', 'b'),
        ],
        maintenances: [window('2025-05-03T01:00Z', '2025-05-03T02:00Z')],
      }),
    );
    expect(figures.grid.keys).toEqual(['2025-04-28', '2025-04-29', '2025-04-30', '2025-05-01', '2025-05-02', '2025-05-03']);
    expect([figures.observedFrom, figures.observedTo]).toEqual([1, 6]);
    expect(figures.notableDays).toEqual([
      { index: 2, worstRank: 2, hadMaintenance: false, uptime: expect.closeTo(1 - (0.3 * 2) / 24), incidentIds: ['a'] },
      { index: 3, worstRank: 2, hadMaintenance: false, uptime: expect.closeTo(1 - (0.3 * 2) / 24), incidentIds: ['a', 'b'] },
      { index: 5, worstRank: 0, hadMaintenance: true, uptime: 1, incidentIds: [] },
    ]);
  });

  it('has nothing observed for a component created just now', () => {
    const figures = componentDayFigures(historyArgs({ createdAt: at('2025-05-03T12:00Z') }));
    expect([figures.observedFrom, figures.observedTo, figures.notableDays, figures.uptime]).toEqual([0, 0, [], null]);
  });

  it('is componentHistory without the day objects, for any mix of impacts, maintenance and lifetime', () => {
    const cases: HistoryOverrides[] = [
      {},
      { createdAt: at('2025-05-02T06:00Z'), intervals: [interval('full_outage', '2025-05-01T10:00Z', '2025-05-02T13:00Z')] },
      { intervals: [interval('full_outage', '2025-04-01T00:00Z', null)] },
      {
        days: 10,
        intervals: [
          interval('partial_outage', '2025-04-26T10:00Z', '2025-04-28T01:00Z', 'x'),
          interval('degraded_performance', '2025-04-27T10:00Z', '2025-05-03T11:00Z', 'y'),
          interval('full_outage', '2025-05-03T11:30Z', null, 'z'),
        ],
        maintenances: [
          window('2025-04-25T22:00Z', '2025-04-26T02:00Z'),
          window('2025-05-01T00:00Z', '2025-05-01T02:00Z', { cancelledAt: at('2025-05-01T01:00Z') }),
        ],
      },
      {
        days: 4,
        timeZone: 'America/Santiago',
        now: at('2024-09-09T12:00Z'),
        intervals: [interval('partial_outage', '2024-09-08T02:00Z', '2024-09-08T05:00Z')],
      },
      { createdAt: at('2025-06-01T00:00Z') },
    ];
    for (const overrides of cases) {
      const history = componentHistory(historyArgs(overrides));
      const figures = componentDayFigures(historyArgs(overrides));
      expect(figures.uptime).toBe(history.uptime);
      history.days.forEach((day, index) => {
        const notable = figures.notableDays.find((candidate) => candidate.index === index);
        const observed = index >= figures.observedFrom && index < figures.observedTo;
        expect(day.uptime !== null).toBe(observed);
        if (notable === undefined) {
          expect(day).toMatchObject({ worstImpact: null, hadMaintenance: false, incidentIds: [], uptime: observed ? 1 : null });
        } else {
          expect(day.worstImpact).toBe(
            notable.worstRank === 0 ? null : ['degraded_performance', 'partial_outage', 'full_outage'][notable.worstRank - 1],
          );
          expect([day.hadMaintenance, day.uptime, day.incidentIds]).toEqual([notable.hadMaintenance, notable.uptime, notable.incidentIds]);
        }
      });
    }
  });
});

describe('groupHistory', () => {
  const older = history({ intervals: [interval('partial_outage', '2025-05-02T00:00Z', '2025-05-02T10:00Z', 'a')] });
  const newer = history({
    createdAt: at('2025-05-02T00:00Z'),
    intervals: [interval('degraded_performance', '2025-05-02T01:00Z', '2025-05-02T02:00Z', 'b')],
    maintenances: [window('2025-05-03T01:00Z', '2025-05-03T02:00Z')],
  });

  it('takes per day the worst impact of its members and the mean uptime of those with data', () => {
    const group = groupHistory([older, newer]);
    expect(group.days.map((day) => day.day)).toEqual(['2025-05-01', '2025-05-02', '2025-05-03']);
    expect(uptimes(group)).toEqual([1, expect.closeTo((1 - 3 / 24 + 1) / 2), 1]);
    expect(group.days[1]!.worstImpact).toBe('partial_outage');
    expect(group.days[1]!.incidentIds).toEqual(['a', 'b']);
    expect(group.days.map((day) => day.hadMaintenance)).toEqual([false, false, true]);
    expect(group.uptime).toBeCloseTo(((older.uptime ?? 0) + (newer.uptime ?? 0)) / 2);
  });

  it('has no data on a day none of its members observed', () => {
    const group = groupHistory([newer, history({ createdAt: at('2025-05-03T00:00Z') })]);
    expect(group.days[0]!.uptime).toBeNull();
  });

  it('is empty without members', () => {
    expect(groupHistory([])).toEqual({ days: [], uptime: null });
  });
});

describe('groupUptime', () => {
  it('is exactly the group history’s uptime, members without data left out', () => {
    const members = [
      history({ intervals: [interval('full_outage', '2025-05-02T00:00Z', '2025-05-02T07:00Z', 'a')] }),
      history({
        createdAt: at('2025-05-02T00:00Z'),
        intervals: [interval('partial_outage', '2025-05-02T01:00Z', '2025-05-02T05:00Z', 'b')],
      }),
      history({ createdAt: at('2025-05-09T00:00Z') }),
    ];
    expect(members[2]!.uptime).toBeNull();
    expect(groupUptime(members)).toBe(groupHistory(members).uptime);
    expect(groupUptime(members)).toBe(((members[0]!.uptime ?? 0) + (members[1]!.uptime ?? 0)) / 2);
    expect(groupUptime([members[2]!])).toBeNull();
    expect(groupUptime([])).toBeNull();
  });
});

describe('indexes', () => {
  const incident = (id: string, start: string, impacts: Record<string, Impact>): Incident => ({
    id,
    name: id,
    createdAt: at(start),
    updatedAt: at(start),
    updates: [
      {
        id: `${id}-u`,
        incidentId: id,
        status: 'investigating',
        message: '',
        displayAt: at(start),
        createdAt: at(start),
        impacts: Object.entries(impacts).map(([componentId, impact]) => ({ componentId, impact })),
      },
    ],
  });

  it('indexes intervals by component, ordered by start across incidents', () => {
    const byComponent = intervalsByComponent([
      incident('late', '2025-05-02T10:00Z', { api: 'full_outage' }),
      incident('early', '2025-05-01T10:00Z', { api: 'partial_outage', db: 'degraded_performance' }),
    ]);
    expect(byComponent.get('api')?.map((i) => i.incidentId)).toEqual(['early', 'late']);
    expect(byComponent.get('db')?.map((i) => i.impact)).toEqual(['degraded_performance']);
    expect(byComponent.has('cdn')).toBe(false);
  });

  it('indexes maintenances by component, once each', () => {
    const m = { ...window('2025-05-01T10:00Z', '2025-05-01T11:00Z'), componentIds: ['api', 'db', 'api'] };
    const byComponent = maintenancesByComponent([m]);
    expect(byComponent.get('api')).toEqual([m]);
    expect(byComponent.get('db')).toEqual([m]);
  });
});
