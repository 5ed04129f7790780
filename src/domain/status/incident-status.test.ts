import { describe, expect, it } from 'vitest';
import { incident, t, update } from '../../../test/helpers/incident-fixtures.js';
import { BeaconError } from '../errors.js';
import {
  currentImpacts,
  incidentComponentIds,
  incidentResolvedAt,
  incidentStartedAt,
  incidentStatus,
  incidentWorstImpact,
  isIncidentOpen,
} from './incident-status.js';

describe('incident status and dates', () => {
  const reopened = incident(
    update('investigating', '10:00', { api: 'full_outage' }),
    update('monitoring', '10:30', { api: 'degraded_performance' }),
    update('resolved', '11:00'),
    update('identified', '12:00', { db: 'partial_outage' }),
  );

  it('takes the status of the latest update', () => {
    expect(incidentStatus(reopened)).toBe('identified');
    expect(isIncidentOpen(reopened)).toBe(true);
    expect(incidentResolvedAt(reopened)).toBeNull();
  });

  it('is resolved, with its resolution time, when the latest update says so', () => {
    const resolved = incident(update('investigating', '10:00'), update('resolved', '11:15'));
    expect(incidentStatus(resolved)).toBe('resolved');
    expect(isIncidentOpen(resolved)).toBe(false);
    expect(incidentResolvedAt(resolved)).toEqual(t('11:15'));
  });

  it('allows any order of statuses: monitoring straight after investigating, back to investigating', () => {
    const i = incident(update('investigating', '10:00'), update('monitoring', '10:10'), update('investigating', '10:20'));
    expect(incidentStatus(i)).toBe('investigating');
  });

  it('starts at the first update, moved earlier by a back-dated one', () => {
    expect(incidentStartedAt(reopened)).toEqual(t('10:00'));
    const backDated = incident(update('investigating', '10:00'), update('investigating', '09:40', {}, '10:20'));
    expect(incidentStartedAt(backDated)).toEqual(t('09:40'));
    expect(incidentStatus(backDated)).toBe('investigating');
  });

  it('uses the timeline, not storage order, for the latest update', () => {
    // Stored in arrival order: the resolution arrived first, a back-dated note second.
    const i = incident(update('resolved', '11:00', {}, '11:00'), update('identified', '10:30', {}, '11:05'));
    expect(incidentStatus(i)).toBe('resolved');
    expect(incidentResolvedAt(i)).toEqual(t('11:00'));
  });

  it('breaks displayAt ties by createdAt', () => {
    const i = incident(update('resolved', '11:00', {}, '11:02'), update('identified', '11:00', {}, '11:01'));
    expect(incidentStatus(i)).toBe('resolved');
  });

  it('refuses an incident without updates, which the store must never produce', () => {
    const empty = incident();
    expect(() => incidentStatus(empty)).toThrow(BeaconError);
    expect(() => incidentStartedAt(empty)).toThrow(/has no updates/);
  });
});

describe('incident impacts', () => {
  it('finds the worst impact ever set, even after it was lowered', () => {
    const i = incident(
      update('investigating', '10:00', { api: 'degraded_performance' }),
      update('identified', '10:10', { db: 'full_outage' }),
      update('monitoring', '10:20', { db: 'degraded_performance' }),
    );
    expect(incidentWorstImpact(i)).toBe('full_outage');
  });

  it('has no worst impact when nothing was ever impacted', () => {
    expect(incidentWorstImpact(incident(update('investigating', '10:00', { api: null })))).toBeNull();
  });

  it('ignores impacts written on a resolved update, as the intervals do', () => {
    const i = incident(
      update('investigating', '10:00', { api: 'degraded_performance' }),
      update('resolved', '11:00', { api: 'full_outage' }),
    );
    expect(incidentWorstImpact(i)).toBe('degraded_performance');
  });

  it('gives the impacts in force after the latest update', () => {
    const i = incident(
      update('investigating', '10:00', { api: 'full_outage', db: 'partial_outage', cdn: 'degraded_performance' }),
      update('identified', '10:30', { api: 'degraded_performance', cdn: null }),
    );
    expect(currentImpacts(i)).toEqual(
      new Map([
        ['api', 'degraded_performance'],
        ['db', 'partial_outage'],
      ]),
    );
  });

  it('has no current impacts once resolved, and only the new ones after reopening', () => {
    const resolved = incident(update('investigating', '10:00', { api: 'full_outage' }), update('resolved', '11:00'));
    expect(currentImpacts(resolved).size).toBe(0);
    const reopened = incident(...resolved.updates, update('investigating', '12:00', { db: 'partial_outage' }));
    expect(currentImpacts(reopened)).toEqual(new Map([['db', 'partial_outage']]));
  });

  it('lists every mentioned component once, in order of first mention on the timeline', () => {
    const i = incident(
      update('identified', '10:30', { db: 'partial_outage', api: null }, '10:31'),
      update('investigating', '10:00', { cdn: 'degraded_performance' }, '10:45'),
      update('resolved', '11:00', { web: null }),
    );
    expect(incidentComponentIds(i)).toEqual(['cdn', 'db', 'api', 'web']);
  });
});
