import { type Clock, systemClock } from '../domain/clock.js';
import type { Snapshot } from '../domain/snapshot.js';
import { loadAllComponents } from '../store/components.js';
import type { Database } from '../store/database.js';
import { loadAllGroups } from '../store/groups.js';
import { loadAllIncidents } from '../store/incidents.js';
import { loadAllMaintenances } from '../store/maintenances.js';
import { loadAllPages } from '../store/pages.js';
import { loadPageKindsSnapshotPart } from '../store/page-kinds-snapshot.js';
import { readRevision } from '../store/transaction.js';

/**
 * Reads the whole read-side data set and its revision in one transaction, so a snapshot never mixes
 * two revisions: REPEATABLE READ on PostgreSQL (one view for every statement), and on SQLite a
 * transaction on its single connection reads one WAL state.
 */
export async function loadSnapshot(database: Database, clock: Clock = systemClock): Promise<Snapshot> {
  return database.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      const revision = await readRevision(tx);
      const components = await loadAllComponents(tx);
      const groups = await loadAllGroups(tx);
      const pages = await loadAllPages(tx);
      const incidents = await loadAllIncidents(tx);
      const maintenances = await loadAllMaintenances(tx);
      return {
        revision,
        loadedAt: clock(),
        components: new Map(components.map((component) => [component.id, component])),
        groups: new Map(groups.map((group) => [group.id, group])),
        pages: new Map(pages.map((page) => [page.id, page])),
        incidents,
        maintenances,
        ...(await loadPageKindsSnapshotPart(tx)),
      };
    });
}
