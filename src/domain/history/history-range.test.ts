import { describe, expect, it } from 'vitest';
import { snapshotWith } from '../../../test/helpers/snapshot-fixtures.js';
import type { Component } from '../status/component.js';
import { historyMonthRange, isPageHistoryMonth } from './history-range.js';
import type { Page } from '../pages/page.js';
import type { Snapshot } from '../snapshot.js';
import { type TimeZoneFormatters, newZoneFormatter } from '../time-zone.js';
import { DEFAULT_BRANDING } from '../pages/page-branding.js';

// Built afresh on every use: the domain keeps no formatters, the caller does.
const zones: TimeZoneFormatters = { formatterFor: newZoneFormatter };

const NOW = new Date('2026-03-20T12:00:00Z');
const component = (id: string, createdAt: string) => ({ id, createdAt: new Date(createdAt) }) as Component;
const page = (componentIds: string[], timeZone = 'Europe/Berlin'): Page => ({
  id: 'p',
  slug: 'p',
  name: 'P',
  description: null,
  timeZone,
  branding: DEFAULT_BRANDING,
  isDefault: false,
  kind: 'standalone',
  items: componentIds.map((componentId) => ({ kind: 'component', componentId, showUptime: true })),
  createdAt: NOW,
  updatedAt: NOW,
});
const snapshot: Snapshot = snapshotWith({
  loadedAt: NOW,
  components: new Map([
    ['old', component('old', '2024-01-10T00:00:00Z')],
    ['new', component('new', '2025-10-31T23:30:00Z')],
    ['incident', component('incident', '2026-01-05T00:00:00Z')],
  ]),
  // Backfilled history: an incident older than its component's record.
  firstIncidentStarts: new Map([['incident', new Date('2025-06-02T00:00:00Z')]]),
});

describe('historyMonthRange', () => {
  it('runs from the month the page’s own history begins (in its zone) to the current month', () => {
    expect(historyMonthRange(snapshot, page(['new']), NOW, zones)).toEqual({ first: '2025-11', last: '2026-03' });
    expect(historyMonthRange(snapshot, page(['new'], 'UTC'), NOW, zones)).toEqual({ first: '2025-10', last: '2026-03' });
    expect(historyMonthRange(snapshot, page(['new', 'incident']), NOW, zones)).toEqual({ first: '2025-06', last: '2026-03' });
    expect(historyMonthRange(snapshot, page(['old', 'new']), NOW, zones)).toEqual({ first: '2024-01', last: '2026-03' });
    expect(historyMonthRange(snapshot, page([]), NOW, zones)).toEqual({ first: '2026-03', last: '2026-03' });
  });

  it('refuses months before that, after the current one, and junk, however well formed', () => {
    const shown = page(['new']);
    for (const month of ['2025-11', '2026-01', '2026-03']) expect(isPageHistoryMonth(snapshot, shown, month, NOW, zones), month).toBe(true);
    // 2024-01 holds another page's history, not this one's.
    for (const month of ['0001-01', '1000-06', '2024-01', '2025-10', '2026-04', '9999-12', '2026-3', '2026-13']) {
      expect(isPageHistoryMonth(snapshot, shown, month, NOW, zones), month).toBe(false);
    }
  });
});
