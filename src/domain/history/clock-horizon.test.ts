import { describe, expect, it } from 'vitest';
import { snapshotWith } from '../../../test/helpers/snapshot-fixtures.js';
import { nextClockChange } from './clock-horizon.js';
import type { Incident } from '../status/incident.js';
import type { Maintenance } from '../status/maintenance.js';
import type { Page } from '../pages/page.js';
import type { Snapshot } from '../snapshot.js';
import { type TimeZoneFormatters, newZoneFormatter } from '../time-zone.js';
import { DEFAULT_BRANDING } from '../pages/page-branding.js';

// Built afresh on every use: the domain keeps no formatters, the caller does.
const zones: TimeZoneFormatters = { formatterFor: newZoneFormatter };

const at = (iso: string): Date => new Date(iso);
const NOW = at('2025-05-01T12:00:00Z');

const page = (id: string, timeZone: string): Page => ({
  id,
  slug: id,
  name: id,
  description: null,
  timeZone,
  branding: DEFAULT_BRANDING,
  isDefault: false,
  kind: 'standalone',
  items: [],
  createdAt: NOW,
  updatedAt: NOW,
});

const maintenance = (start: string, end: string): Maintenance => ({
  id: `m-${start}`,
  name: 'Maintenance',
  description: null,
  componentIds: ['db'],
  scheduledStart: at(start),
  scheduledEnd: at(end),
  completedAt: null,
  cancelledAt: null,
  createdAt: NOW,
  updatedAt: NOW,
  updates: [],
});

const incident = (...displayAts: string[]): Incident => ({
  id: 'inc',
  name: 'Incident',
  createdAt: NOW,
  updatedAt: NOW,
  updates: displayAts.map((displayAt, n) => ({
    id: `u${n}`,
    incidentId: 'inc',
    status: 'investigating',
    message: '',
    displayAt: at(displayAt),
    createdAt: NOW,
    impacts: [],
  })),
});

const snapshot = (pages: Page[], maintenances: Maintenance[] = [], incidents: Incident[] = []): Snapshot =>
  snapshotWith({ loadedAt: NOW, pages: new Map(pages.map((p) => [p.id, p])), incidents, maintenances });

describe('nextClockChange', () => {
  it('is the next local midnight of the page zone', () => {
    expect(nextClockChange(snapshot([page('a', 'Europe/Berlin')]), NOW, zones).toISOString()).toBe('2025-05-01T22:00:00.000Z');
  });

  it('takes the earliest midnight over every page zone', () => {
    const pages = [page('a', 'America/New_York'), page('b', 'Asia/Tokyo'), page('c', 'America/New_York')];
    expect(nextClockChange(snapshot(pages), NOW, zones).toISOString()).toBe('2025-05-01T15:00:00.000Z');
  });

  it('falls back to UTC midnight when there are no pages', () => {
    expect(nextClockChange(snapshot([]), NOW, zones).toISOString()).toBe('2025-05-02T00:00:00.000Z');
  });

  it('includes the next phase change of any maintenance, ignoring finished ones', () => {
    const maintenances = [maintenance('2025-04-01T00:00Z', '2025-04-01T01:00Z'), maintenance('2025-05-01T13:00Z', '2025-05-01T14:00Z')];
    expect(nextClockChange(snapshot([page('a', 'UTC')], maintenances), NOW, zones).toISOString()).toBe('2025-05-01T13:00:00.000Z');
    const inProgress = [maintenance('2025-05-01T11:00Z', '2025-05-01T12:30Z')];
    expect(nextClockChange(snapshot([page('a', 'UTC')], inProgress), NOW, zones).toISOString()).toBe('2025-05-01T12:30:00.000Z');
  });

  it('includes an incident update dated in the future, ignoring past ones', () => {
    const s = snapshot([page('a', 'UTC')], [], [incident('2025-05-01T10:00Z', '2025-05-01T12:05Z')]);
    expect(nextClockChange(s, NOW, zones).toISOString()).toBe('2025-05-01T12:05:00.000Z');
  });

  it('is always strictly after now, even exactly at midnight or at a maintenance edge', () => {
    const midnight = at('2025-05-02T00:00:00Z');
    const s = snapshot([page('a', 'UTC')], [maintenance('2025-05-02T00:00Z', '2025-05-02T06:00Z')]);
    expect(nextClockChange(s, midnight, zones).toISOString()).toBe('2025-05-02T06:00:00.000Z');
  });
});
