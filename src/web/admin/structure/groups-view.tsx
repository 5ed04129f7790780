import type { Group } from '../../../domain/status/component.js';
import type { ComponentListing } from '../../../store/status/components.js';
import type { GroupListing } from '../../../store/status/groups.js';
import { type ArchivableKind, ArchivableItem, ArchivableList, type ItemScreenProps, type ListScreenProps } from './archivable-view.js';
import { ComponentPicker } from './component-picker.js';
import { OrderedList } from './ordered-list.js';

export const GROUPS: ArchivableKind = { path: '/admin/groups', one: 'group', many: 'groups', title: 'Groups' };

/** `/admin/groups`: every group by name with its size, searched and paged in the store, and the form to add one. */
export const GroupsScreen = (props: ListScreenProps<GroupListing>) => (
  <ArchivableList
    {...props}
    kind={GROUPS}
    headings={['Components', 'Description']}
    cells={(group) => (
      <>
        <td>{group.memberCount}</td>
        <td>{group.description ?? ''}</td>
      </>
    )}
  />
);

export interface GroupScreenProps extends ItemScreenProps {
  group: Group;
  archivedAt: Date | null;
  /** The members, archived ones included, by id. */
  members: ReadonlyMap<string, ComponentListing>;
  find: { text: string; matches: readonly ComponentListing[]; error?: string | undefined };
  moved?: { key: string; direction: string } | undefined;
}

/** `/admin/groups/:id`: name and description, the members in order (move, remove, add), archive or restore. */
export function GroupScreen({ group, members, find, moved, ...props }: GroupScreenProps) {
  const base = `${GROUPS.path}/${encodeURIComponent(group.id)}`;
  const entries = group.componentIds.map((id) => {
    const member = members.get(id);
    return { key: id, label: member?.name ?? id, ...(member?.archivedAt ? { note: 'archived: hidden' } : {}) };
  });
  return (
    <ArchivableItem
      {...props}
      kind={GROUPS}
      item={group}
      archivedLead="Archived: pages that place this group do not show it until it is restored."
    >
      <section class="card" aria-labelledby="members">
        <h2 id="members">Components in this group ({group.componentIds.length})</h2>
        <OrderedList entries={entries} action={`${base}/members`} canWrite={props.canWrite} label="Components in order" moved={moved} />
        {props.canWrite && (
          <ComponentPicker screen={base} addAction={`${base}/members/add`} text={find.text} matches={find.matches} error={find.error} />
        )}
      </section>
    </ArchivableItem>
  );
}
