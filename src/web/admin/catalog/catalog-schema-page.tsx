import { ATTRIBUTE_KINDS } from '../../../domain/catalog/catalog.js';
import type { CatalogTypeRecord } from '../../../services/catalog/catalog-types.js';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { DataTable } from '../views/data-table.js';
import { Checkbox, FieldError, Notice, SelectField, TextField } from '../views/fields.js';
import type { SchemaForm, SchemaRow } from './catalog-schema-form.js';

export interface CatalogSchemaPageProps {
  viewer: AdminViewer;
  assets: AuthAssets;
  type: CatalogTypeRecord;
  /** Every type, for an `entry` attribute's target. */
  types: readonly CatalogTypeRecord[];
  form: SchemaForm;
  canWrite: boolean;
  notice?: { text: string; error?: boolean };
}

const KIND_LABELS: Readonly<Record<(typeof ATTRIBUTE_KINDS)[number], string>> = {
  text: 'text',
  number: 'number',
  bool: 'yes or no',
  url: 'URL',
  email_domain: 'email domain (allowlist)',
  entry: 'catalog entry',
  component: 'component',
};

const KIND_OPTIONS = ATTRIBUTE_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }));
const HOLDS_OPTIONS = [
  { value: 'one', label: 'one value' },
  { value: 'list', label: 'a list' },
];

/** `/admin/catalog/types/:id/schema`: a type's name, description and ordered attributes; admins change them. */
export function CatalogSchemaPage({ viewer, assets, type, types, form, canWrite, notice }: CatalogSchemaPageProps) {
  return (
    <AdminPage title={`${type.name} attributes: catalog`} viewer={viewer} assets={assets} current="catalog">
      <Notice notice={notice} />
      <section class="card" aria-labelledby="schema">
        <p>
          <a href="/admin/catalog">Catalog</a> / <a href={`/admin/catalog/types/${type.id}`}>{type.name}</a>
        </p>
        <h1 id="schema">{type.name}: attributes</h1>
        {canWrite ? (
          <SchemaFormView type={type} types={types} form={form} />
        ) : (
          <DataTable headings={['Attribute', 'Id', 'Kind']}>
            {type.attributes.map((a) => (
              <tr>
                <td>{a.name}</td>
                <td>{a.id}</td>
                <td>
                  {KIND_LABELS[a.kind]}
                  {a.isList ? ', a list' : ''}
                  {a.targetTypeId && `: ${types.find((t) => t.id === a.targetTypeId)?.name ?? a.targetTypeId}`}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </AdminPage>
  );
}

function SchemaFormView({ type, types, form }: { type: CatalogTypeRecord; types: readonly CatalogTypeRecord[]; form: SchemaForm }) {
  const e = form.errors;
  return (
    <form class="schema-form" method="post" action={`/admin/catalog/types/${type.id}/schema`} novalidate>
      <input type="hidden" name="count" value={String(form.rows.length)} />
      <FieldError of="form" text={e.form} alert />
      {form.breakage.length > 0 && (
        <div class="notice error" role="alert">
          <p>This change would break:</p>
          <ul>
            {form.breakage.map((line) => (
              <li>{line}</li>
            ))}
          </ul>
          <Checkbox name="force" value="1" label="Apply anyway: convert the values that fit, drop the rest" checked={form.force} />
        </div>
      )}
      <div class="row-form">
        <TextField id="type-name" name="name" label="Name" value={form.name} error={e.name} />
        <TextField id="type-description" name="description" label="Description" value={form.description} error={e.description} />
      </div>
      <h2>Attributes</h2>
      <p class="muted">Renaming keeps an attribute’s values. The last row adds a new attribute; leave its name empty to add none.</p>
      <div class="schema-rows">
        {form.rows.map((row, index) => (
          <SchemaRowView row={row} index={index} types={types} errors={e} />
        ))}
      </div>
      <p>
        <button type="submit" class="primary">
          Save attributes
        </button>
      </p>
    </form>
  );
}

function SchemaRowView({
  row,
  index,
  types,
  errors,
}: {
  row: SchemaRow;
  index: number;
  types: readonly CatalogTypeRecord[];
  errors: Record<string, string>;
}) {
  const at = (name: string) => `a.${index}.${name}`;
  /** Each control's id, name and error, in the row's numbering. */
  const field = (name: string) => ({ id: `a-${index}-${name}`, name: at(name), error: errors[at(name)] });
  const isNew = row.id === '';
  return (
    <fieldset class="schema-row">
      <legend class="vh">{isNew ? 'New attribute' : `Attribute ${row.name || row.id}`}</legend>
      <input type="hidden" name={at('id')} value={row.id} />
      <TextField
        {...field('name')}
        label={isNew ? 'New attribute name' : 'Name'}
        value={row.name}
        hint={isNew ? undefined : `id: ${row.id}`}
      />
      <SelectField {...field('kind')} label="Kind" value={row.kind} options={KIND_OPTIONS} />
      <SelectField {...field('list')} label="Holds" value={row.list ? 'list' : 'one'} options={HOLDS_OPTIONS} />
      <SelectField
        {...field('target')}
        label="Refers to (catalog entry only)"
        value={row.target}
        options={[{ value: '', label: '–' }, ...types.map((t) => ({ value: t.id, label: t.name }))]}
      />
      {!isNew && <Checkbox name={at('remove')} value="1" label="Remove" checked={row.remove} />}
    </fieldset>
  );
}
