import type { MaintenancePhase } from '../../../domain/status/maintenance.js';
import { type FieldProps, SelectField, plainOptions } from '../views/fields.js';
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

/** The zone field (`name="zone"`): every known zone, `value` chosen. */
export const ZoneField = (props: Omit<FieldProps, 'name'>) => (
  <SelectField {...props} name="zone" options={plainOptions(zoneOptions(props.value))} />
);

/** A GET form choosing the zone a screen shows times in (kept in `?zone=`; `extra` keeps the other query fields). */
export function ZoneForm({ action, zone, extra = {} }: { action: string; zone: string; extra?: Record<string, string> }) {
  return (
    <form class="zone-form" method="get" action={action}>
      {Object.entries(extra).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <ZoneField id="view-zone" label="Times shown in" value={zone} />
      <button type="submit">Show</button>
    </form>
  );
}
