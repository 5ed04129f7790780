import { type Clock, systemClock } from '../domain/clock.js';
import type { Snapshot } from '../domain/snapshot.js';
import type { Database } from '../store/database.js';
import { readSnapshotData } from '../store/snapshot-read.js';

/**
 * Reads the whole read-side data set and its revision in one transaction, so a snapshot never mixes
 * two revisions: REPEATABLE READ on PostgreSQL (one view for every statement), and on SQLite a
 * transaction on its single connection reads one WAL state. The data comes in one statement (see
 * `readSnapshotData`): the reload after every write is on the path of the next page view.
 */
export async function loadSnapshot(database: Database, clock: Clock = systemClock): Promise<Snapshot> {
  return database.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      const { revision, components, groups, pages, incidents, maintenances, pageKinds } = await readSnapshotData(tx, database.capabilities.engine);
      return {
        revision,
        loadedAt: clock(),
        components: new Map(components.map((component) => [component.id, component])),
        groups: new Map(groups.map((group) => [group.id, group])),
        pages: new Map(pages.map((page) => [page.id, page])),
        incidents,
        maintenances,
        ...pageKinds,
      };
    });
}
