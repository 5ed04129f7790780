import type { Incident, IncidentUpdate } from '../../../domain/status/incident.js';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { incidentStatusLabel } from '../../../domain/status/status-labels.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { Notice, TextArea, TextField, VersionInput, utcTime } from './incident-fields.js';
import type { FormState } from './incident-form.js';

export interface UpdateEditPageProps {
  viewer: AdminViewer;
  assets: AuthAssets;
  incident: Incident;
  update: IncidentUpdate;
  version: number;
  form: FormState;
  notice?: { text: string; error?: boolean };
}

/** `/admin/incidents/:id/updates/:updateId/edit`: one update's text and display time (the audit log keeps the old ones, STF-7). */
export function UpdateEditPage({ viewer, assets, incident, update, version, form, notice }: UpdateEditPageProps) {
  const base = `/admin/incidents/${encodeURIComponent(incident.id)}`;
  return (
    <AdminPage title={`Edit an update · ${incident.name}`} viewer={viewer} assets={assets} current="incidents">
      <p>
        <a href={base}>Back to {incident.name}</a>
      </p>
      <Notice text={notice?.text ?? form.errors.form} error={notice?.error ?? Boolean(form.errors.form)} />
      <section class="card" aria-labelledby="edit-update">
        <h1 id="edit-update">Edit an update</h1>
        <p class="lead">
          {incidentStatusLabel(update.status)} · {utcTime(update.displayAt)}, on “{incident.name}”. The audit log keeps the text it
          replaces.
        </p>
        <p class="muted">Now: {update.message}</p>
        <form method="post" action={`${base}/updates/${encodeURIComponent(update.id)}`} novalidate>
          <VersionInput version={version} />
          <TextArea id="message" name="message" label="Message" form={form} required />
          <TextField
            id="displayAt"
            name="displayAt"
            label="Shown at (UTC)"
            hint="Change it to back-date the update; it must not be in the future."
            type="datetime-local"
            form={form}
          />
          <div class="actions">
            <button type="submit" class="primary">
              Save
            </button>
            <a href={base}>Cancel</a>
          </div>
        </form>
      </section>
    </AdminPage>
  );
}
