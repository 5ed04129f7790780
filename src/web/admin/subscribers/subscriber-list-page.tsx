import type { ImportReport, RowError } from '../../../services/subscriptions/subscriber-csv.js';
import type { SubscriberPage } from '../../../services/subscriptions/subscriber-admin.js';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { DataTable, KeysetPager, RowAction } from '../views/data-table.js';
import { Checkbox, Notice, type NoticeText, SelectField, TextField } from '../views/fields.js';

export interface SubscriberFilters {
  q: string;
  state: string;
  after?: string | undefined;
}

export interface SubscriberListProps {
  viewer: AdminViewer;
  assets: AuthAssets;
  scope: string;
  /** The page's name; null when the page is gone (its subscribers can still be read, exported and removed). */
  title: string | null;
  /** Whether the viewer may change subscribers (admins): the server checks again (STF-3). */
  canWrite: boolean;
  list: SubscriberPage;
  filters: SubscriberFilters;
  notice?: NoticeText | undefined;
  add?: { email: string; error?: string | undefined } | undefined;
  imported?: ImportReport | undefined;
  /** An import refused: why, and its bad rows by line. */
  importRefusal?: { text: string; errors: readonly RowError[]; more: number } | undefined;
}

const STATE_OPTIONS = [
  { value: '', label: 'Any' },
  { value: 'confirmed', label: 'Confirmed' },
  { value: 'pending', label: 'Pending' },
  { value: 'unsubscribed', label: 'Unsubscribed' },
];

const day = (at: Date | null): string => (at === null ? '' : at.toISOString().slice(0, 10));

const listHref = (scope: string, filters: SubscriberFilters, after?: string): string => {
  const query = new URLSearchParams({ scope });
  if (filters.q) query.set('q', filters.q);
  if (filters.state) query.set('state', filters.state);
  if (after !== undefined) query.set('after', after);
  return `/admin/subscribers/list?${query.toString()}`;
};

/** What an import did, in a sentence. */
function importSummary(report: ImportReport): string {
  const parts = [
    `${report.created} added`,
    report.confirmed > 0 ? `${report.confirmed} pending confirmed` : '',
    report.unchanged > 0 ? `${report.unchanged} already subscribed` : '',
    report.skippedUnsubscribed > 0 ? `${report.skippedUnsubscribed} left unsubscribed (they unsubscribed themselves)` : '',
    report.skippedNotConfirmed > 0 ? `${report.skippedNotConfirmed} not confirmed in the file, skipped` : '',
    report.duplicates > 0 ? `${report.duplicates} repeated rows` : '',
    report.errorCount > 0 ? `${report.errorCount} bad rows skipped` : '',
  ].filter(Boolean);
  return `Imported ${report.rows} row${report.rows === 1 ? '' : 's'}: ${parts.join(', ')}.`;
}

