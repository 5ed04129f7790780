import type { ApiKey } from '../../../domain/access/api-key.js';
import { STAFF_RESOURCES } from '../../../domain/access/staff-role.js';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { ROLE_OPTIONS, RoleSummaries } from '../views/staff-roles.js';
import { DataTable, RowAction } from '../views/data-table.js';
import { Checkbox, FieldError, Notice, SelectField, TextField } from '../views/fields.js';

/** The create form as it was sent, with what was wrong with it. */
export interface ApiKeyForm {
  name: string;
  role: string;
  scope: readonly string[];
  errors: { name?: string; role?: string; scope?: string };
}

export interface ApiKeysPageProps {
  viewer: AdminViewer;
  assets: AuthAssets;
  keys: readonly ApiKey[];
  notice?: { text: string; error?: boolean };
  form?: ApiKeyForm;
  /** A key just made: its token, shown this once (STF-4). */
  created?: { apiKey: ApiKey; token: string };
}

const day = (at: Date | null): string => (at === null ? 'never' : at.toISOString().slice(0, 10));

/** `/admin/api-keys` (admins only, STF-3): the REST API's keys with role and scope; create one (token shown once, STF-4) or revoke one. */
export function ApiKeysPage({ viewer, assets, keys, notice, form, created }: ApiKeysPageProps) {
  const errors = form?.errors ?? {};
  const scope = new Set(form?.scope ?? []);
  const live = keys.filter((key) => key.revokedAt === null);
  const revoked = keys.length - live.length;
  return (
    <AdminPage title="API keys" viewer={viewer} assets={assets} current="api-keys">
      <Notice notice={notice} />
      {created && (
        <section class="card token-once" aria-labelledby="token">
          <h2 id="token">Key “{created.apiKey.name}” created</h2>
          <p class="lead">Copy the token now: it is shown only this once. Send it as `Authorization: Bearer &lt;token&gt;`.</p>
          <label for="token-value">Token</label>
          <input id="token-value" class="token" type="text" readonly value={created.token} />
        </section>
      )}
      <section class="card" aria-labelledby="create">
        <h1 id="create">API keys</h1>
        <p class="lead">Keys open the REST API under /api/v1. A key acts with its role, narrowed to the resources you tick.</p>
        <form method="post" action="/admin/api-keys" novalidate>
          <div class="row-form">
            <TextField id="name" name="name" label="Name" value={form?.name ?? ''} error={errors.name} maxlength={200} required />
            <SelectField id="role" name="role" label="Role" value={form?.role ?? 'responder'} error={errors.role} options={ROLE_OPTIONS} />
          </div>
          <fieldset class="scope" aria-describedby={errors.scope ? 'scope-error' : 'scope-hint'}>
            <legend>Scope</legend>
            <p id="scope-hint" class="muted">
              Tick none for everything the role allows.
            </p>
            {STAFF_RESOURCES.map((resource) => (
              <Checkbox name="scope" value={resource} label={resource} checked={scope.has(resource)} />
            ))}
            <FieldError of="scope" text={errors.scope} />
          </fieldset>
          <button type="submit" class="primary">
            Create key
          </button>
        </form>
        <RoleSummaries />
      </section>
      <section class="card" aria-labelledby="keys">
        <h2 id="keys">
          Keys ({live.length} live{revoked > 0 ? `, ${revoked} revoked` : ''})
        </h2>
        <DataTable headings={['Name', 'Role and scope', 'Last used', { hidden: 'Revoke' }]}>
          {keys.map((key) => (
            <tr class={key.revokedAt === null ? undefined : 'muted'}>
              <td>
                {key.name}
                {key.prefix !== null && <span class="muted"> ({key.prefix}…)</span>}
                <br />
                <span class="muted">created {day(key.createdAt)}</span>
              </td>
              <td>
                {key.role}
                {key.scope !== null && <span class="muted">: {key.scope.join(', ')}</span>}
              </td>
              <td>{day(key.lastUsedAt)}</td>
              <td>
                {key.revokedAt === null ? (
                  <RowAction
                    action="/admin/api-keys/revoke"
                    field={{ name: 'id', value: key.id }}
                    text="Revoke"
                    label={`Revoke ${key.name}`}
                  />
                ) : (
                  <span class="muted">revoked {day(key.revokedAt)}</span>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </section>
    </AdminPage>
  );
}
