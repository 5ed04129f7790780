import type { EmailCounts } from '../../../store/subscriptions/subscriber-admin.js';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { DataTable, KeysetPager } from '../views/data-table.js';

/** One page as the overview lists it: its scope, its name (null when gone) and its subscribers per channel. */
interface ScopeRow {
  scope: string;
  title: string | null;
  /** Email today; webhook endpoints are counted on their own screen until their channel joins here. */
  email: EmailCounts;
}

export interface SubscribersOverviewProps {
  viewer: AdminViewer;
  assets: AuthAssets;
  /** Every page (not sub-pages or customer pages), with or without subscribers. */
  pages: readonly ScopeRow[];
  /** A keyset page of the sub-pages and customer pages that have subscribers. */
  others: readonly ScopeRow[];
  /** Where `others` started (absent on the first page) and where the next starts (null on the last). */
  after?: string | undefined;
  next: string | null;
}

export const scopeHref = (scope: string): string => `/admin/subscribers/list?${new URLSearchParams({ scope }).toString()}`;

function CountsRows({ rows }: { rows: readonly ScopeRow[] }) {
  return (
    <>
      {rows.map((row) => (
        <tr>
          <td>
            <a href={scopeHref(row.scope)}>{row.title ?? row.scope}</a>
            {row.title === null && <span class="muted"> (page gone)</span>}
          </td>
          <td data-label="Email, confirmed">{row.email.confirmed}</td>
          <td data-label="Email, pending">{row.email.pending}</td>
          <td data-label="Email, unsubscribed">{row.email.unsubscribed}</td>
        </tr>
      ))}
    </>
  );
}

const HEADINGS = ['Page', 'Email: confirmed', 'Pending', 'Unsubscribed'];

/** `/admin/subscribers`: every page with its subscribers per channel; sub-pages and customer pages that have any, paged. */
export function SubscribersOverview({ viewer, assets, pages, others, after, next }: SubscribersOverviewProps) {
  return (
    <AdminPage title="Subscribers" viewer={viewer} assets={assets} current="subscribers">
      <section class="card" aria-labelledby="pages">
        <h1 id="pages">Subscribers</h1>
        <p class="lead">
          Who is told of incidents and maintenance, per page. Open a page to see, add, remove, import or export its subscribers.{' '}
          <a href="/admin/subscribers/quarantine">Quarantined addresses…</a>
        </p>
        {pages.length === 0 ? (
          <p class="muted">There are no pages yet.</p>
        ) : (
          <DataTable headings={HEADINGS} stack>
            <CountsRows rows={pages} />
          </DataTable>
        )}
      </section>
      <section class="card" aria-labelledby="others">
        <h2 id="others">Sub-pages and customer pages with subscribers</h2>
        {others.length === 0 ? (
          <p class="muted">{after === undefined ? 'None yet.' : 'No more.'}</p>
        ) : (
          <DataTable headings={HEADINGS} stack>
            <CountsRows rows={others} />
          </DataTable>
        )}
        <KeysetPager
          label="Pages of sub-pages and customer pages"
          first={after === undefined ? undefined : '/admin/subscribers'}
          next={next === null ? undefined : `/admin/subscribers?${new URLSearchParams({ after: next }).toString()}`}
        />
      </section>
    </AdminPage>
  );
}
