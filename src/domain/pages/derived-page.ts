import type { Group } from '../status/component.js';
import type { Page, PageItem } from './page.js';
import type { Snapshot } from '../snapshot.js';

/**
 * A page generated from the catalog (a sub-page, a parent's view, a customer page), ready for the
 * ordinary renderer: `render…(derived.snapshot, derived.page, now)`. `snapshot` is the loaded one with
 * the groups this page shows only in part narrowed to the members it carries (and any group made for
 * it added), so the page shows, and its incidents touch, exactly `componentIds`.
 */
export interface DerivedPage {
  page: Page;
  snapshot: Snapshot;
  /** Every component the page shows, in page order. */
  componentIds: string[];
}

export interface FilteredStructure {
  items: PageItem[];
  /** Copies of the groups the items keep only in part, with the members kept. */
  narrowedGroups: Group[];
  componentIds: string[];
}

/**
 * `items` cut down to the components in `keep`: single components stay when kept; a group stays with
 * its kept members in its own order, and goes when none is kept. Each kept component the structure
 * does not place is then appended as a single component with an uptime bar, in `keep`'s order.
 * Components missing from `snapshot` are left out; none is placed twice.
 *
 * @example filterStructure(snapshot, parent.items, entryComponentIds)
 */
export function filterStructure(snapshot: Snapshot, items: readonly PageItem[], keep: readonly string[]): FilteredStructure {
  const wanted = new Set(keep.filter((id) => snapshot.components.has(id)));
  const placed = new Set<string>();
  const result: FilteredStructure = { items: [], narrowedGroups: [], componentIds: [] };
  const place = (id: string): void => {
    placed.add(id);
    result.componentIds.push(id);
  };

  for (const item of items) {
    if (item.kind === 'component') {
      if (!wanted.has(item.componentId) || placed.has(item.componentId)) continue;
      place(item.componentId);
      result.items.push({ kind: 'component', componentId: item.componentId, showUptime: item.showUptime });
      continue;
    }
    const group = snapshot.groups.get(item.groupId);
    if (!group) continue;
    const members = [...new Set(group.componentIds)].filter((id) => wanted.has(id) && !placed.has(id));
    if (members.length === 0) continue;
    members.forEach(place);
    result.items.push({ kind: 'group', groupId: group.id, showUptime: item.showUptime });
    if (members.length !== group.componentIds.length) result.narrowedGroups.push({ ...group, componentIds: members });
  }

  for (const id of wanted) {
    if (placed.has(id)) continue;
    place(id);
    result.items.push({ kind: 'component', componentId: id, showUptime: true });
  }
  return result;
}

/** `snapshot` with `groups` replacing (or added beside) its groups of the same ids; itself when there are none. */
export function withGroups(snapshot: Snapshot, groups: readonly Group[]): Snapshot {
  if (groups.length === 0) return snapshot;
  const merged = new Map(snapshot.groups);
  for (const group of groups) merged.set(group.id, group);
  return { ...snapshot, groups: merged };
}

/** The components of `items` that exist in `snapshot`, in page order, groups expanded, each once. */
export function structureComponentIds(snapshot: Snapshot, items: readonly PageItem[]): string[] {
  const ids = new Set<string>();
  for (const item of items) {
    const members = item.kind === 'component' ? [item.componentId] : (snapshot.groups.get(item.groupId)?.componentIds ?? []);
    for (const id of members) if (snapshot.components.has(id)) ids.add(id);
  }
  return [...ids];
}
