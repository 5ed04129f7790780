import type { Incident } from '../../../domain/status/incident.js';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { Notice, VersionInput } from './incident-fields.js';

export interface DeletePageProps {
  viewer: AdminViewer;
  assets: AuthAssets;
  incident: Incident;
  version: number;
  notice?: { text: string; error?: boolean };
}

/** `/admin/incidents/:id/delete`: the confirmation step; only its POST deletes (STF-5). */
export function DeletePage({ viewer, assets, incident, version, notice }: DeletePageProps) {
  const base = `/admin/incidents/${encodeURIComponent(incident.id)}`;
  return (
    <AdminPage title={`Delete · ${incident.name}`} viewer={viewer} assets={assets} current="incidents">
      <Notice text={notice?.text} error={notice?.error} />
      <section class="card" aria-labelledby="confirm">
        <h1 id="confirm">Delete “{incident.name}”?</h1>
        <p class="lead">
          The incident and its {incident.updates.length} update{incident.updates.length === 1 ? '' : 's'} disappear from every page and from
          the components' history. This cannot be undone.
        </p>
        <form class="actions" method="post" action={`${base}/delete`}>
          <VersionInput version={version} />
          <button type="submit" class="danger">
            Delete incident
          </button>
          <a href={base}>Cancel</a>
        </form>
      </section>
    </AdminPage>
  );
}
