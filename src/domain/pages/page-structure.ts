import type { Group } from '../status/component.js';
import { BeaconError, type FieldIssue } from '../errors.js';
import type { Page, PageItem } from './page.js';

/** Every component on the page in page order, groups expanded, each once. Unknown groups are skipped. */
export function pageComponentIds(page: Page, groups: ReadonlyMap<string, Group>): string[] {
  const ids = new Set<string>();
  for (const item of page.items) {
    if (item.kind === 'component') ids.add(item.componentId);
    else for (const id of groups.get(item.groupId)?.componentIds ?? []) ids.add(id);
  }
  return [...ids];
}

/**
 * Checks a page's structure: every id exists, and no component appears twice (directly or via a group).
 * Throws one `validation` error naming every offending item, e.g. `items[2].component_id`.
 */
export function validatePageItems(items: readonly PageItem[], components: ReadonlySet<string>, groups: ReadonlyMap<string, Group>): void {
  const issues: FieldIssue[] = [];
  const placedAt = new Map<string, number>(); // component id → index of the item that placed it
  const groupsSeen = new Map<string, number>();

  const place = (componentId: string, index: number, path: string, via: string): void => {
    const earlier = placedAt.get(componentId);
    if (earlier === undefined) placedAt.set(componentId, index);
    else issues.push({ path, message: `${via}component ${JSON.stringify(componentId)} is already on the page at items[${earlier}]` });
  };

  items.forEach((item, index) => {
    if (item.kind === 'component') {
      const path = `items[${index}].component_id`;
      if (!components.has(item.componentId)) {
        issues.push({ path, message: `unknown component ${JSON.stringify(item.componentId)}` });
      } else {
        place(item.componentId, index, path, '');
      }
      return;
    }
    const path = `items[${index}].group_id`;
    const group = groups.get(item.groupId);
    const earlierGroup = groupsSeen.get(item.groupId);
    if (group === undefined) {
      issues.push({ path, message: `unknown group ${JSON.stringify(item.groupId)}` });
    } else if (earlierGroup !== undefined) {
      issues.push({ path, message: `group ${JSON.stringify(item.groupId)} is already on the page at items[${earlierGroup}]` });
    } else {
      groupsSeen.set(item.groupId, index);
      for (const id of new Set(group.componentIds)) place(id, index, path, `its `);
    }
  });

  const [first] = issues;
  if (first !== undefined) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    throw new BeaconError('validation', `${first.path}: ${first.message}${more}`, issues);
  }
}
