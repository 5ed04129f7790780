import type { CatalogEntry, CatalogType } from '../../src/domain/catalog/catalog.js';
import type { Component, Group } from '../../src/domain/status/component.js';
import type { Impact } from '../../src/domain/status/impact.js';
import type { Incident } from '../../src/domain/status/incident.js';
import type { Maintenance } from '../../src/domain/status/maintenance.js';
import type { Page, PageItem } from '../../src/domain/pages/page.js';
import { type CustomerPageRef, type Snapshot, subPageSettingKey } from '../../src/domain/snapshot.js';
import { NOW, firstIncidentStartsOf, snapshotWith } from './snapshot-fixtures.js';
import { DEFAULT_BRANDING } from '../../src/domain/pages/page-branding.js';

/** Hand-built snapshots for the generated page kinds (sub-pages, customer pages), around the same `NOW`. */
export { NOW };
const LONG_AGO = new Date('2025-01-01T00:00:00Z');

export const component = (id: string): Component => ({
  id,
  name: `Component ${id}`,
  description: null,
  createdAt: LONG_AGO,
  updatedAt: LONG_AGO,
});

export const group = (id: string, componentIds: string[]): Group => ({
  id,
  name: `Group ${id}`,
  description: null,
  componentIds,
  createdAt: LONG_AGO,
  updatedAt: LONG_AGO,
});

export const single = (componentId: string, showUptime = true): PageItem => ({ kind: 'component', componentId, showUptime });
export const placed = (groupId: string, showUptime = true): PageItem => ({ kind: 'group', groupId, showUptime });

export function page(id: string, items: PageItem[], extra: Partial<Page> = {}): Page {
  return {
    id,
    slug: id,
    name: `Page ${id}`,
    description: null,
    timeZone: 'UTC',
    branding: DEFAULT_BRANDING,
    isDefault: false,
    kind: 'standalone',
    items,
    createdAt: LONG_AGO,
    updatedAt: LONG_AGO,
    ...extra,
  };
}

export const parentPage = (id: string, items: PageItem[], typeId = 'region', attributeId = 'components'): Page =>
  page(id, items, { kind: 'parent', binding: { kind: 'parent', catalogTypeId: typeId, componentAttributeId: attributeId } });

export const customerSet = (id: string, items: PageItem[], typeId = 'customer'): Page =>
  page(id, items, {
    kind: 'customer_set',
    binding: { kind: 'customer_set', catalogTypeId: typeId, allowlistAttributeId: 'domains', componentAttributeId: 'components' },
  });

export const catalogType = (id: string): CatalogType => ({
  id,
  name: id,
  description: null,
  attributes: [
    { id: 'components', name: 'Components', kind: 'component', isList: true },
    { id: 'domains', name: 'Domains', kind: 'email_domain', isList: true },
  ],
});

export function entry(id: string, typeId: string, values: CatalogEntry['values'], extra: Partial<CatalogEntry> = {}): CatalogEntry {
  return { id, typeId, name: `Entry ${id}`, externalId: id, aliases: [], rank: 0, values, slug: id, ...extra };
}

/** An incident opened a day ago with these impacts, still open unless `resolved`. */
export function incident(id: string, impacts: Record<string, Impact>, resolved = false): Incident {
  const at = new Date(NOW.getTime() - 86_400_000);
  const update = (suffix: string, status: 'investigating' | 'resolved', when: Date, withImpacts: Record<string, Impact | null>) => ({
    id: `${id}-${suffix}`,
    incidentId: id,
    status,
    message: status,
    displayAt: when,
    createdAt: when,
    impacts: Object.entries(withImpacts).map(([componentId, impact]) => ({ componentId, impact })),
  });
  const updates = [update('u0', 'investigating', at, impacts)];
  if (resolved) {
    const end = new Date(at.getTime() + 3_600_000);
    updates.push(update('u1', 'resolved', end, Object.fromEntries(Object.keys(impacts).map((key) => [key, null]))));
  }
  return { id, name: `Incident ${id}`, createdAt: at, updatedAt: at, updates };
}

export interface SnapshotParts {
  components?: Component[];
  groups?: Group[];
  pages?: Page[];
  incidents?: Incident[];
  maintenances?: Maintenance[];
  types?: CatalogType[];
  entries?: CatalogEntry[];
  disabled?: { pageId: string; entryId: string }[];
  customerPages?: CustomerPageRef[];
}

export function buildSnapshot(parts: SnapshotParts): Snapshot {
  return snapshotWith({
    components: new Map((parts.components ?? []).map((c) => [c.id, c])),
    groups: new Map((parts.groups ?? []).map((g) => [g.id, g])),
    pages: new Map((parts.pages ?? []).map((p) => [p.id, p])),
    incidents: parts.incidents ?? [],
    maintenances: parts.maintenances ?? [],
    firstIncidentStarts: firstIncidentStartsOf(parts.incidents ?? []),
    catalogTypes: new Map((parts.types ?? []).map((t) => [t.id, t])),
    catalogEntries: new Map((parts.entries ?? []).map((e) => [e.id, e])),
    subPageSettings: new Map(
      (parts.disabled ?? []).map(({ pageId, entryId }) => [subPageSettingKey(pageId, entryId), { pageId, entryId, disabled: true }]),
    ),
    customerPages: new Map((parts.customerPages ?? []).map((ref) => [ref.urlToken, ref])),
  });
}
