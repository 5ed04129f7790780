import type { Child } from 'hono/jsx';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { DataTable } from '../views/data-table.js';
import { Notice, type NoticeText, TextArea, TextField } from '../views/fields.js';
import { ArchiveTabs, ListFilter, NextPage } from './list-controls.js';

/** Components and groups: named things staff list, create, edit, archive and restore the same way. */
export interface ArchivableKind {
  /** The list's address, `/admin/components`; an item's is below it. */
  path: string;
  /** `component`: the word in headings, buttons and the heading ids. */
  one: string;
  /** `components`. */
  many: string;
  title: 'Components' | 'Groups';
}

/** A name-and-description form as sent, with what was wrong with it. */
export interface ItemForm {
  name: string;
  description: string;
  errors: { name?: string; description?: string };
}

export interface ScreenBase {
  viewer: AdminViewer;
  assets: AuthAssets;
  /** STF-3: whether the role may change these; the server checks again on every POST. */
  canWrite: boolean;
  notice?: NoticeText | undefined;
}

/** Links between the two halves of the Components screen. */
function StructureTabs({ current }: { current: ArchivableKind['title'] }) {
  return (
    <nav class="tabs" aria-label="Components and groups">
      <a href="/admin/components" aria-current={current === 'Components' ? 'page' : undefined}>
        Components
      </a>
      <a href="/admin/groups" aria-current={current === 'Groups' ? 'page' : undefined}>
        Groups
      </a>
    </nav>
  );
}

function ItemFields({ form, idPrefix }: { form: ItemForm; idPrefix: string }) {
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

const emptyForm = (): ItemForm => ({ name: '', description: '', errors: {} });

export interface ListScreenProps<Item> extends ScreenBase {
  items: readonly Item[];
  text: string;
  archived: boolean;
  nextHref: string | null;
  form?: ItemForm;
}

/** A kind's list screen: the form to add one, then every item by name, searched and paged in the store. */
export function ArchivableList<Item extends { id: string; name: string }>(
  props: ListScreenProps<Item> & {
    kind: ArchivableKind;
    /** The headings after "Name", and each item's cells under them. */
    headings: string[];
    cells: (item: Item) => Child;
  },
) {
  const { kind } = props;
  return (
    <AdminPage title={kind.title} viewer={props.viewer} assets={props.assets} current="components">
      <StructureTabs current={kind.title} />
      <Notice notice={props.notice} />
      {props.canWrite && (
        <section class="card" aria-labelledby={`new-${kind.one}`}>
          <h2 id={`new-${kind.one}`}>New {kind.one}</h2>
          <form method="post" action={kind.path} novalidate>
            <ItemFields form={props.form ?? emptyForm()} idPrefix="new-" />
            <button type="submit" class="primary spaced">
              Create {kind.one}
            </button>
          </form>
        </section>
      )}
      <section class="card" aria-labelledby={kind.many}>
        <h1 id={kind.many}>{kind.title}</h1>
        <ArchiveTabs action={kind.path} archived={props.archived} />
        <ListFilter action={kind.path} text={props.text} archived={props.archived} noun={kind.many} />
        <DataTable headings={['Name', ...props.headings]}>
          {props.items.map((item) => (
            <tr>
              <td>
                <a href={`${kind.path}/${encodeURIComponent(item.id)}`}>{item.name}</a>
              </td>
              {props.cells(item)}
            </tr>
          ))}
        </DataTable>
        {props.items.length === 0 && (
          <p class="muted">
            No {props.archived ? 'archived ' : ''}
            {kind.many} match.
          </p>
        )}
        <NextPage href={props.nextHref} />
      </section>
    </AdminPage>
  );
}

export interface ItemScreenProps extends ScreenBase {
  form?: ItemForm | undefined;
  script?: { src: string; nonce: string } | undefined;
}

/**
 * An item's screen: its name and description (a form for those who may change them), the kind's
 * own sections (`children`), and archive or restore.
 */
export function ArchivableItem(
  props: ItemScreenProps & {
    kind: ArchivableKind;
    item: { id: string; name: string; description: string | null };
    archivedAt: Date | null;
    /** What being archived means, said on an archived item. */
    archivedLead: string;
    /** What archiving, or restoring, will do. */
    archiveLead?: { archive: string; restore: string };
    children?: Child;
  },
) {
  const { kind, item, archivedAt } = props;
  const form = props.form ?? { name: item.name, description: item.description ?? '', errors: {} };
  const base = `${kind.path}/${encodeURIComponent(item.id)}`;
  return (
    <AdminPage title={item.name} viewer={props.viewer} assets={props.assets} current="components" script={props.script}>
      <p>
        <a href={kind.path}>All {kind.many}</a>
      </p>
      <Notice notice={props.notice} />
      <section class="card" aria-labelledby={kind.one}>
        <h1 id={kind.one}>{item.name}</h1>
        {archivedAt && <p class="lead">{props.archivedLead}</p>}
        {props.canWrite ? (
          <form method="post" action={base} novalidate>
            <ItemFields form={form} idPrefix="" />
            <button type="submit" class="primary spaced">
              Save
            </button>
          </form>
        ) : (
          <p class="lead">{item.description ?? 'No description.'}</p>
        )}
      </section>
      {props.children}
      {props.canWrite && (
        <section class="card" aria-labelledby="archive">
          <h2 id="archive">{archivedAt ? 'Restore' : 'Archive'}</h2>
          {props.archiveLead && <p class="lead">{archivedAt ? props.archiveLead.restore : props.archiveLead.archive}</p>}
          <form class="row-form" method="post" action={`${base}/${archivedAt ? 'restore' : 'archive'}`}>
            <button type="submit" class={archivedAt ? undefined : 'danger'}>
              {archivedAt ? 'Restore' : 'Archive'} {kind.one}
            </button>
          </form>
        </section>
      )}
    </AdminPage>
  );
}
