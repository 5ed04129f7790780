import type { AffectedComponentView, IncidentView, UpdateView } from '../../domain/page-view.js';
import { formatDuration } from './format.js';
import { StatusLabel } from './status-label.js';
import { Time } from './time.js';

export function Affects({ components }: { components: readonly { name: string }[] }) {
  if (components.length === 0) return null;
  return (
    <p class="affects">
      <span class="affects-label">Affects</span> {components.map((component) => component.name).join(', ')}
    </p>
  );
}

/** The incident's worst impact in words and shape, or a neutral note when it had none. */
export function ImpactLabel({ incident }: { incident: IncidentView }) {
  return incident.impact === null ? (
    <span class="status st-none">No component impact</span>
  ) : (
    <StatusLabel status={incident.impact} label={incident.impactLabel} />
  );
}

export function Update({ update, zone }: { update: UpdateView; zone: string }) {
  return (
    <li class={`update us-${update.status}`}>
      <p class="update-head">
        <strong class={`ps ps-${update.status}`}>{update.statusLabel}</strong>
        <Time at={update.at} zone={zone} />
      </p>
      <p class="msg">{update.message}</p>
      {update.impacts.length > 0 && <ImpactChanges impacts={update.impacts} />}
    </li>
  );
}

function ImpactChanges({ impacts }: { impacts: AffectedComponentView[] }) {
  return (
    <p class="changes">
      {impacts.map((change, index) => (
        <>
          {index > 0 && ', '}
          {change.name}: {change.impactLabel ?? 'Operational'}
        </>
      ))}
    </p>
  );
}

function Duration({ incident }: { incident: IncidentView }) {
  if (incident.resolvedAt === null) return null;
  return <> · lasted {formatDuration(incident.resolvedAt.getTime() - incident.startedAt.getTime())}</>;
}

/**
 * An incident as a card: `active` shows the latest update (the status page's open incidents),
 * `timeline` every update (recent incidents), `summary` the latest update of a past one (history).
 */
export function IncidentCard({ incident, zone, variant }: { incident: IncidentView; zone: string; variant: 'active' | 'timeline' | 'summary' }) {
  const titleId = `incident-${incident.id}`;
  const isFirstWord = incident.startedAt.getTime() === incident.latestUpdate.at.getTime();
  const latestLabel = variant === 'active' ? (isFirstWord ? 'Posted' : 'Updated') : incident.latestUpdate.statusLabel;
  return (
    <article class={`incident im-${incident.impact ?? 'none'}`} aria-labelledby={titleId}>
      <div class="incident-head">
        <h3 id={titleId}>
          <a href={incident.path}>{incident.name}</a>
        </h3>
        <span class={`pill ps-${incident.status}`}>{incident.statusLabel}</span>
      </div>
      <div class="incident-sub">
        <ImpactLabel incident={incident} />
        <Affects components={incident.components} />
      </div>
      {variant === 'timeline' ? (
        <ol class="updates">
          {incident.updates.map((update) => (
            <Update update={update} zone={zone} />
          ))}
        </ol>
      ) : (
        <div class="latest">
          <p class="msg">{incident.latestUpdate.message}</p>
          <p class="meta">
            {latestLabel} <Time at={incident.latestUpdate.at} zone={zone} />
          </p>
        </div>
      )}
      {!(variant === 'active' && isFirstWord) && (
        <p class="meta span">
          Started <Time at={incident.startedAt} zone={zone} />
          {incident.resolvedAt && (
            <>
              {' '}
              · Resolved <Time at={incident.resolvedAt} zone={zone} />
            </>
          )}
          <Duration incident={incident} />
        </p>
      )}
    </article>
  );
}
