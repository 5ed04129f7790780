import { describe, expect, it } from 'vitest';
import type { Maintenance } from '../../../domain/status/maintenance.js';
import { buildCalendarMonth, shiftMonth } from './calendar-month.js';

const window = (id: string, start: string, end: string, extra: Partial<Maintenance> = {}): Maintenance => ({
  id,
  name: id,
  description: null,
  componentIds: [],
  scheduledStart: new Date(start),
  scheduledEnd: new Date(end),
  completedAt: null,
  cancelledAt: null,
  createdAt: new Date(start),
  updatedAt: new Date(start),
  updates: [],
  ...extra,
});

const daysOf = (month: ReturnType<typeof buildCalendarMonth>, id: string) =>
  month.weeks.flat().flatMap((day) => (day.windows.some((w) => w.id === id) ? [day.key] : []));

describe('calendar month', () => {
  it('lays whole weeks from Monday, the neighbouring months greyed', () => {
    const march = buildCalendarMonth('2026-03', 'Europe/Berlin', []);
    expect(march.weeks).toHaveLength(6);
    expect(march.weeks[0]!.map((d) => [d.key, d.inMonth])[6]).toEqual(['2026-03-01', true]);
    expect(march.weeks[0]![0]!.key).toBe('2026-02-23');
    expect(march.weeks[5]![6]!.key).toBe('2026-04-05');
    expect([march.previous, march.next, shiftMonth('2026-01', -1), shiftMonth('2026-12', 1)]).toEqual([
      '2026-02',
      '2026-04',
      '2025-12',
      '2027-01',
    ]);
  });

  it('puts a window across a month boundary on both months, on local days of the chosen zone', () => {
    // 23:30 UTC on 31 Jan is already 1 Feb in Berlin; it ends 02:00 UTC on 1 Feb.
    const late = window('late', '2026-01-31T23:30:00Z', '2026-02-01T02:00:00Z');
    expect(daysOf(buildCalendarMonth('2026-01', 'UTC', [late]), 'late')).toEqual(['2026-01-31', '2026-02-01']);
    expect(daysOf(buildCalendarMonth('2026-02', 'Europe/Berlin', [late]), 'late')).toEqual(['2026-02-01']);
    expect(daysOf(buildCalendarMonth('2026-01', 'Europe/Berlin', [late]), 'late')).toEqual(['2026-02-01']);
    expect(daysOf(buildCalendarMonth('2026-01', 'America/New_York', [late]), 'late')).toEqual(['2026-01-31']);
  });

  it('keeps local days right across a DST change: a 23-hour day and the day after it', () => {
    // Europe/Berlin springs forward on 29 March 2026: that day runs 23:00 UTC 28 Mar to 22:00 UTC 29 Mar.
    const lastHour = window('last-hour', '2026-03-29T21:00:00Z', '2026-03-29T22:00:00Z');
    const nextMidnight = window('next-midnight', '2026-03-29T22:00:00Z', '2026-03-29T22:30:00Z');
    const march = buildCalendarMonth('2026-03', 'Europe/Berlin', [lastHour, nextMidnight]);
    expect(daysOf(march, 'last-hour')).toEqual(['2026-03-29']);
    expect(daysOf(march, 'next-midnight')).toEqual(['2026-03-30']);
  });

  it('stops a window at its early completion and leaves out a cancelled one', () => {
    const early = window('early', '2026-05-04T10:00:00Z', '2026-05-08T10:00:00Z', { completedAt: new Date('2026-05-05T00:00:00Z') });
    const cancelled = window('cancelled', '2026-05-04T10:00:00Z', '2026-05-05T10:00:00Z', {
      cancelledAt: new Date('2026-05-01T00:00:00Z'),
    });
    const may = buildCalendarMonth('2026-05', 'UTC', [early, cancelled]);
    expect(daysOf(may, 'early')).toEqual(['2026-05-04']);
    expect(daysOf(may, 'cancelled')).toEqual([]);
  });
});
