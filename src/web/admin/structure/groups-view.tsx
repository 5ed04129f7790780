import type { Group } from '../../../domain/status/component.js';
import type { ComponentListing } from '../../../store/status/components.js';
import type { GroupListing } from '../../../store/status/groups.js';
import { AdminPage } from '../views/admin-page.js';
import { DataTable } from '../views/data-table.js';
import { ComponentPicker } from './component-picker.js';
import { type ComponentForm, ComponentFields, type ScreenBase, StructureTabs } from './components-view.js';
import { Notice } from '../views/fields.js';
import { ArchiveTabs, ListFilter, NextPage } from './list-controls.js';
import { OrderedList } from './ordered-list.js';

export interface GroupsScreenProps extends ScreenBase {
  items: readonly GroupListing[];
  text: string;
  archived: boolean;
  nextHref: string | null;
  form?: ComponentForm;
}

/** `/admin/groups`: every group by name with its size, searched and paged in the store, and the form to add one. */
export function GroupsScreen(props: GroupsScreenProps) {
  const form = props.form ?? { name: '', description: '', errors: {} };
  return (
    <AdminPage title="Groups" viewer={props.viewer} assets={props.assets} current="components">
      <StructureTabs current="groups" />
      <Notice notice={props.notice} />
      {props.canWrite && (
        <section class="card" aria-labelledby="new-group">
          <h2 id="new-group">New group</h2>
          <form method="post" action="/admin/groups" novalidate>
            <ComponentFields form={form} idPrefix="new-" />
            <button type="submit" class="primary spaced">
              Create group
            </button>
          </form>
        </section>
      )}
      <section class="card" aria-labelledby="groups">
        <h1 id="groups">Groups</h1>
        <ArchiveTabs action="/admin/groups" archived={props.archived} />
        <ListFilter action="/admin/groups" text={props.text} archived={props.archived} noun="groups" />
        <DataTable headings={['Name', 'Components', 'Description']}>
          {props.items.map((group) => (
            <tr>
              <td>
                <a href={`/admin/groups/${encodeURIComponent(group.id)}`}>{group.name}</a>
              </td>
              <td>{group.memberCount}</td>
              <td>{group.description ?? ''}</td>
            </tr>
          ))}
        </DataTable>
        {props.items.length === 0 && <p class="muted">No {props.archived ? 'archived ' : ''}groups match.</p>}
        <NextPage href={props.nextHref} />
      </section>
    </AdminPage>
  );
}

export interface GroupScreenProps extends ScreenBase {
  group: Group;
  archivedAt: Date | null;
  /** The members, archived ones included, by id. */
  members: ReadonlyMap<string, ComponentListing>;
  form?: ComponentForm;
  find: { text: string; matches: readonly ComponentListing[]; error?: string | undefined };
  moved?: { key: string; direction: string } | undefined;
  script?: { src: string; nonce: string } | undefined;
}

/** `/admin/groups/:id`: name and description, the members in order (move, remove, add), archive or restore. */
export function GroupScreen(props: GroupScreenProps) {
  const { group } = props;
  const form = props.form ?? { name: group.name, description: group.description ?? '', errors: {} };
  const base = `/admin/groups/${encodeURIComponent(group.id)}`;
  const entries = group.componentIds.map((id) => {
    const member = props.members.get(id);
    return { key: id, label: member?.name ?? id, ...(member?.archivedAt ? { note: 'archived: hidden' } : {}) };
  });
  return (
    <AdminPage title={group.name} viewer={props.viewer} assets={props.assets} current="components" script={props.script}>
      <p>
        <a href="/admin/groups">All groups</a>
      </p>
      <Notice notice={props.notice} />
      <section class="card" aria-labelledby="group">
        <h1 id="group">{group.name}</h1>
        {props.archivedAt && <p class="lead">Archived: pages that place this group do not show it until it is restored.</p>}
        {props.canWrite ? (
          <form method="post" action={base} novalidate>
            <ComponentFields form={form} idPrefix="" />
            <button type="submit" class="primary spaced">
              Save
            </button>
          </form>
        ) : (
          <p class="lead">{group.description ?? 'No description.'}</p>
        )}
      </section>
      <section class="card" aria-labelledby="members">
        <h2 id="members">Components in this group ({group.componentIds.length})</h2>
        <OrderedList
          entries={entries}
          action={`${base}/members`}
          canWrite={props.canWrite}
          label="Components in order"
          moved={props.moved}
        />
        {props.canWrite && (
          <ComponentPicker
            screen={base}
            addAction={`${base}/members/add`}
            text={props.find.text}
            matches={props.find.matches}
            error={props.find.error}
          />
        )}
      </section>
      {props.canWrite && (
        <section class="card" aria-labelledby="archive">
          <h2 id="archive">{props.archivedAt ? 'Restore' : 'Archive'}</h2>
          <form class="row-form" method="post" action={`${base}/${props.archivedAt ? 'restore' : 'archive'}`}>
            <button type="submit" class={props.archivedAt ? undefined : 'danger'}>
              {props.archivedAt ? 'Restore group' : 'Archive group'}
            </button>
          </form>
        </section>
      )}
    </AdminPage>
  );
}
