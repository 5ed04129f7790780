import type { QuarantinedAddress } from '../../../store/subscriptions/subscriber-admin.js';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { DataTable, KeysetPager, RowAction } from '../views/data-table.js';
import { Notice, type NoticeText, TextField } from '../views/fields.js';

export interface QuarantinePageProps {
  viewer: AdminViewer;
  assets: AuthAssets;
  canWrite: boolean;
  items: readonly QuarantinedAddress[];
  q: string;
  after?: string | undefined;
  next: string | null;
  notice?: NoticeText | undefined;
}

const pageHref = (q: string, after?: string): string => {
  const query = new URLSearchParams();
  if (q) query.set('q', q);
  if (after !== undefined) query.set('after', after);
  const text = query.toString();
  return `/admin/subscribers/quarantine${text ? `?${text}` : ''}`;
};

/** `/admin/subscribers/quarantine`: addresses a mail server refused for good, which get no mail; admins release one. */
export function QuarantinePage({ viewer, assets, canWrite, items, q, after, next, notice }: QuarantinePageProps) {
  return (
    <AdminPage title="Quarantined addresses" viewer={viewer} assets={assets} current="subscribers">
      <p>
        <a href="/admin/subscribers">← Subscribers</a>
      </p>
      <Notice notice={notice} />
      <section class="card" aria-labelledby="quarantine">
        <h1 id="quarantine">Quarantined addresses</h1>
        <p class="lead">
          A receiving mail server refused these for good (a 5xx answer), so nothing is sent to them. Release one when you know the mailbox
          works again.
        </p>
        <form class="filters" method="get" action="/admin/subscribers/quarantine" role="search">
          <TextField id="q" name="q" label="Address starts with" type="search" value={q} maxlength={254} />
          <button type="submit">Search</button>
        </form>
        {items.length === 0 ? (
          <p class="muted">{after === undefined ? 'No address is quarantined.' : 'No more addresses.'}</p>
        ) : (
          <DataTable headings={['Address', 'Why', 'Since', ...(canWrite ? [{ hidden: 'Release' }] : [])]} stack>
            {items.map((item) => (
              <tr>
                <td>{item.email}</td>
                <td data-label="Why">{item.reason}</td>
                <td data-label="Since">{item.quarantinedAt.toISOString().slice(0, 10)}</td>
                {canWrite && (
                  <td>
                    <RowAction
                      action="/admin/subscribers/quarantine/release"
                      field={{ name: 'email', value: item.email }}
                      text="Release"
                      label={`Release ${item.email}`}
                    />
                  </td>
                )}
              </tr>
            ))}
          </DataTable>
        )}
        <KeysetPager
          label="Pages of quarantined addresses"
          first={after === undefined ? undefined : pageHref(q)}
          next={next === null ? undefined : pageHref(q, next)}
        />
      </section>
    </AdminPage>
  );
}
