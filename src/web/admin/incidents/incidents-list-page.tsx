import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { DataTable } from '../views/data-table.js';
import { TextField } from '../views/fields.js';
import { Notice, utcTime } from './incident-fields.js';
import type { IncidentSummary } from './incident-summary.js';

export interface IncidentsListPageProps {
  viewer: AdminViewer;
  assets: AuthAssets;
  canWrite: boolean;
  open: readonly IncidentSummary[];
  /** More open incidents exist than are shown. */
  moreOpen: boolean;
  past: readonly IncidentSummary[];
  /** The search as typed ('' for none). */
  query: string;
  /** The cursor of the next (older) page of past incidents, if any. */
  olderBefore: string | undefined;
  /** Whether this is a later page (offer the first again). */
  paged: boolean;
  notice?: { text: string; error?: boolean };
  queryError?: string;
}

const withQuery = (query: string, before?: string): string => {
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  if (before) params.set('before', before);
  const search = params.toString();
  return `/admin/incidents${search ? `?${search}` : ''}#past`;
};

function IncidentRows({ incidents }: { incidents: readonly IncidentSummary[] }) {
  return (
    <DataTable headings={['Name', 'Status', 'Impacted components', 'Last update']}>
      {incidents.map((incident) => (
        <tr>
          <td>
            <a href={`/admin/incidents/${encodeURIComponent(incident.id)}`}>{incident.name}</a>
          </td>
          <td>{incident.status}</td>
          <td>{incident.impacted.length === 0 ? <span class="muted">none</span> : incident.impacted.join(', ')}</td>
          <td>
            <time datetime={incident.lastUpdateAt.toISOString()}>{utcTime(incident.lastUpdateAt)}</time>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** `/admin/incidents`: everything open at a glance, then past incidents, searched by name and paged. */
export function IncidentsListPage(props: IncidentsListPageProps) {
  const { viewer, assets, canWrite, open, moreOpen, past, query, olderBefore, paged, notice, queryError } = props;
  return (
    <AdminPage title="Incidents" viewer={viewer} assets={assets} current="incidents">
      <Notice text={notice?.text} error={notice?.error} />
      <section class="card" aria-labelledby="open">
        <div class="card-head">
          <h1 id="open">
            Open incidents ({open.length}
            {moreOpen ? '+' : ''})
          </h1>
          {canWrite && (
            <a class="link-button primary" href="/admin/incidents/new">
              Declare an incident
            </a>
          )}
        </div>
        {open.length === 0 ? <p class="lead">Nothing is open.</p> : <IncidentRows incidents={open} />}
        {moreOpen && <p class="muted">Only the newest open incidents are shown.</p>}
      </section>
      <section class="card" aria-labelledby="past">
        <h2 id="past">Past incidents</h2>
        <form class="row-form" method="get" action="/admin/incidents" role="search">
          <TextField id="q" name="q" type="search" label="Search by name" value={query} maxlength={200} error={queryError} />
          <button type="submit">Search</button>
        </form>
        {past.length === 0 ? (
          <p class="lead">{query ? `No past incident's name contains “${query}”.` : 'No past incidents.'}</p>
        ) : (
          <IncidentRows incidents={past} />
        )}
        <nav class="pager" aria-label="Past incidents pages">
          {paged && <a href={withQuery(query)}>Newest</a>}
          {olderBefore && <a href={withQuery(query, olderBefore)}>Older</a>}
        </nav>
      </section>
    </AdminPage>
  );
}
