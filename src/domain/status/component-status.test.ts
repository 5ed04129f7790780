import { describe, expect, it } from 'vitest';
import { componentStatuses, componentStatusOfImpact, worstComponentStatus } from './component-status.js';
import type { Impact } from './impact.js';
import type { Incident, IncidentStatus, IncidentUpdate } from './incident.js';
import type { Maintenance } from './maintenance.js';

const t = (hhmm: string): Date => new Date(`2025-05-01T${hhmm}:00Z`);
const NOW = t('12:00');

function update(status: IncidentStatus, at: string, impacts: Record<string, Impact | null>): IncidentUpdate {
  return {
    id: `u-${at}`,
    incidentId: 'inc',
    status,
    message: '',
    displayAt: t(at),
    createdAt: t(at),
    impacts: Object.entries(impacts).map(([componentId, impact]) => ({ componentId, impact })),
  };
}
const incident = (id: string, ...updates: IncidentUpdate[]): Incident => ({
  id,
  name: id,
  createdAt: t('00:00'),
  updatedAt: t('00:00'),
  updates,
});

function maintenance(componentIds: string[], start: string, end: string, cancelledAt: string | null = null): Maintenance {
  return {
    id: `m-${start}`,
    name: 'Maintenance',
    description: null,
    componentIds,
    scheduledStart: t(start),
    scheduledEnd: t(end),
    completedAt: null,
    cancelledAt: cancelledAt === null ? null : t(cancelledAt),
    createdAt: t('00:00'),
    updatedAt: t('00:00'),
    updates: [],
  };
}

describe('componentStatuses', () => {
  it('is operational with nothing going on, for every component asked about', () => {
    expect(componentStatuses(['api', 'db'], [], [], NOW)).toEqual(
      new Map([
        ['api', 'operational'],
        ['db', 'operational'],
      ]),
    );
  });

  it('maps each current impact to the status of the same name', () => {
    const i = incident('a', update('investigating', '10:00', { api: 'degraded_performance', db: 'partial_outage', cdn: 'full_outage' }));
    const statuses = componentStatuses(['api', 'db', 'cdn', 'web'], [i], [], NOW);
    expect([...statuses.values()]).toEqual(['degraded_performance', 'partial_outage', 'full_outage', 'operational']);
  });

  it('takes the worst impact over several open incidents', () => {
    const a = incident('a', update('investigating', '10:00', { api: 'partial_outage' }));
    const b = incident('b', update('investigating', '10:30', { api: 'degraded_performance' }));
    const c = incident('c', update('investigating', '10:40', { api: 'full_outage' }), update('resolved', '11:00', {}));
    expect(componentStatuses(['api'], [a, b, c], [], NOW).get('api')).toBe('partial_outage');
  });

  it('forgets the impacts of resolved incidents and impacts already lowered', () => {
    const resolved = incident('a', update('investigating', '10:00', { api: 'full_outage' }), update('resolved', '11:00', {}));
    const lowered = incident('b', update('investigating', '10:00', { db: 'full_outage' }), update('monitoring', '11:00', { db: null }));
    const statuses = componentStatuses(['api', 'db'], [resolved, lowered], [], NOW);
    expect(statuses.get('api')).toBe('operational');
    expect(statuses.get('db')).toBe('operational');
  });

  it('shows under_maintenance only while a window is in progress', () => {
    const windows = [
      maintenance(['db'], '11:00', '13:00'),
      maintenance(['api'], '13:00', '14:00'), // upcoming
      maintenance(['cdn'], '09:00', '10:00'), // over
      maintenance(['web'], '11:00', '13:00', '11:30'), // cancelled mid-way
    ];
    const statuses = componentStatuses(['db', 'api', 'cdn', 'web'], [], windows, NOW);
    expect([...statuses.values()]).toEqual(['under_maintenance', 'operational', 'operational', 'operational']);
  });

  it('lets any incident impact, even degraded, win over maintenance', () => {
    const i = incident('a', update('investigating', '11:30', { db: 'degraded_performance' }));
    expect(componentStatuses(['db'], [i], [maintenance(['db'], '11:00', '13:00')], NOW).get('db')).toBe('degraded_performance');
  });

  it('handles a large page in one pass', () => {
    const ids = Array.from({ length: 500 }, (_, n) => `c${n}`);
    const incidents = Array.from({ length: 50 }, (_, n) =>
      incident(`i${n}`, update('investigating', '10:00', { [`c${n * 10}`]: 'full_outage' })),
    );
    const statuses = componentStatuses(ids, incidents, [maintenance(ids.slice(0, 100), '11:00', '13:00')], NOW);
    expect(statuses.get('c0')).toBe('full_outage');
    expect(statuses.get('c1')).toBe('under_maintenance');
    expect(statuses.get('c499')).toBe('operational');
    expect(statuses.size).toBe(500);
  });
});

describe('worstComponentStatus', () => {
  it('orders operational < under_maintenance < degraded < partial < full', () => {
    expect(worstComponentStatus([])).toBe('operational');
    expect(worstComponentStatus(['operational', 'under_maintenance'])).toBe('under_maintenance');
    expect(worstComponentStatus(['under_maintenance', 'degraded_performance'])).toBe('degraded_performance');
    expect(worstComponentStatus(['full_outage', 'partial_outage', 'operational'])).toBe('full_outage');
  });
  it('maps impacts to statuses by name', () => {
    expect(componentStatusOfImpact('partial_outage')).toBe('partial_outage');
  });
});
