import { describe, expect, it } from 'vitest';
import { snapshotWith } from '../../test/helpers/snapshot-fixtures.js';
import type { Component } from '../domain/status/component.js';
import type { Snapshot } from '../domain/snapshot.js';
import { isHistoryMonth } from './history-months.js';

const snapshotFrom = (createdAt: string, firstIncidentStarts = new Map<string, Date>()): Snapshot =>
  snapshotWith({
    loadedAt: new Date('2026-03-20T12:00:00Z'),
    components: new Map([['c1', { id: 'c1', createdAt: new Date(createdAt) } as Component]]),
    firstIncidentStarts,
  });

describe('isHistoryMonth', () => {
  const now = new Date('2026-03-20T12:00:00Z');

  it('takes the months from the oldest data to the current one', () => {
    const snapshot = snapshotFrom('2025-11-15T00:00:00Z');
    for (const month of ['2025-11', '2025-12', '2026-01', '2026-03']) expect(isHistoryMonth(snapshot, month, now), month).toBe(true);
    for (const month of ['1234-05', '2025-10', '2026-04', '9999-12']) expect(isHistoryMonth(snapshot, month, now), month).toBe(false);
  });

  it('reaches back to the oldest incident of all history, beyond the live window', () => {
    const snapshot = snapshotFrom('2025-11-15T00:00:00Z', new Map([['c1', new Date('2024-06-10T00:00:00Z')]]));
    expect(isHistoryMonth(snapshot, '2024-06', now)).toBe(true);
    expect(isHistoryMonth(snapshot, '2024-05', now)).toBe(false);
  });

  it('leaves a day of margin at both ends for the pages’ time zones', () => {
    expect(isHistoryMonth(snapshotFrom('2025-12-01T00:30:00Z'), '2025-11', now)).toBe(true);
    expect(isHistoryMonth(snapshotFrom('2025-12-01T00:30:00Z'), '2025-11', new Date('2026-03-31T22:00:00Z'))).toBe(true);
    expect(isHistoryMonth(snapshotFrom('2025-12-01T00:30:00Z'), '2026-04', new Date('2026-03-31T22:00:00Z'))).toBe(true);
  });
});
