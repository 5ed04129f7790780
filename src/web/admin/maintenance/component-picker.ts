import { defaultPageAmong } from '../../../domain/pages/default-page.js';
import type { Snapshot } from '../../../domain/snapshot.js';

/** One heading of the component picker and the components under it. */
export interface PickerSection {
  heading: string;
  /** Where the heading comes from, said beside it ("on Acme Cloud"), or null. */
  context: string | null;
  components: { id: string; name: string }[];
}

type Structure = Pick<Snapshot, 'pages' | 'groups' | 'components'>;

/**
 * The components as the page structures show them, each once where it first appears: pages in
 * order (the default page first, then by name), each page's groups as headings of their own and its
 * loose components under the page's name; then groups on no page; then every other component
 * (a customer's own, or one on no page), so that any component can be chosen.
 */
export function buildPickerSections(structure: Structure): PickerSection[] {
  const { pages, groups, components } = structure;
  const placed = new Set<string>();
  const sections: PickerSection[] = [];
  const take = (ids: readonly string[]) => {
    const fresh: { id: string; name: string }[] = [];
    for (const id of ids) {
      const component = components.get(id);
      if (component === undefined || placed.has(id)) continue;
      placed.add(id);
      fresh.push({ id, name: component.name });
    }
    return fresh;
  };
  const push = (section: PickerSection) => {
    if (section.components.length > 0) sections.push(section);
  };

  const first = defaultPageAmong(pages.values());
  const ordered = [...pages.values()].sort((a, b) => (a === first ? -1 : b === first ? 1 : a.name.localeCompare(b.name, 'en')));
  const groupsShown = new Set<string>();
  for (const page of ordered) {
    const loose: string[] = [];
    for (const item of page.items) {
      if (item.kind === 'component') {
        loose.push(item.componentId);
        continue;
      }
      const group = groups.get(item.groupId);
      if (group === undefined || groupsShown.has(group.id)) continue;
      groupsShown.add(group.id);
      push({ heading: group.name, context: `on ${page.name}`, components: take(group.componentIds) });
    }
    push({ heading: page.name, context: 'not in a group', components: take(loose) });
  }
  for (const group of groups.values()) {
    if (!groupsShown.has(group.id)) push({ heading: group.name, context: 'on no page', components: take(group.componentIds) });
  }
  const rest = [...components.values()].filter((component) => !placed.has(component.id)).sort((a, b) => a.name.localeCompare(b.name, 'en'));
  push({ heading: 'Other components', context: "on no page's structure", components: take(rest.map((component) => component.id)) });
  return sections;
}
