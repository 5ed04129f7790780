import type { AuditEvent } from '../../../domain/access/audit-event.js';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { DataTable } from '../views/data-table.js';
import { Notice, SelectField, TextField, plainOptions } from '../views/fields.js';
import { formatWhen } from './customer-page-parts.js';

export interface AuditFilters {
  page: string;
  address: string;
  event: string;
}

export interface AuditLogPageProps {
  viewer: AdminViewer;
  assets: AuthAssets;
  filters: AuditFilters;
  /** The events known by name, offered in the event filter. */
  knownEvents: readonly string[];
  /** Field errors, by filter. */
  errors: Partial<Record<keyof AuditFilters, string>>;
  events: readonly AuditEvent[];
  /** The customer page names of the events' pages, where known. */
  pageNames: ReadonlyMap<string, string>;
  /** The link to the next (older) page, if there is one. */
  olderHref?: string;
  /** Non-admins read the customer pages' events only (the rest names who is staff). */
  pageEventsOnly: boolean;
  /** A refusal that belongs to no field (a malformed paging cursor). */
  notice?: string;
}

function FilterField(props: { name: keyof AuditFilters; label: string; value: string; error: string | undefined; type?: 'email' }) {
  return <TextField {...props} id={`f-${props.name}`} maxlength={254} />;
}

/** `/admin/audit`: the audit log, newest first, filtered by customer page, address and event, a page at a time (LOG-1, STF-7). */
export function AuditLogPage(props: AuditLogPageProps) {
  const { viewer, assets, filters, knownEvents, errors, events, pageNames, olderHref, pageEventsOnly, notice } = props;
  return (
    <AdminPage title="Audit log" viewer={viewer} assets={assets} current="audit">
      <Notice notice={notice ? { text: notice, error: true } : undefined} />
      <section class="card" aria-labelledby="audit">
        <h1 id="audit">Audit log</h1>
        <p class="lead">
          Every sign-in step, session, rotation, preview and staff change, with who did it. Newest first.
          {pageEventsOnly && ' Your role shows the customer pages’ events; the rest is for admins.'}
        </p>
        <form class="filters" method="get" action="/admin/audit" novalidate>
          <FilterField name="page" label="Customer page id" value={filters.page} error={errors.page} />
          <FilterField name="address" label="Address" value={filters.address} error={errors.address} type="email" />
          <SelectField
            id="f-event"
            name="event"
            label="Event"
            value={filters.event}
            error={errors.event}
            options={[
              { value: '', label: 'Any event' },
              ...plainOptions([...knownEvents, ...(filters.event && !knownEvents.includes(filters.event) ? [filters.event] : [])]),
            ]}
          />
          <button type="submit">Filter</button>
          <a href="/admin/audit">Clear</a>
        </form>
      </section>
      <section class="card" aria-labelledby="events">
        <h2 id="events">Events</h2>
        {events.length === 0 ? (
          <p class="muted">No event matches.</p>
        ) : (
          <DataTable headings={['When', 'Event', 'Actor', 'About']} stack>
            {events.map((event) => (
              <tr>
                <td>{formatWhen(event.at)}</td>
                <td>{event.action}</td>
                <td class="details" data-label="Actor">
                  {event.actor}
                </td>
                <td class="details">
                  {event.pageId && (
                    <>
                      <a href={`/admin/audit?page=${event.pageId}`}>{pageNames.get(event.pageId) ?? event.pageId}</a>{' '}
                    </>
                  )}
                  {event.subjectType}:{event.subjectId} {JSON.stringify(event.details)}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        {olderHref && (
          <nav class="pager" aria-label="Pages of events">
            <a href={olderHref}>Older events</a>
          </nav>
        )}
      </section>
    </AdminPage>
  );
}
