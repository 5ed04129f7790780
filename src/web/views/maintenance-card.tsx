import type { MaintenanceView } from './models/page-view.js';
import { Affects } from './incident-card.js';
import { Time, TimeRange } from './time.js';

const PHASE_LABELS = { scheduled: 'Scheduled', in_progress: 'In progress', completed: 'Completed', cancelled: 'Cancelled' } as const;

/** A maintenance window: when, what it touches, and its latest word. */
export function MaintenanceCard({ maintenance, zone }: { maintenance: MaintenanceView; zone: string }) {
  const titleId = `maintenance-${maintenance.id}`;
  const [latest] = maintenance.updates;
  return (
    <article class={`incident maint ph-${maintenance.phase}`} aria-labelledby={titleId}>
      <div class="incident-head">
        <h3 id={titleId}>{maintenance.name}</h3>
        <span class={`pill ps-${maintenance.phase}`}>{PHASE_LABELS[maintenance.phase]}</span>
      </div>
      <p class="when">
        <TimeRange start={maintenance.scheduledStart} end={maintenance.scheduledEnd} zone={zone} />
      </p>
      <Affects components={maintenance.components} />
      {maintenance.description && <p class="msg">{maintenance.description}</p>}
      {latest && (
        <div class="latest">
          <p class="msg">{latest.message}</p>
          <p class="meta">
            Updated <Time at={latest.at} zone={zone} />
          </p>
        </div>
      )}
    </article>
  );
}
