import type { Maintenance } from '../../../domain/status/maintenance.js';
import { maintenancePhase } from '../../../domain/status/maintenance-phase.js';
import type { MaintenancePage } from '../../../services/status/maintenance-lists.js';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { TimeRange } from '../../views/time.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { DataTable } from '../views/data-table.js';
import { Notice } from '../views/fields.js';
import { MaintenanceTabs, PhasePill, ZoneForm } from './maintenance-bits.js';

export interface MaintenanceListProps {
  viewer: AdminViewer;
  assets: AuthAssets;
  mayWrite: boolean;
  zone: string;
  now: Date;
  inProgress: MaintenancePage;
  upcoming: MaintenancePage;
  past: MaintenancePage;
  /** The cursors this screen was opened with, kept in each list's "more" link. */
  cursors: { upcoming?: string; past?: string };
  componentNames: (ids: readonly string[]) => string;
  notice?: { text: string; error?: boolean };
}

function WindowTable({
  caption,
  page,
  zone,
  now,
  componentNames,
}: Pick<MaintenanceListProps, 'zone' | 'now' | 'componentNames'> & { caption: string; page: MaintenancePage }) {
  if (page.maintenances.length === 0) return <p class="muted">None.</p>;
  return (
    <DataTable headings={['Window', 'When', 'Components', 'Phase']}>
      {page.maintenances.map((m: Maintenance) => (
        <tr>
          <td>
            <a href={`/admin/maintenance/${m.id}?zone=${encodeURIComponent(zone)}`}>{m.name}</a>
            <span class="vh"> ({caption})</span>
          </td>
          <td>
            <TimeRange start={m.scheduledStart} end={m.completedAt ?? m.scheduledEnd} zone={zone} />
          </td>
          <td>{componentNames(m.componentIds)}</td>
          <td>
            <PhasePill phase={maintenancePhase(m, now)} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** `/admin/maintenance`: windows in progress, upcoming and past, each list paged in the store. */
export function MaintenanceListPage(props: MaintenanceListProps) {
  const { viewer, assets, mayWrite, zone, inProgress, upcoming, past, cursors } = props;
  const link = (more: { upcoming?: string | undefined; past?: string | undefined }) => {
    const query = new URLSearchParams({ zone });
    if (more.upcoming) query.set('upcoming_after', more.upcoming);
    if (more.past) query.set('past_after', more.past);
    return `/admin/maintenance?${query.toString()}`;
  };
  const table = (caption: string, page: MaintenancePage) => <WindowTable {...props} caption={caption} page={page} />;
  return (
    <AdminPage title="Maintenance" viewer={viewer} assets={assets} current="maintenance">
      <Notice notice={props.notice} />
      <section class="card" aria-labelledby="maintenance">
        <h1 id="maintenance">Maintenance</h1>
        <p class="lead">Scheduled windows on components. Times are shown in {zone}.</p>
        <MaintenanceTabs current="list" zone={zone} mayWrite={mayWrite} />
        <ZoneForm action="/admin/maintenance" zone={zone} />
      </section>
      <section class="card" aria-labelledby="in-progress">
        <h2 id="in-progress">In progress</h2>
        {table('in progress', inProgress)}
        {inProgress.nextAfter && <p class="pager muted">Showing the first {inProgress.maintenances.length}, ending soonest.</p>}
      </section>
      <section class="card" aria-labelledby="upcoming">
        <h2 id="upcoming">Upcoming</h2>
        {table('upcoming', upcoming)}
        <p class="pager">
          {cursors.upcoming && <a href={link({ past: cursors.past })}>First upcoming</a>}{' '}
          {upcoming.nextAfter && <a href={link({ upcoming: upcoming.nextAfter, past: cursors.past })}>Later upcoming windows</a>}
        </p>
      </section>
      <section class="card" aria-labelledby="past">
        <h2 id="past">Past</h2>
        {table('past', past)}
        <p class="pager">
          {cursors.past && <a href={link({ upcoming: cursors.upcoming })}>Most recent</a>}{' '}
          {past.nextAfter && <a href={link({ upcoming: cursors.upcoming, past: past.nextAfter })}>Older windows</a>}
        </p>
      </section>
    </AdminPage>
  );
}
