import type { CustomerPageList } from '../../../services/pages/customer-page-admin.js';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { DataTable } from '../views/data-table.js';
import { BLOCKER_TEXT, CopyableUrl, formatWhen } from './customer-page-parts.js';
import { Notice } from '../views/fields.js';

export interface CustomerPagesListProps {
  viewer: AdminViewer;
  assets: AuthAssets;
  script: { src: string; nonce: string };
  list: CustomerPageList;
  search: string;
  notice?: { text: string; error?: boolean };
}

const listHref = (search: string, page: number): string => {
  const query = new URLSearchParams();
  if (search) query.set('q', search);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return `/admin/customer-pages${text ? `?${text}` : ''}`;
};

/** `/admin/customer-pages`: every customer page, searched by customer name and paged, with its URL, viewers and whether anyone can sign in. */
export function CustomerPagesList({ viewer, assets, script, list, search, notice }: CustomerPagesListProps) {
  return (
    <AdminPage title="Customer pages" viewer={viewer} assets={assets} current="customer-pages" script={script}>
      <Notice notice={notice} />
      <section class="card" aria-labelledby="pages">
        <h1 id="pages">Customer pages</h1>
        <p class="lead">
          Each customer reads its own page at an unlisted URL after signing in with an address at an allowed domain.{' '}
          <a href="/admin/customer-pages/who-can-access">Who can access…</a>
        </p>
        <form class="filters" method="get" action="/admin/customer-pages" role="search">
          <div class="field">
            <label for="q">Customer name</label>
            <input id="q" name="q" type="search" maxlength={100} value={search} />
          </div>
          <button type="submit">Search</button>
        </form>
        <p class="muted">
          {list.total === 0
            ? 'No customer page matches.'
            : `${list.total} customer page${list.total === 1 ? '' : 's'}${search ? ` matching “${search}”` : ''}.`}
        </p>
        {list.items.length > 0 && (
          <DataTable headings={['Customer', 'URL', 'Viewers', 'Last sign-in']} stack>
            {list.items.map((item, index) => (
              <tr>
                <td>
                  <a href={`/admin/customer-pages/${item.id}`}>{item.name}</a>
                  <span class="muted"> · {item.setName}</span>
                  {item.blocker && <span class="warning">{BLOCKER_TEXT[item.blocker]}</span>}
                </td>
                <td>
                  <CopyableUrl id={`url-${index}`} url={item.url} label={`URL of ${item.name}`} />
                </td>
                <td data-label="Viewers">{item.viewers}</td>
                <td data-label="Last sign-in">{formatWhen(item.lastSignInAt)}</td>
              </tr>
            ))}
          </DataTable>
        )}
        {list.pageCount > 1 && (
          <nav class="pager" aria-label="Pages of customer pages">
            {list.page > 1 && <a href={listHref(search, list.page - 1)}>Previous</a>}
            <span>
              Page {list.page} of {list.pageCount}
            </span>
            {list.page < list.pageCount && <a href={listHref(search, list.page + 1)}>Next</a>}
          </nav>
        )}
      </section>
    </AdminPage>
  );
}
