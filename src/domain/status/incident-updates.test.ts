import { describe, expect, it } from 'vitest';
import { incident, update as updateWithImpacts } from '../../../test/helpers/incident-fixtures.js';
import { BeaconError } from '../errors.js';
import type { IncidentStatus, IncidentUpdate } from './incident.js';
import { compareUpdates, orderedUpdates, timelineEnds } from './incident-updates.js';

/** An update without impacts, written at `createdAt`. */
const update = (status: IncidentStatus, at: string, createdAt = at): IncidentUpdate => updateWithImpacts(status, at, {}, createdAt);

describe('compareUpdates', () => {
  it('orders by displayAt, then createdAt', () => {
    expect(compareUpdates(update('investigating', '10:00'), update('resolved', '11:00'))).toBeLessThan(0);
    expect(compareUpdates(update('investigating', '11:00', '11:00'), update('resolved', '10:00', '12:00'))).toBeGreaterThan(0);
    expect(compareUpdates(update('investigating', '10:00', '10:05'), update('resolved', '10:00', '10:01'))).toBeGreaterThan(0);
    expect(compareUpdates(update('investigating', '10:00'), update('resolved', '10:00'))).toBe(0);
  });
});

describe('orderedUpdates', () => {
  it('returns the very same array when already in order', () => {
    const sorted = incident(update('investigating', '10:00'), update('resolved', '11:00'));
    expect(orderedUpdates(sorted)).toBe(sorted.updates);
  });

  it('returns a sorted copy otherwise, leaving the incident untouched', () => {
    const unsorted = incident(
      update('resolved', '11:00'),
      update('identified', '10:00', '10:30'),
      update('investigating', '10:00', '10:10'),
    );
    expect(orderedUpdates(unsorted).map((u) => u.status)).toEqual(['investigating', 'identified', 'resolved']);
    expect(unsorted.updates.map((u) => u.status)).toEqual(['resolved', 'identified', 'investigating']);
  });
});

describe('timelineEnds', () => {
  it('gives the first and latest updates in timeline order', () => {
    const i = incident(update('resolved', '11:00'), update('investigating', '09:00'), update('identified', '10:00'));
    const { first, latest } = timelineEnds(i);
    expect(first.status).toBe('investigating');
    expect(latest.status).toBe('resolved');
  });

  it('gives the same update twice for a single-update incident', () => {
    const only = update('investigating', '10:00');
    expect(timelineEnds(incident(only))).toEqual({ first: only, latest: only });
  });

  it('throws for an incident with no updates', () => {
    expect(() => timelineEnds(incident())).toThrow(BeaconError);
  });
});
