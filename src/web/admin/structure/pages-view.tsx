import type { CatalogType } from '../../../domain/catalog/catalog.js';
import type { Page } from '../../../domain/pages/page.js';
import type { ComponentListing } from '../../../store/status/components.js';
import { AdminPage } from '../views/admin-page.js';
import { DataTable } from '../views/data-table.js';
import { ComponentPicker } from './component-picker.js';
import type { ScreenBase } from './archivable-view.js';
import { Notice, TextArea, TextField } from '../views/fields.js';
import { type OrderedEntry, OrderedList } from './ordered-list.js';
import { type KindFormState, PageKindSection } from './page-kind-view.js';
import { type BrandingField, BrandingFields, PageLogoSection, brandingFormOf } from './page-branding-view.js';

/** The page settings form as sent, with what was wrong with it. */
export interface PageForm {
  name: string;
  slug: string;
  timeZone: string;
  description: string;
  isDefault: boolean;
  supportUrl: string;
  brandColor: string;
  uptimeDisplay: string;
  errors: Partial<Record<'name' | 'slug' | 'timeZone' | 'description' | 'isDefault' | BrandingField, string>>;
}

const KIND_LABELS: Readonly<Record<Page['kind'], string>> = {
  standalone: 'Standalone',
  parent: 'Parent of sub-pages',
  customer_set: 'Customer page set',
};

/** The datalist of time zones the browser suggests as staff type (any IANA name is accepted). */
function TimeZones() {
  return (
    <datalist id="time-zones">
      {Intl.supportedValuesOf('timeZone').map((zone) => (
        <option value={zone} />
      ))}
    </datalist>
  );
}

function PageFields({ form, idPrefix, withDescription }: { form: PageForm; idPrefix: string; withDescription: boolean }) {
  return (
    <>
      <TextField id={`${idPrefix}name`} name="name" label="Name" value={form.name} error={form.errors.name} maxlength={200} required />
      <TextField
        id={`${idPrefix}slug`}
        name="slug"
        label="Address (slug)"
        hint="Lower-case letters, digits and single hyphens: the page is at /<slug>."
        value={form.slug}
        error={form.errors.slug}
        maxlength={200}
        required
      />
      <TextField
        id={`${idPrefix}timeZone`}
        name="timeZone"
        label="Time zone"
        hint="An IANA name such as Europe/Berlin: the days of the uptime history."
        value={form.timeZone}
        error={form.errors.timeZone}
        maxlength={100}
        list="time-zones"
      />
      {withDescription && (
        <TextArea
          id={`${idPrefix}description`}
          name="description"
          label="Description (optional)"
          value={form.description}
          error={form.errors.description}
          maxlength={2000}
        />
      )}
      <TimeZones />
    </>
  );
}

export interface PagesScreenProps extends ScreenBase {
  pages: readonly Page[];
  form?: PageForm;
}

/** `/admin/pages`: every page with its address and kind, and the form to add one. */
export function PagesScreen(props: PagesScreenProps) {
  const form = props.form ?? {
    name: '',
    slug: '',
    timeZone: 'UTC',
    description: '',
    isDefault: false,
    supportUrl: '',
    brandColor: '',
    uptimeDisplay: 'bars_and_percentage',
    errors: {},
  };
  return (
    <AdminPage title="Pages" viewer={props.viewer} assets={props.assets} current="pages">
      <Notice notice={props.notice} />
      <section class="card" aria-labelledby="pages">
        <h1 id="pages">Pages</h1>
        <DataTable headings={['Name', 'Address', 'Kind', 'Items']}>
          {props.pages.map((page) => (
            <tr>
              <td>
                <a href={`/admin/pages/${encodeURIComponent(page.id)}`}>{page.name}</a>
                {page.isDefault && <span class="muted"> (default)</span>}
              </td>
              <td>/{page.slug}</td>
              <td>{KIND_LABELS[page.kind]}</td>
              <td>{page.items.length}</td>
            </tr>
          ))}
        </DataTable>
      </section>
      {props.canWrite && (
        <section class="card" aria-labelledby="new-page">
          <h2 id="new-page">New page</h2>
          <form method="post" action="/admin/pages" novalidate>
            <PageFields form={form} idPrefix="new-" withDescription={false} />
            <button type="submit" class="primary spaced">
              Create page
            </button>
          </form>
        </section>
      )}
    </AdminPage>
  );
}

