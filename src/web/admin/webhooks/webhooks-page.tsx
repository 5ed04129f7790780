import { WEBHOOK_FORMATS, type WebhookEndpoint } from '../../../domain/webhooks/webhook-endpoint.js';
import type { WebhookDeliveryRecord } from '../../../store/webhooks/webhook-deliveries.js';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { DataTable, RowAction } from '../views/data-table.js';
import { Notice, SelectField, TextField, plainOptions } from '../views/fields.js';

interface WebhookForm {
  scope: string;
  url: string;
  format: string;
  error?: string;
}

export interface WebhooksPageProps {
  viewer: AdminViewer;
  assets: AuthAssets;
  /** The scope listed, or '' for every endpoint. */
  scope: string;
  endpoints: readonly WebhookEndpoint[];
  /** The last id shown when a further page exists. */
  nextAfter: string | null;
  canWrite: boolean;
  notice?: { text: string; error?: boolean };
  form?: WebhookForm;
  /** A secret just made (new endpoint or rotation), shown this once. */
  secret?: { url: string; secret: string };
}

const FORMAT_OPTIONS = [{ value: '', label: 'Detect from the URL' }, ...plainOptions(WEBHOOK_FORMATS)];

/** `/admin/webhooks`: endpoints per page scope; add (secret shown once), rotate, disable/enable, delete. */
export function WebhooksPage({ viewer, assets, scope, endpoints, nextAfter, canWrite, notice, form, secret }: WebhooksPageProps) {
  const query = scope === '' ? '' : `scope=${encodeURIComponent(scope)}&`;
  return (
    <AdminPage title="Webhooks" viewer={viewer} assets={assets} current="webhooks">
      <Notice notice={notice} />
      {secret && (
        <section class="card token-once" aria-labelledby="secret">
          <h2 id="secret">Signing secret for {secret.url}</h2>
          <p class="lead">Copy it now: it is shown only this once.</p>
          <label for="secret-value">Secret</label>
          <input id="secret-value" class="token" type="text" readonly value={secret.secret} />
        </section>
      )}
      <section class="card" aria-labelledby="webhooks">
        <h1 id="webhooks">Webhooks</h1>
        <p class="lead">Each endpoint gets every announced update on its page, signed per Standard Webhooks (docs/webhooks.md).</p>
        <form method="get" action="/admin/webhooks" class="row-form">
          <TextField id="filter-scope" name="scope" label="Scope (page:…, sub:…/…, customer:…)" value={scope} maxlength={300} />
          <button type="submit">Show</button>
        </form>
        {canWrite && (
          <form method="post" action="/admin/webhooks" novalidate>
            <div class="row-form">
              <TextField id="scope" name="scope" label="Scope" value={form?.scope ?? scope} maxlength={300} required />
              <TextField id="url" name="url" label="URL" value={form?.url ?? ''} error={form?.error} maxlength={2000} required />
              <SelectField id="format" name="format" label="Format" value={form?.format ?? ''} options={FORMAT_OPTIONS} />
            </div>
            <button type="submit" class="primary">
              Add endpoint
            </button>
          </form>
        )}
      </section>
      <section class="card" aria-labelledby="endpoints">
        <h2 id="endpoints">Endpoints</h2>
        <DataTable headings={['URL', 'Scope and format', 'State', { hidden: 'Actions' }]}>
          {endpoints.map((endpoint) => (
            <tr class={endpoint.state === 'active' ? undefined : 'muted'}>
              <td>
                <a href={`/admin/webhooks/${encodeURIComponent(endpoint.id)}/deliveries`}>{endpoint.url}</a>
                <br />
                <span class="muted">by {endpoint.createdBy}</span>
              </td>
              <td>
                {endpoint.scope}
                <br />
                <span class="muted">{endpoint.format}</span>
              </td>
              <td>{endpoint.state === 'active' ? 'active' : `disabled: ${endpoint.disabledReason ?? ''}`}</td>
              <td>
                {canWrite && (
                  <>
                    <RowAction
                      action="/admin/webhooks/rotate"
                      field={{ name: 'id', value: endpoint.id }}
                      text="Rotate secret"
                      label={`Rotate the secret of ${endpoint.url}`}
                    />
                    <RowAction
                      action={endpoint.state === 'active' ? '/admin/webhooks/disable' : '/admin/webhooks/enable'}
                      field={{ name: 'id', value: endpoint.id }}
                      text={endpoint.state === 'active' ? 'Disable' : 'Enable'}
                      label={`${endpoint.state === 'active' ? 'Disable' : 'Enable'} ${endpoint.url}`}
                    />
                    <RowAction
                      action="/admin/webhooks/delete"
                      field={{ name: 'id', value: endpoint.id }}
                      text="Delete"
                      label={`Delete ${endpoint.url}`}
                    />
                  </>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
        {nextAfter !== null && <a href={`/admin/webhooks?${query}after=${encodeURIComponent(nextAfter)}`}>Next page</a>}
      </section>
    </AdminPage>
  );
}

/** `/admin/webhooks/<id>/deliveries`: every attempt, newest first, with the receiver's answer (staff only, WH-3) and replay. */
export function WebhookDeliveriesPage(props: {
  viewer: AdminViewer;
  assets: AuthAssets;
  endpoint: WebhookEndpoint;
  deliveries: readonly WebhookDeliveryRecord[];
  canWrite: boolean;
  notice?: { text: string; error?: boolean };
}) {
  const { endpoint } = props;
  return (
    <AdminPage title="Webhook deliveries" viewer={props.viewer} assets={props.assets} current="webhooks">
      <Notice notice={props.notice} />
      <section class="card" aria-labelledby="log">
        <h1 id="log">Deliveries to {endpoint.url}</h1>
        <p class="lead">
          {endpoint.scope}, {endpoint.format}, {endpoint.state}. <a href="/admin/webhooks">All webhooks</a>
        </p>
        <DataTable headings={['When', 'Event', 'Outcome', 'Response', { hidden: 'Replay' }]}>
          {props.deliveries.map((delivery) => (
            <tr>
              <td>
                {delivery.at.toISOString()}
                <br />
                <span class="muted">attempt {delivery.attempt}</span>
              </td>
              <td>{delivery.eventType}</td>
              <td>
                {delivery.outcome} {delivery.statusCode ?? ''} <span class="muted">{delivery.durationMs} ms</span>
                {delivery.error && (
                  <>
                    <br />
                    <span class="muted">{delivery.error}</span>
                  </>
                )}
              </td>
              <td>
                <code>{(delivery.responseExcerpt ?? '').slice(0, 200)}</code>
              </td>
              <td>
                {props.canWrite && (
                  <RowAction
                    action={`/admin/webhooks/${encodeURIComponent(endpoint.id)}/replay`}
                    field={{ name: 'deliveryId', value: delivery.id }}
                    text="Replay"
                    label={`Replay the delivery of ${delivery.at.toISOString()}`}
                  />
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </section>
    </AdminPage>
  );
}
