import { describe, expect, it } from 'vitest';
import { incident, t, update } from '../../../test/helpers/incident-fixtures.js';
import { impactIntervals } from './impact-intervals.js';
import type { Incident } from '../status/incident.js';

/** Compact view: "component impact start-end" with end "…" while open. */
const summary = (i: Incident): string[] =>
  impactIntervals(i).map(
    ({ componentId, impact, start, end }) =>
      `${componentId} ${impact} ${start.toISOString().slice(11, 16)}-${end?.toISOString().slice(11, 16) ?? '…'}`,
  );

describe('impactIntervals', () => {
  it('is empty when no update sets an impact', () => {
    expect(impactIntervals(incident(update('investigating', '10:00'), update('resolved', '11:00')))).toEqual([]);
  });

  it('opens an interval at the update that sets an impact and keeps it open until something ends it', () => {
    expect(impactIntervals(incident(update('investigating', '10:00', { api: 'partial_outage' })))).toEqual([
      { incidentId: 'inc', componentId: 'api', impact: 'partial_outage', start: t('10:00'), end: null },
    ]);
  });

  it('splits the interval when the impact changes and leaves unmentioned components alone', () => {
    const i = incident(
      update('investigating', '10:00', { api: 'degraded_performance', db: 'full_outage' }),
      update('identified', '10:30', { api: 'full_outage' }),
      update('monitoring', '11:00', { api: 'degraded_performance' }),
    );
    expect(summary(i)).toEqual([
      'api degraded_performance 10:00-10:30',
      'db full_outage 10:00-…',
      'api full_outage 10:30-11:00',
      'api degraded_performance 11:00-…',
    ]);
  });

  it('does not split when an update repeats the same impact', () => {
    const i = incident(
      update('investigating', '10:00', { api: 'partial_outage' }),
      update('identified', '10:30', { api: 'partial_outage' }),
      update('resolved', '11:00'),
    );
    expect(summary(i)).toEqual(['api partial_outage 10:00-11:00']);
  });

  it('ends a component interval on null, while the others go on', () => {
    const i = incident(
      update('investigating', '10:00', { api: 'partial_outage', db: 'partial_outage' }),
      update('monitoring', '10:45', { api: null }),
    );
    expect(summary(i)).toEqual(['api partial_outage 10:00-10:45', 'db partial_outage 10:00-…']);
  });

  it('ignores null for a component that has no impact', () => {
    expect(summary(incident(update('investigating', '10:00', { api: null })))).toEqual([]);
  });

  it('ends every open interval when resolved, without applying the resolved update’s own impacts', () => {
    const i = incident(
      update('investigating', '10:00', { api: 'full_outage', db: 'degraded_performance' }),
      update('resolved', '12:00', { cdn: 'full_outage' }),
    );
    expect(summary(i)).toEqual(['api full_outage 10:00-12:00', 'db degraded_performance 10:00-12:00']);
  });

  it('reopens with only the impacts the reopening update sets', () => {
    const i = incident(
      update('investigating', '10:00', { api: 'full_outage', db: 'partial_outage' }),
      update('resolved', '11:00'),
      update('investigating', '13:00', { db: 'degraded_performance' }),
      update('identified', '13:30'),
    );
    expect(summary(i)).toEqual(['api full_outage 10:00-11:00', 'db partial_outage 10:00-11:00', 'db degraded_performance 13:00-…']);
  });

  it('follows displayAt, not the order in which updates were written (back-dating)', () => {
    // The outage was posted at 10:30 but back-dated to 09:50, after an earlier update already existed.
    const i = incident(
      update('identified', '10:00', { api: 'partial_outage' }, '10:00'),
      update('investigating', '09:50', { api: 'full_outage' }, '10:30'),
      update('resolved', '11:00', {}, '11:00'),
    );
    expect(summary(i)).toEqual(['api full_outage 09:50-10:00', 'api partial_outage 10:00-11:00']);
  });

  it('orders updates sharing a displayAt by createdAt, and drops the zero-length interval between them', () => {
    const i = incident(
      update('identified', '10:00', { api: 'partial_outage' }, '10:05'),
      update('investigating', '10:00', { api: 'full_outage' }, '10:01'),
    );
    expect(summary(i)).toEqual(['api partial_outage 10:00-…']);
  });

  it('drops an interval resolved at the instant it began', () => {
    const i = incident(update('investigating', '10:00', { api: 'full_outage' }), update('resolved', '10:00', {}, '10:01'));
    expect(impactIntervals(i)).toEqual([]);
  });

  it('lets the last mention win when one update names a component twice', () => {
    const i = incident(update('investigating', '10:00', { api: 'full_outage' }));
    i.updates[0]!.impacts.push({ componentId: 'api', impact: 'degraded_performance' });
    expect(summary(i)).toEqual(['api degraded_performance 10:00-…']);
  });

  it('does not reorder the caller’s updates', () => {
    const updates = [update('resolved', '11:00', {}, '11:00'), update('investigating', '10:00', { api: 'full_outage' })];
    impactIntervals(incident(...updates));
    expect(updates.map((u) => u.status)).toEqual(['resolved', 'investigating']);
  });

  it('tags every interval with the incident id', () => {
    const i = { ...incident(update('investigating', '10:00', { api: 'full_outage' })), id: 'other' };
    expect(impactIntervals(i)[0]?.incidentId).toBe('other');
  });
});
