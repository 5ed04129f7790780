import type { Incident } from '../../../domain/status/incident.js';
import { orderedUpdates } from '../../../domain/status/incident-updates.js';
import { componentStatusLabel, incidentStatusLabel } from '../../../domain/status/status-labels.js';
import { utcTime } from './incident-fields.js';
import type { IncidentSummary } from './incident-summary.js';

export interface IncidentLiveProps {
  incident: Incident;
  summary: IncidentSummary;
  names: ReadonlyMap<string, string>;
  canWrite: boolean;
}

/**
 * What another staff member's change can alter on the incident screen: the summary and the timeline
 * (newest first). The screen's script swaps in a fresh copy (`/timeline`) when the incident changes;
 * the forms stay as they are, with what was typed in them.
 */
export function IncidentLive({ incident, summary, names, canWrite }: IncidentLiveProps) {
  const base = `/admin/incidents/${encodeURIComponent(incident.id)}`;
  return (
    <>
      <section class="card" aria-labelledby="incident-name">
        <h1 id="incident-name">{incident.name}</h1>
        <dl class="facts">
          <dt>Status</dt>
          <dd>{summary.status}</dd>
          <dt>Started</dt>
          <dd>
            <time datetime={summary.startedAt.toISOString()}>{utcTime(summary.startedAt)}</time>
          </dd>
          <dt>Impacted now</dt>
          <dd>{summary.impacted.length === 0 ? 'none' : summary.impacted.join(', ')}</dd>
        </dl>
      </section>
      <section class="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <ol class="timeline" reversed>
          {[...orderedUpdates(incident)].reverse().map((update) => (
            <li>
              <p>
                <strong>{incidentStatusLabel(update.status)}</strong> ·{' '}
                <time datetime={update.displayAt.toISOString()}>{utcTime(update.displayAt)}</time>
                {update.displayAt.getTime() !== update.createdAt.getTime() && (
                  <span class="muted"> (posted {utcTime(update.createdAt)})</span>
                )}
              </p>
              <p class="update-message">{update.message}</p>
              {update.impacts.length > 0 && (
                <p class="muted">
                  {update.impacts
                    .map(
                      (change) =>
                        `${names.get(change.componentId) ?? change.componentId}: ${change.impact ? componentStatusLabel(change.impact) : 'none'}`,
                    )
                    .join('; ')}
                </p>
              )}
              {canWrite && (
                <a
                  href={`${base}/updates/${encodeURIComponent(update.id)}/edit`}
                  aria-label={`Edit the ${utcTime(update.displayAt)} update`}
                >
                  Edit
                </a>
              )}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
