import type { Incident } from '../../../domain/status/incident.js';
import { isIncidentOpen } from '../../../domain/status/incident-status.js';
import type { Impact } from '../../../domain/status/impact.js';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { type GridSection, ImpactGrid } from './impact-grid.js';
import { Notice, StatusField, TextArea, TextField, VersionInput } from './incident-fields.js';
import type { FormState } from './incident-form.js';
import type { IncidentSummary } from './incident-summary.js';
import { IncidentLive } from './incident-timeline.js';
import { type PublishReview, ReviewPanel } from '../views/review-panel.js';
import { NotifyField, notifyChosen } from '../views/fields.js';

/** The screen's forms, each as it was sent (after a refusal) or fresh. */
export interface IncidentForms {
  update: FormState;
  resolve: FormState;
  rename: FormState;
}

export interface IncidentPageProps {
  viewer: AdminViewer;
  assets: AuthAssets;
  script: { src: string; nonce: string };
  canWrite: boolean;
  incident: Incident;
  version: number;
  summary: IncidentSummary;
  names: ReadonlyMap<string, string>;
  sections: readonly GridSection[];
  current: ReadonlyMap<string, Impact>;
  forms: IncidentForms;
  notice?: { text: string; error?: boolean };
  /** The review of the update form as sent: where the incident shows, and how it would look with the update. */
  review?: PublishReview;
}

/**
 * `/admin/incidents/:id`: the summary and timeline (kept current by the screen's script through
 * `/events`), then the forms: post an update, resolve, rename, delete. Every form carries the
 * version shown; a write based on an older one is refused (409) and this screen comes back with the
 * newer state and what was typed.
 */
export function IncidentPage(props: IncidentPageProps) {
  const { viewer, assets, script, canWrite, incident, version, summary, names, sections, current, forms, notice, review } = props;
  const base = `/admin/incidents/${encodeURIComponent(incident.id)}`;
  return (
    <AdminPage title={incident.name} viewer={viewer} assets={assets} current="incidents" script={script}>
      <p>
        <a href="/admin/incidents">All incidents</a>
      </p>
      <Notice text={notice?.text} error={notice?.error} />
      <p id="live-notice" class="notice error" role="status" hidden>
        This incident was just changed by someone else: the timeline below is the newest. Your forms still hold what you typed;{' '}
        <a href={base}>reload</a> to act on the newest version.
      </p>
      <div
        id="live"
        class="live-part"
        data-live-incident
        data-events={`${base}/events?version=${version}`}
        data-timeline={`${base}/timeline`}
      >
        <IncidentLive incident={incident} summary={summary} names={names} canWrite={canWrite} />
      </div>
      {canWrite && (
        <>
          {review && <ReviewPanel review={review} what="incident" publish="Post update" />}
          <section class="card" aria-labelledby="post-update">
            <h2 id="post-update">Post an update</h2>
            <form method="post" action={`${base}/updates`} novalidate>
              <Notice text={forms.update.errors.form} error />
              <VersionInput version={version} />
              <StatusField id="update-status" name="status" label="Status" form={forms.update} />
              <TextArea id="update-message" name="message" label="Message" form={forms.update} required />
              <TextField
                id="update-displayAt"
                name="displayAt"
                label="Shown at (UTC, optional)"
                hint="Leave empty for now; a past time back-dates the update."
                type="datetime-local"
                form={forms.update}
              />
              <ImpactGrid sections={sections} form={forms.update} mode="update" current={current} />
              <NotifyField id="update-notify" checked={notifyChosen(forms.update.values)} />
              <div class="actions">
                <button type="submit" formaction={`${base}/updates/review`}>
                  Review
                </button>
                <button type="submit" class="primary">
                  Post update
                </button>
              </div>
            </form>
          </section>
          {isIncidentOpen(incident) && (
            <section class="card" aria-labelledby="resolve">
              <h2 id="resolve">Resolve</h2>
              <form method="post" action={`${base}/resolve`} novalidate>
                <Notice text={forms.resolve.errors.form} error />
                <VersionInput version={version} />
                <TextArea id="resolve-message" name="message" label="Message (optional)" form={forms.resolve} />
                <NotifyField id="resolve-notify" checked={notifyChosen(forms.resolve.values)} />
                <div class="actions">
                  <button type="submit" class="primary">
                    Resolve incident
                  </button>
                </div>
              </form>
            </section>
          )}
          <section class="card" aria-labelledby="rename">
            <h2 id="rename">Rename</h2>
            <form class="row-form" method="post" action={`${base}/rename`} novalidate>
              <Notice text={forms.rename.errors.form} error />
              <VersionInput version={version} />
              <TextField id="rename-name" name="name" label="Name" form={forms.rename} maxlength={200} required />
              <button type="submit">Rename</button>
            </form>
          </section>
          <section class="card" aria-labelledby="delete">
            <h2 id="delete">Delete</h2>
            <p class="lead">Deleting removes the incident and its whole timeline from every page.</p>
            <p>
              <a class="link-button danger" href={`${base}/delete`}>
                Delete this incident…
              </a>
            </p>
          </section>
        </>
      )}
    </AdminPage>
  );
}
