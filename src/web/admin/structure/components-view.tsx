import type { ComponentListing } from '../../../store/status/components.js';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { DataTable } from '../views/data-table.js';
import { Notice, TextArea, TextField } from '../views/fields.js';
import { ArchiveTabs, ListFilter, NextPage } from './list-controls.js';

/** A component form as sent, with what was wrong with it. */
export interface ComponentForm {
  name: string;
  description: string;
  errors: { name?: string; description?: string };
}

export interface ScreenBase {
  viewer: AdminViewer;
  assets: AuthAssets;
  /** STF-3: whether the role may change these; the server checks again on every POST. */
  canWrite: boolean;
  notice?: { text: string; error?: boolean } | undefined;
}

/** Links between the two halves of the Components screen. */
export function StructureTabs({ current }: { current: 'components' | 'groups' }) {
  return (
    <nav class="tabs" aria-label="Components and groups">
      <a href="/admin/components" aria-current={current === 'components' ? 'page' : undefined}>
        Components
      </a>
      <a href="/admin/groups" aria-current={current === 'groups' ? 'page' : undefined}>
        Groups
      </a>
    </nav>
  );
}

export function ComponentFields({ form, idPrefix }: { form: ComponentForm; idPrefix: string }) {
  return (
    <>
      <TextField id={`${idPrefix}name`} name="name" label="Name" value={form.name} error={form.errors.name} maxlength={200} required />
      <TextArea
        id={`${idPrefix}description`}
        name="description"
        label="Description (optional)"
        value={form.description}
        error={form.errors.description}
        maxlength={2000}
      />
    </>
  );
}

export interface ComponentsScreenProps extends ScreenBase {
  items: readonly ComponentListing[];
  text: string;
  archived: boolean;
  nextHref: string | null;
  form?: ComponentForm;
}

/** `/admin/components`: every component by name, searched and paged in the store, with the form to add one. */
export function ComponentsScreen(props: ComponentsScreenProps) {
  const form = props.form ?? { name: '', description: '', errors: {} };
  return (
    <AdminPage title="Components" viewer={props.viewer} assets={props.assets} current="components">
      <StructureTabs current="components" />
      <Notice notice={props.notice} />
      {props.canWrite && (
        <section class="card" aria-labelledby="new-component">
          <h2 id="new-component">New component</h2>
          <form method="post" action="/admin/components" novalidate>
            <ComponentFields form={form} idPrefix="new-" />
            <button type="submit" class="primary spaced">
              Create component
            </button>
          </form>
        </section>
      )}
      <section class="card" aria-labelledby="components">
        <h1 id="components">Components</h1>
        <ArchiveTabs action="/admin/components" archived={props.archived} />
        <ListFilter action="/admin/components" text={props.text} archived={props.archived} noun="components" />
        <DataTable headings={['Name', 'Description', 'Changed']}>
          {props.items.map((component) => (
            <tr>
              <td>
                <a href={`/admin/components/${encodeURIComponent(component.id)}`}>{component.name}</a>
              </td>
              <td>{component.description ?? ''}</td>
              <td>{component.updatedAt.toISOString().slice(0, 10)}</td>
            </tr>
          ))}
        </DataTable>
        {props.items.length === 0 && <p class="muted">No {props.archived ? 'archived ' : ''}components match.</p>}
        <NextPage href={props.nextHref} />
      </section>
    </AdminPage>
  );
}

export interface ComponentScreenProps extends ScreenBase {
  component: ComponentListing;
  form?: ComponentForm;
}

/** `/admin/components/:id`: change a component's name and description; archive it or restore it. */
export function ComponentScreen(props: ComponentScreenProps) {
  const { component } = props;
  const form = props.form ?? { name: component.name, description: component.description ?? '', errors: {} };
  const base = `/admin/components/${encodeURIComponent(component.id)}`;
  return (
    <AdminPage title={component.name} viewer={props.viewer} assets={props.assets} current="components">
      <p>
        <a href="/admin/components">All components</a>
      </p>
      <Notice notice={props.notice} />
      <section class="card" aria-labelledby="component">
        <h1 id="component">{component.name}</h1>
        {component.archivedAt && (
          <p class="lead">Archived on {component.archivedAt.toISOString().slice(0, 10)}: it shows on no page until it is restored.</p>
        )}
        {props.canWrite ? (
          <form method="post" action={base} novalidate>
            <ComponentFields form={form} idPrefix="" />
            <button type="submit" class="primary spaced">
              Save
            </button>
          </form>
        ) : (
          <p class="lead">{component.description ?? 'No description.'}</p>
        )}
      </section>
      {props.canWrite && (
        <section class="card" aria-labelledby="archive">
          <h2 id="archive">{component.archivedAt ? 'Restore' : 'Archive'}</h2>
          <p class="lead">
            {component.archivedAt
              ? 'Restoring puts it back on the pages and in the groups that still place it.'
              : 'Archiving takes it off every page, sub-page and customer page at once; past incidents keep naming it. You can restore it later.'}
          </p>
          <form class="row-form" method="post" action={`${base}/${component.archivedAt ? 'restore' : 'archive'}`}>
            <button type="submit" class={component.archivedAt ? undefined : 'danger'}>
              {component.archivedAt ? 'Restore component' : 'Archive component'}
            </button>
          </form>
        </section>
      )}
    </AdminPage>
  );
}
