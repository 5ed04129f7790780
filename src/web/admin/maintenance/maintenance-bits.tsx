import type { MaintenancePhase } from '../../../domain/status/maintenance.js';
import { zoneOptions } from './time-zones.js';

const PHASE_LABELS: Readonly<Record<MaintenancePhase, string>> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export function PhasePill({ phase }: { phase: MaintenancePhase }) {
  return <span class={`pill ps-${phase}`}>{PHASE_LABELS[phase]}</span>;
}

/** A message after a change (`status`) or a refusal (`alert`), where the screen starts. */
export function Notice({ notice }: { notice?: { text: string; error?: boolean } | undefined }) {
  if (!notice) return null;
  return (
    <p class={notice.error ? 'notice error' : 'notice'} role={notice.error ? 'alert' : 'status'}>
      {notice.text}
    </p>
  );
}

/** The maintenance screens' own navigation: the lists, the calendar and, for those who may, scheduling. */
export function MaintenanceTabs({
  current,
  zone,
  mayWrite,
}: {
  current: 'list' | 'calendar' | 'new' | null;
  zone: string;
  mayWrite: boolean;
}) {
  const query = `?zone=${encodeURIComponent(zone)}`;
  return (
    <nav class="subnav" aria-label="Maintenance">
      <a href={`/admin/maintenance${query}`} aria-current={current === 'list' ? 'page' : undefined}>
        Windows
      </a>
      <a href={`/admin/maintenance/calendar${query}`} aria-current={current === 'calendar' ? 'page' : undefined}>
        Calendar
      </a>
      {mayWrite && (
        <a class="spacer" href={`/admin/maintenance/new${query}`} aria-current={current === 'new' ? 'page' : undefined}>
          Schedule maintenance
        </a>
      )}
    </nav>
  );
}

/** The zone select, every known zone with `value` chosen. */
export function ZoneSelect({ id, value, describedBy, invalid }: { id: string; value: string; describedBy?: string; invalid?: boolean }) {
  return (
    <select id={id} name="zone" aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
      {zoneOptions(value).map((zone) => (
        <option value={zone} selected={zone === value}>
          {zone}
        </option>
      ))}
    </select>
  );
}

/** A GET form choosing the zone a screen shows times in (kept in `?zone=`; `extra` keeps the other query fields). */
export function ZoneForm({ action, zone, extra = {} }: { action: string; zone: string; extra?: Record<string, string> }) {
  return (
    <form class="zone-form" method="get" action={action}>
      {Object.entries(extra).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <div class="field">
        <label for="view-zone">Times shown in</label>
        <ZoneSelect id="view-zone" value={zone} />
      </div>
      <button type="submit">Show</button>
    </form>
  );
}
