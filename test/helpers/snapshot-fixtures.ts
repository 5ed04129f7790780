import type { Component, Group } from '../../src/domain/status/component.js';
import type { Impact } from '../../src/domain/status/impact.js';
import type { Incident, IncidentStatus } from '../../src/domain/status/incident.js';
import { incidentComponentIds, incidentStartedAt } from '../../src/domain/status/incident-status.js';
import type { Maintenance } from '../../src/domain/status/maintenance.js';
import type { Page, PageItem } from '../../src/domain/pages/page.js';
import type { Snapshot } from '../../src/domain/snapshot.js';
import { DEFAULT_BRANDING } from '../../src/domain/pages/page-branding.js';

/** Hand-built snapshots for the public page's view model and views, around a fixed `NOW`. */
export const NOW = new Date('2026-03-20T12:00:00Z');
/** Noon UTC (or `hour`) `n` days before `NOW`. */
export const daysAgo = (n: number, hour = 12): Date => new Date(Date.UTC(2026, 2, 20 - n, hour));

export function component(id: string, createdAt = daysAgo(400)): Component {
  return { id, name: `Component ${id}`, description: null, createdAt, updatedAt: createdAt };
}

export function group(id: string, componentIds: string[]): Group {
  return { id, name: `Group ${id}`, description: null, componentIds, createdAt: daysAgo(400), updatedAt: daysAgo(400) };
}

export function page(items: PageItem[], extra: Partial<Page> = {}): Page {
  return {
    id: 'p1',
    slug: 'acme',
    name: 'Acme',
    description: null,
    timeZone: 'UTC',
    branding: DEFAULT_BRANDING,
    isDefault: false,
    kind: 'standalone',
    items,
    createdAt: daysAgo(400),
    updatedAt: daysAgo(400),
    ...extra,
  };
}

export interface Step {
  at: Date;
  status?: IncidentStatus;
  message?: string;
  impacts?: Record<string, Impact | null>;
}

export function incident(id: string, steps: Step[]): Incident {
  return {
    id,
    name: `Incident ${id}`,
    createdAt: steps[0]!.at,
    updatedAt: steps[steps.length - 1]!.at,
    updates: steps.map((step, index) => ({
      id: `${id}-u${index}`,
      incidentId: id,
      status: step.status ?? 'investigating',
      message: step.message ?? `Update ${index}`,
      displayAt: step.at,
      createdAt: step.at,
      impacts: Object.entries(step.impacts ?? {}).map(([componentId, impact]) => ({ componentId, impact })),
    })),
  };
}

export function maintenance(id: string, componentIds: string[], start: Date, end: Date, extra: Partial<Maintenance> = {}): Maintenance {
  return {
    id,
    name: `Maintenance ${id}`,
    description: null,
    componentIds,
    scheduledStart: start,
    scheduledEnd: end,
    completedAt: null,
    cancelledAt: null,
    createdAt: daysAgo(30),
    updatedAt: daysAgo(30),
    updates: [],
    ...extra,
  };
}

/**
 * A complete snapshot, every collection empty unless overridden: what each hand-built snapshot in
 * the tests starts from, so a field added to `Snapshot` is filled here once.
 */
export function snapshotWith(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    revision: 1,
    loadedAt: NOW,
    components: new Map(),
    groups: new Map(),
    pages: new Map(),
    incidents: [],
    maintenances: [],
    firstIncidentStarts: new Map(),
    catalogTypes: new Map(),
    catalogEntries: new Map(),
    subPageSettings: new Map(),
    customerPages: new Map(),
    ...overrides,
  };
}

export function snapshot(parts: {
  components: Component[];
  groups?: Group[];
  pages?: Page[];
  incidents?: Incident[];
  maintenances?: Maintenance[];
}): Snapshot {
  return snapshotWith({
    components: new Map(parts.components.map((c) => [c.id, c])),
    groups: new Map((parts.groups ?? []).map((g) => [g.id, g])),
    pages: new Map((parts.pages ?? []).map((p) => [p.id, p])),
    incidents: parts.incidents ?? [],
    maintenances: parts.maintenances ?? [],
    firstIncidentStarts: firstIncidentStartsOf(parts.incidents ?? []),
  });
}

/** When the earliest of `incidents` naming each component began: what the store's read answers for them. */
export function firstIncidentStartsOf(incidents: readonly Incident[]): Map<string, Date> {
  const starts = new Map<string, Date>();
  for (const incident of incidents) {
    const startedAt = incidentStartedAt(incident);
    for (const id of incidentComponentIds(incident)) {
      const known = starts.get(id);
      if (known === undefined || startedAt < known) starts.set(id, startedAt);
    }
  }
  return starts;
}
