import { ATTRIBUTE_KINDS } from '../../../domain/catalog/catalog.js';
import type { CatalogTypeRecord } from '../../../services/catalog/catalog-types.js';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { DataTable } from '../views/data-table.js';
import { FieldError, Notice } from './catalog-bits.js';
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
      {e.form && (
        <p id="form-error" class="field-error" role="alert">
          {e.form}
        </p>
      )}
      {form.breakage.length > 0 && (
        <div class="notice error" role="alert">
          <p>This change would break:</p>
          <ul>
            {form.breakage.map((line) => (
              <li>{line}</li>
            ))}
          </ul>
          <label class="check">
            <input type="checkbox" name="force" value="1" checked={form.force} /> Apply anyway: convert the values that fit, drop the rest
          </label>
        </div>
      )}
      <div class="row-form">
        <div class="field">
          <label for="type-name">Name</label>
          <input
            id="type-name"
            name="name"
            type="text"
            value={form.name}
            aria-invalid={e.name ? 'true' : undefined}
            aria-describedby={e.name ? 'type-name-error' : undefined}
          />
          <FieldError id="type-name-error" text={e.name} />
        </div>
        <div class="field">
          <label for="type-description">Description</label>
          <input
            id="type-description"
            name="description"
            type="text"
            value={form.description}
            aria-invalid={e.description ? 'true' : undefined}
            aria-describedby={e.description ? 'type-description-error' : undefined}
          />
          <FieldError id="type-description-error" text={e.description} />
        </div>
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
  const id = (name: string) => `a-${index}-${name}`;
  const error = (name: string) => errors[at(name)];
  const invalid = (name: string) => ({
    'aria-invalid': error(name) ? ('true' as const) : undefined,
    'aria-describedby': error(name) ? `${id(name)}-error` : undefined,
  });
  const isNew = row.id === '';
  return (
    <fieldset class="schema-row">
      <legend class="vh">{isNew ? 'New attribute' : `Attribute ${row.name || row.id}`}</legend>
      <input type="hidden" name={at('id')} value={row.id} />
      <div class="field">
        <label for={id('name')}>{isNew ? 'New attribute name' : 'Name'}</label>
        <input id={id('name')} name={at('name')} type="text" value={row.name} {...invalid('name')} />
        <FieldError id={`${id('name')}-error`} text={error('name')} />
        {!isNew && <span class="hint">id: {row.id}</span>}
      </div>
      <div class="field">
        <label for={id('kind')}>Kind</label>
        <select id={id('kind')} name={at('kind')} {...invalid('kind')}>
          {ATTRIBUTE_KINDS.map((kind) => (
            <option value={kind} selected={row.kind === kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </select>
        <FieldError id={`${id('kind')}-error`} text={error('kind')} />
      </div>
      <div class="field">
        <label for={id('list')}>Holds</label>
        <select id={id('list')} name={at('list')}>
          <option value="one" selected={!row.list}>
            one value
          </option>
          <option value="list" selected={row.list}>
            a list
          </option>
        </select>
      </div>
      <div class="field">
        <label for={id('target')}>Refers to (catalog entry only)</label>
        <select id={id('target')} name={at('target')} {...invalid('target')}>
          <option value="" selected={row.target === ''}>
            –
          </option>
          {types.map((t) => (
            <option value={t.id} selected={row.target === t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <FieldError id={`${id('target')}-error`} text={error('target')} />
      </div>
      {!isNew && (
        <label class="check">
          <input type="checkbox" name={at('remove')} value="1" checked={row.remove} /> Remove
        </label>
      )}
    </fieldset>
  );
}
