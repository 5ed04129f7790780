import { toAllowlist } from '../../../domain/access/allowlist.js';
import { formatAllowlistDomain } from '../../../domain/access/email-domain.js';
import { type CatalogAttribute, listValues } from '../../../domain/catalog/catalog.js';
import type { CatalogEntryRecord } from '../../../services/catalog/catalog-entries.js';
import type { CatalogTypeRecord } from '../../../services/catalog/catalog-types.js';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { DataTable } from '../views/data-table.js';
import { Notice } from '../views/fields.js';
import { DomainForms, Pager, SourceBadge } from './catalog-bits.js';

export interface CatalogEntriesPageProps {
  viewer: AdminViewer;
  assets: AuthAssets;
  type: CatalogTypeRecord;
  entries: readonly CatalogEntryRecord[];
  /** Entry and component ids → names, for reference values. */
  names: ReadonlyMap<string, string>;
  search: string;
  page: number;
  pages: number;
  total: number;
  canWrite: boolean;
  notice?: { text: string; error?: boolean };
}

/** The attributes the list shows beside the name (the rest are on the entry's screen). */
const SHOWN_ATTRIBUTES = 3;

/** `/admin/catalog/types/:id`: a type's entries, searched and paged in the store. */
export function CatalogEntriesPage(props: CatalogEntriesPageProps) {
  const { viewer, assets, type, entries, names, search, page, pages, total, canWrite, notice } = props;
  const shown = type.attributes.slice(0, SHOWN_ATTRIBUTES);
  const base = `/admin/catalog/types/${type.id}`;
  const hrefOf = (n: number) => `${base}?${new URLSearchParams({ ...(search ? { q: search } : {}), page: String(n) }).toString()}`;
  return (
    <AdminPage title={`${type.name}: catalog`} viewer={viewer} assets={assets} current="catalog">
      <Notice notice={notice} />
      <section class="card" aria-labelledby="entries">
        <p>
          <a href="/admin/catalog">Catalog</a> / {type.name}
        </p>
        <h1 id="entries">{type.name}</h1>
        {type.description && <p class="lead">{type.description}</p>}
        <p class="inline">
          {canWrite && <a href={`${base}/entries/new`}>Add an entry</a>}
          <a href={`${base}/schema`}>{canWrite ? 'Edit the attributes' : 'Attributes'}</a>
        </p>
        <form class="catalog-search" method="get" action={base} role="search">
          <div class="field">
            <label for="q">Search by name, alias, external id or value</label>
            <input id="q" name="q" type="search" value={search} maxlength={200} />
          </div>
          <button type="submit">Search</button>
        </form>
        <DataTable headings={['Name', ...shown.map((a) => a.name), 'Source']}>
          {entries.map((entry) => (
            <tr>
              <td>
                <a href={`/admin/catalog/entries/${entry.id}`}>{entry.name}</a>
                <br />
                <span class="muted">{entry.externalId}</span>
              </td>
              {shown.map((attribute) => (
                <td>
                  <ValueSummary attribute={attribute} entry={entry} names={names} />
                </td>
              ))}
              <td>
                <SourceBadge source={entry.source} />
              </td>
            </tr>
          ))}
        </DataTable>
        {entries.length === 0 && <p class="muted">{search ? `No entry matches “${search}”.` : 'No entries yet.'}</p>}
        <Pager page={page} pages={pages} total={total} hrefOf={hrefOf} noun={total === 1 ? 'entry' : 'entries'} />
      </section>
    </AdminPage>
  );
}

/** One attribute's value in a list cell; domains in both forms (DOM-10), references by name. */
export function ValueSummary({
  attribute,
  entry,
  names,
}: {
  attribute: CatalogAttribute;
  entry: CatalogEntryRecord;
  names: ReadonlyMap<string, string>;
}) {
  const items = listValues(entry.values[attribute.id]);
  if (items.length === 0) return <span class="muted">–</span>;
  if (attribute.kind === 'email_domain') {
    const domains = toAllowlist(items.filter((item): item is string => typeof item === 'string'));
    return (
      <>
        {domains.map((d, index) => (
          <>
            {index > 0 && ', '}
            <DomainForms ascii={formatAllowlistDomain(d, 'ascii')} unicode={formatAllowlistDomain(d, 'unicode')} />
          </>
        ))}
      </>
    );
  }
  const isReference = attribute.kind === 'entry' || attribute.kind === 'component';
  const text = items.map((item) => (typeof item === 'string' && isReference ? (names.get(item) ?? item) : String(item)));
  return <>{text.join(', ')}</>;
}