export interface PageScreenProps extends ScreenBase {
  page: Page;
  entries: readonly OrderedEntry[];
  groups: readonly { id: string; name: string }[];
  types: readonly CatalogType[];
  find: { text: string; matches: readonly ComponentListing[]; error?: string | undefined };
  form?: PageForm;
  /** The logo form's refusal, shown beside it. */
  logoError?: string | undefined;
  kindState?: KindFormState | undefined;
  /** A customer page set's notification mail detail. */
  mailDetail?: 'full' | 'notice' | undefined;
  moved?: { key: string; direction: string } | undefined;
  script?: { src: string; nonce: string } | undefined;
}

/** `/admin/pages/:id`: the page's settings, its structure in order (move, add, remove, uptime bars), and its kind. */
export function PageScreen(props: PageScreenProps) {
  const { page } = props;
  const base = `/admin/pages/${encodeURIComponent(page.id)}`;
  const form = props.form ?? {
    name: page.name,
    slug: page.slug,
    timeZone: page.timeZone,
    description: page.description ?? '',
    isDefault: page.isDefault,
    ...brandingFormOf(page),
    errors: {},
  };
  return (
    <AdminPage title={page.name} viewer={props.viewer} assets={props.assets} current="pages" script={props.script}>
      <p>
        <a href="/admin/pages">All pages</a>
        {page.kind !== 'customer_set' && (
          <>
            {' · '}
            <a href={page.isDefault ? '/' : `/${page.slug}`}>View the public page</a>
          </>
        )}
      </p>
      <Notice notice={props.notice} />
      <section class="card" aria-labelledby="settings">
        <h1 id="settings">{page.name}</h1>
        {props.canWrite ? (
          <form method="post" action={base} novalidate>
            <PageFields form={form} idPrefix="" withDescription />
            <BrandingFields form={form} />
            {page.kind !== 'customer_set' && !page.isDefault && (
              <div class="field">
                <label>
                  <input type="checkbox" name="isDefault" value="1" checked={form.isDefault} /> Make this the default page, served at /
                </label>
                {form.errors.isDefault && <p class="field-error">{form.errors.isDefault}</p>}
              </div>
            )}
            <button type="submit" class="primary spaced">
              Save settings
            </button>
          </form>
        ) : (
          <dl class="facts">
            <dt>Address</dt>
            <dd>/{page.slug}</dd>
            <dt>Time zone</dt>
            <dd>{page.timeZone}</dd>
            <dt>Description</dt>
            <dd>{page.description ?? '—'}</dd>
            <dt>Support link</dt>
            <dd>{page.branding.supportUrl ?? '—'}</dd>
            <dt>Brand colour</dt>
            <dd>{page.branding.brandColor ?? '—'}</dd>
          </dl>
        )}
      </section>
      <PageLogoSection page={page} action={`${base}/logo`} canWrite={props.canWrite} error={props.logoError} />
      <section class="card" aria-labelledby="structure">
        <h2 id="structure">Structure</h2>
        <p class="lead">What the page shows, top to bottom. Drag a row, or use its Move buttons.</p>
        <OrderedList
          entries={props.entries}
          action={`${base}/structure`}
          canWrite={props.canWrite}
          label="Page structure in order"
          moved={props.moved}
        />
        {props.canWrite && (
          <>
            <h3>Add</h3>
            <ComponentPicker
              screen={base}
              addAction={`${base}/structure/add`}
              text={props.find.text}
              matches={props.find.matches}
              error={props.find.error}
            />
            {props.groups.length > 0 && (
              <form class="row-form" method="post" action={`${base}/structure/add`}>
                <div class="field">
                  <label for="add-group">Group</label>
                  <select id="add-group" name="item">
                    {props.groups.map((group) => (
                      <option value={`group:${group.id}`}>{group.name}</option>
                    ))}
                  </select>
                </div>
                <button type="submit">Add group</button>
              </form>
            )}
          </>
        )}
      </section>
      <PageKindSection page={page} types={props.types} canWrite={props.canWrite} state={props.kindState} mailDetail={props.mailDetail} />
    </AdminPage>
  );
}
