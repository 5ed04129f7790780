import type { CatalogTypeRecord } from '../../../services/catalog/catalog-types.js';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { DataTable } from '../views/data-table.js';
import { Notice, TextField } from '../views/fields.js';

export interface TypeForm {
  name: string;
  description: string;
  errors: { name?: string; description?: string };
}

export interface CatalogTypesPageProps {
  viewer: AdminViewer;
  assets: AuthAssets;
  types: readonly { type: CatalogTypeRecord; entries: number }[];
  /** Admins write the catalog (STF-3); others only browse it. */
  canWrite: boolean;
  notice?: { text: string; error?: boolean };
  form?: TypeForm;
}

/** `/admin/catalog`: the catalog's types with their entry counts; admins add a type. */
export function CatalogTypesPage({ viewer, assets, types, canWrite, notice, form }: CatalogTypesPageProps) {
  const errors = form?.errors ?? {};
  return (
    <AdminPage title="Catalog" viewer={viewer} assets={assets} current="catalog">
      <Notice notice={notice} />
      <section class="card" aria-labelledby="types">
        <h1 id="types">Catalog</h1>
        <p class="lead">The things you keep records of (customers, regions, products). Sub-pages and customer pages are built from them.</p>
        <DataTable headings={['Type', 'Attributes', 'Entries']}>
          {types.map(({ type, entries }) => (
            <tr>
              <td>
                <a href={`/admin/catalog/types/${type.id}`}>{type.name}</a>
                {type.description && (
                  <>
                    <br />
                    <span class="muted">{type.description}</span>
                  </>
                )}
              </td>
              <td>{type.attributes.map((a) => a.name).join(', ') || <span class="muted">none</span>}</td>
              <td>{entries.toLocaleString('en')}</td>
            </tr>
          ))}
        </DataTable>
        {types.length === 0 && <p class="muted">No types yet.</p>}
      </section>
      {canWrite && (
        <section class="card" aria-labelledby="new-type">
          <h2 id="new-type">Add a type</h2>
          <form method="post" action="/admin/catalog/types" novalidate>
            <div class="row-form">
              <TextField id="type-name" name="name" label="Name" value={form?.name ?? ''} error={errors.name} maxlength={200} required />
              <TextField
                id="type-description"
                name="description"
                label="Description (optional)"
                value={form?.description ?? ''}
                error={errors.description}
              />
              <button type="submit" class="primary">
                Add type
              </button>
            </div>
          </form>
        </section>
      )}
    </AdminPage>
  );
}
