import type { Maintenance, MaintenancePhase } from '../../../domain/status/maintenance.js';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { Time } from '../../views/time.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { Notice, NotifyField } from '../views/fields.js';
import { MaintenanceTabs, PhasePill, ZoneForm } from './maintenance-bits.js';

export interface MaintenanceDetailProps {
  viewer: AdminViewer;
  assets: AuthAssets;
  mayWrite: boolean;
  maintenance: Maintenance;
  phase: MaintenancePhase;
  zone: string;
  componentNames: (ids: readonly string[]) => string;
  notice?: { text: string; error?: boolean };
  /** The closing message as typed, kept after a refusal. */
  message?: string;
}

/** The window's actions for its phase: edit and start early while scheduled; complete early while in progress; cancel until it is over. */
function Actions({
  maintenance,
  phase,
  zone,
  message,
}: {
  maintenance: Maintenance;
  phase: MaintenancePhase;
  zone: string;
  message: string;
}) {
  const base = `/admin/maintenance/${maintenance.id}`;
  const query = `?zone=${encodeURIComponent(zone)}`;
  if (phase === 'completed' || phase === 'cancelled') {
    return <p class="muted">This window is over: it is kept as history.</p>;
  }
  return (
    <>
      <p class="row-form">
        <a href={`${base}/edit${query}`}>Edit</a>
        <a href={`${base}/cancel${query}`}>Cancel this window…</a>
      </p>
      {phase === 'scheduled' && (
        <form class="row-form" method="post" action={`${base}/start`}>
          <input type="hidden" name="zone" value={zone} />
          <NotifyField id="start-notify" checked />
          <button type="submit">Start now</button>
          <span class="muted">Starts it now, before its scheduled start; the end stays.</span>
        </form>
      )}
      {phase === 'in_progress' && (
        <form class="maint-form" method="post" action={`${base}/complete`}>
          <input type="hidden" name="zone" value={zone} />
          <div class="field">
            <label for="complete-message">Closing message (optional)</label>
            <textarea id="complete-message" name="message" maxlength={10_000}>
              {message}
            </textarea>
          </div>
          <NotifyField id="complete-notify" checked />
          <div class="actions">
            <button type="submit" class="primary">
              Complete now
            </button>
          </div>
        </form>
      )}
    </>
  );
}

/** `/admin/maintenance/<id>`: one window, its phase and updates, and (for responders and admins) what can be done to it. */
export function MaintenanceDetailPage(props: MaintenanceDetailProps) {
  const { viewer, assets, mayWrite, maintenance: m, phase, zone, componentNames } = props;
  return (
    <AdminPage title={m.name} viewer={viewer} assets={assets} current="maintenance">
      <Notice notice={props.notice} />
      <section class="card" aria-labelledby="window">
        <MaintenanceTabs current={null} zone={zone} mayWrite={mayWrite} />
        <h1 id="window">
          {m.name} <PhasePill phase={phase} />
        </h1>
        <dl class="details">
          <dt>Start</dt>
          <dd>
            <Time at={m.scheduledStart} zone={zone} />
          </dd>
          <dt>End</dt>
          <dd>
            <Time at={m.scheduledEnd} zone={zone} />
          </dd>
          {m.completedAt && (
            <>
              <dt>Completed</dt>
              <dd>
                <Time at={m.completedAt} zone={zone} />
              </dd>
            </>
          )}
          {m.cancelledAt && (
            <>
              <dt>Cancelled</dt>
              <dd>
                <Time at={m.cancelledAt} zone={zone} />
              </dd>
            </>
          )}
          <dt>Components</dt>
          <dd>{componentNames(m.componentIds)}</dd>
          <dt>Message</dt>
          <dd class="msg">{m.description ?? '—'}</dd>
        </dl>
        <ZoneForm action={`/admin/maintenance/${m.id}`} zone={zone} />
      </section>
      {m.updates.length > 0 && (
        <section class="card" aria-labelledby="updates">
          <h2 id="updates">Updates</h2>
          <ul class="muted">
            {m.updates.map((update) => (
              <li>
                <Time at={update.createdAt} zone={zone} />: <span class="msg">{update.message}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {mayWrite && (
        <section class="card" aria-labelledby="actions">
          <h2 id="actions">Actions</h2>
          <Actions maintenance={m} phase={phase} zone={zone} message={props.message ?? ''} />
        </section>
      )}
    </AdminPage>
  );
}

/** `/admin/maintenance/<id>/cancel`: the confirmation a cancellation needs (a POST with `confirm=yes`). */
export function CancelPage(props: Omit<MaintenanceDetailProps, 'mayWrite' | 'componentNames'>) {
  const { viewer, assets, maintenance: m, zone } = props;
  return (
    <AdminPage title={`Cancel ${m.name}`} viewer={viewer} assets={assets} current="maintenance">
      <Notice notice={props.notice} />
      <section class="card" aria-labelledby="cancel">
        <h1 id="cancel">Cancel “{m.name}”?</h1>
        <p class="lead">
          Scheduled from <Time at={m.scheduledStart} zone={zone} /> to <Time at={m.scheduledEnd} zone={zone} />. Cancelling cannot be
          undone: the status pages show it as cancelled.
        </p>
        <form class="maint-form" method="post" action={`/admin/maintenance/${m.id}/cancel`}>
          <input type="hidden" name="confirm" value="yes" />
          <input type="hidden" name="zone" value={zone} />
          <div class="field">
            <label for="cancel-message">Message (optional)</label>
            <textarea id="cancel-message" name="message" maxlength={10_000}>
              {props.message ?? ''}
            </textarea>
          </div>
          <NotifyField id="cancel-notify" checked />
          <div class="actions">
            <button type="submit" class="danger">
              Yes, cancel this window
            </button>
            <a href={`/admin/maintenance/${m.id}?zone=${encodeURIComponent(zone)}`}>No, keep it</a>
          </div>
        </form>
      </section>
    </AdminPage>
  );
}