/** `/admin/subscribers/list?scope=…`: one page's subscribers, searched and paged; admins add, remove, import. */
export function SubscriberListPage(props: SubscriberListProps) {
  const { viewer, assets, scope, title, canWrite, list, filters, notice, add, imported, importRefusal } = props;
  const name = title ?? scope;
  return (
    <AdminPage title={`Subscribers: ${name}`} viewer={viewer} assets={assets} current="subscribers">
      <p>
        <a href="/admin/subscribers">← All pages</a>
      </p>
      <Notice notice={notice} />
      {imported && <Notice notice={{ text: importSummary(imported) }} />}
      {importRefusal && (
        <section class="card" aria-labelledby="import-errors">
          <h2 id="import-errors">Nothing was imported</h2>
          <p role="alert">{importRefusal.text}</p>
          <DataTable headings={['Line', 'Problem']} stack>
            {importRefusal.errors.map((error) => (
              <tr>
                <td data-label="Line">{error.line}</td>
                <td data-label="Problem">{error.message}</td>
              </tr>
            ))}
          </DataTable>
          {importRefusal.more > 0 && <p class="muted">And {importRefusal.more} more.</p>}
        </section>
      )}
      <section class="card" aria-labelledby="subscribers">
        <h1 id="subscribers">Subscribers of {name}</h1>
        {title === null && <p class="warning">This page no longer exists; its subscribers are kept until removed.</p>}
        <form class="filters" method="get" action="/admin/subscribers/list" role="search">
          <input type="hidden" name="scope" value={scope} />
          <TextField id="q" name="q" label="Address starts with" type="search" value={filters.q} maxlength={254} />
          <SelectField id="state" name="state" label="State" value={filters.state} options={STATE_OPTIONS} />
          <button type="submit">Search</button>
        </form>
        {list.items.length === 0 ? (
          <p class="muted">{filters.after === undefined ? 'No subscriber matches.' : 'No more subscribers.'}</p>
        ) : (
          <DataTable headings={['Address', 'State', 'Consent', 'Since', ...(canWrite ? [{ hidden: 'Remove' }] : [])]} stack>
            {list.items.map((item) => (
              <tr>
                <td>
                  {item.email}
                  {item.componentIds !== null && (
                    <span class="muted">
                      {' '}
                      ({item.componentIds.length} component{item.componentIds.length === 1 ? '' : 's'})
                    </span>
                  )}
                </td>
                <td data-label="State">{item.state}</td>
                <td data-label="Consent">
                  {item.consentSource}
                  {item.consentAt && <span class="muted"> {day(item.consentAt)}</span>}
                </td>
                <td data-label="Since">{day(item.createdAt)}</td>
                {canWrite && (
                  <td>
                    <RowAction
                      action="/admin/subscribers/remove"
                      field={{ name: 'id', value: item.id }}
                      text="Remove"
                      label={`Remove ${item.email}`}
                    />
                  </td>
                )}
              </tr>
            ))}
          </DataTable>
        )}
        <KeysetPager
          label="Pages of subscribers"
          first={filters.after === undefined ? undefined : listHref(scope, filters)}
          next={list.next === null ? undefined : listHref(scope, filters, list.next)}
        />
        <p>
          <a href={`/admin/subscribers/export?${new URLSearchParams({ scope }).toString()}`} download>
            Export all as CSV
          </a>
        </p>
      </section>
      {canWrite && title !== null && (
        <>
          <section class="card" aria-labelledby="add">
            <h2 id="add">Add a subscriber</h2>
            <p class="lead">
              Only for someone who asked you to: they are subscribed at once, with you recorded as the source of their consent.
            </p>
            <form method="post" action="/admin/subscribers/add" novalidate>
              <input type="hidden" name="scope" value={scope} />
              <TextField
                id="email"
                name="email"
                label="Email address"
                type="email"
                value={add?.email ?? ''}
                error={add?.error}
                maxlength={254}
                required
              />
              <button type="submit" class="primary">
                Add
              </button>
            </form>
          </section>
          <section class="card" aria-labelledby="import">
            <h2 id="import">Import from CSV</h2>
            <p class="lead" id="import-hint">
              A header row, then one row per address. Columns “email” and “consent_source” (where the person agreed, e.g. “webinar sign-up
              2024”) are required; “components” (ids), “state” and “consent_at” are read when present. At most 1 MiB. Addresses already
              subscribed are left as they are; people who unsubscribed stay unsubscribed.
            </p>
            <form method="post" action="/admin/subscribers/import" enctype="multipart/form-data">
              <input type="hidden" name="scope" value={scope} />
              <div class="field">
                <label for="file">CSV file</label>
                <input id="file" name="file" type="file" accept=".csv,text/csv" required aria-describedby="import-hint" />
              </div>
              <div class="field">
                <Checkbox name="skip_invalid" value="true" label="Import the good rows even if some are bad" checked={false} />
              </div>
              <button type="submit" class="primary">
                Import
              </button>
            </form>
          </section>
        </>
      )}
    </AdminPage>
  );
}
