import { type Clock, systemClock } from '../../domain/clock.js';
import { type ResolvedAtMemo, liveCutoff, mergeIncidents, mergeMaintenances } from '../../domain/history/live-window.js';
import type { Incident } from '../../domain/status/incident.js';
import type { Maintenance } from '../../domain/status/maintenance.js';
import { incidentComponentIds, incidentStartedAt } from '../../domain/status/incident-status.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { type ChangeKind, type LoggedChange, readChangesSince } from '../../store/revisions/change-log.js';
import type { Database } from '../../store/database.js';
import { findIncidentsByIds } from '../../store/status/incidents.js';
import { findMaintenancesByIds } from '../../store/status/maintenances.js';
import {
  type StructureData,
  readCatalogData,
  readFirstIncidentStarts,
  readLiveDelta,
  readLiveStateData,
  readStructureData,
} from '../../store/snapshot-read.js';
import { type Queryable, readConsistently } from '../../store/transaction.js';

/**
 * Reads the whole live state and its revision in one transaction that sees a single state (see
 * `readConsistently`), so a snapshot never mixes two revisions. Only the live window's incidents and
 * maintenance windows are read (see live-window.ts), so the cost follows what pages show now.
 */
export async function loadSnapshot(database: Database, clock: Clock = systemClock): Promise<Snapshot> {
  return readConsistently(database, (tx) => loadWhole(tx, clock()));
}

/**
 * `current` moved to the newest revision by what the writes since changed, as the change log says:
 * the incidents and maintenance windows named are read again, the structure or the catalog only when
 * a write changed them. Falls back to a whole load when the log cannot say (pruned past `current`, or
 * a write that logged `everything`). Answers `current` itself when nothing is newer. `resolvedAt`: the
 * caller's memo of incidents' resolution times, kept from one refresh to the next (see `ResolvedAtMemo`).
 *
 * @example const next = await refreshSnapshot(database, clock, holder.current(), resolvedAt)
 */
export async function refreshSnapshot(database: Database, clock: Clock, current: Snapshot, resolvedAt?: ResolvedAtMemo): Promise<Snapshot> {
  const now = clock();
  // The usual case, a run of incident and maintenance writes, costs one statement and no transaction.
  const delta = await readLiveDelta(database.db, current.revision);
  if (delta.revision <= current.revision) return current;
  if (delta.changes !== null && delta.changes.length <= MAX_DELTA_CHANGES && delta.changes.every((change) => ROW_KINDS.has(change.kind))) {
    return mergeRows(current, delta.changes, delta, delta.revision, now, resolvedAt);
  }
  return readConsistently(database, async (tx) => {
    const { revision, changes } = await readChangesSince(tx, current.revision);
    if (revision <= current.revision) return current;
    if (changes === null || changes.length > MAX_DELTA_CHANGES || changes.some((change) => change.kind === 'everything'))
      return loadWhole(tx, now);
    return applyChanges(tx, current, changes, revision, now, resolvedAt);
  });
}

/** The kinds of change `readLiveDelta` reads everything for: rows it reads again by id, and access (nothing to read). */
const ROW_KINDS: ReadonlySet<ChangeKind> = new Set(['incident', 'maintenance', 'access']);

/** Past this many changed rows (a process far behind), one whole load is cheaper than reading them one set at a time. */
const MAX_DELTA_CHANGES = 2000;

/**
 * Where each component's history begins, moved by these updated incidents. An incident's components
 * only grow and its start only moves earlier (updates are never removed), so an updated incident can
 * only bring a start earlier: taken in place. The usual write moves no start: the map is then shared,
 * not copied.
 */
function startsMovedEarlier(starts: Map<string, Date>, updated: readonly Incident[]): Map<string, Date> {
  const earlier = new Map<string, Date>();
  for (const incident of updated) {
    const startedAt = incidentStartedAt(incident);
    for (const id of incidentComponentIds(incident)) {
      const known = earlier.get(id) ?? starts.get(id);
      if (known === undefined || startedAt.getTime() < known.getTime()) earlier.set(id, startedAt);
    }
  }
  if (earlier.size === 0) return starts;
  const moved = new Map(starts);
  for (const [id, startedAt] of earlier) moved.set(id, startedAt);
  return moved;
}

/**
 * A deleted incident may move its components' starts later, so those its deletion named
 * (`incident-history`, logged by `deleteIncident`) are read again.
 */
async function rereadDeletedStarts(tx: Queryable, starts: Map<string, Date>, changes: readonly LoggedChange[]): Promise<Map<string, Date>> {
  const reread = new Set(changes.filter((change) => change.kind === 'incident-history').map((change) => change.entityId));
  if (reread.size === 0) return starts;
  const fresh = await readFirstIncidentStarts(tx, [...reread]);
  const next = new Map(starts);
  for (const id of reread) {
    const start = fresh.get(id);
    if (start === undefined) next.delete(id);
    else next.set(id, start);
  }
  return next;
}

async function loadWhole(tx: Queryable, now: Date): Promise<Snapshot> {
  const data = await readLiveStateData(tx, liveCutoff(now));
  return {
    revision: data.revision,
    loadedAt: now,
    ...structureMaps(data),
    incidents: data.incidents,
    maintenances: data.maintenances,
    firstIncidentStarts: data.firstIncidentStarts,
    ...data.pageKinds,
  };
}

/** The structure as the snapshot keeps it: each part by id. */
const structureMaps = (data: StructureData): Pick<Snapshot, 'components' | 'groups' | 'pages'> => ({
  components: new Map(data.components.map((component) => [component.id, component])),
  groups: new Map(data.groups.map((group) => [group.id, group])),
  pages: new Map(data.pages.map((page) => [page.id, page])),
});

async function applyChanges(
  tx: Queryable,
  current: Snapshot,
  changes: readonly LoggedChange[],
  revision: number,
  now: Date,
  resolvedAt: ResolvedAtMemo | undefined,
): Promise<Snapshot> {
  const idsOf = (kind: ChangeKind) => [...new Set(changes.filter((change) => change.kind === kind).map((change) => change.entityId))];
  const next: Snapshot = { ...current };

  if (changes.some((change) => change.kind === 'structure')) {
    Object.assign(next, structureMaps(await readStructureData(tx)));
  }
  if (changes.some((change) => change.kind === 'catalog')) {
    const { revision: _revision, ...catalog } = await readCatalogData(tx);
    Object.assign(next, catalog);
  }

  const updated = {
    incidents: await findIncidentsByIds(tx, idsOf('incident')),
    maintenances: await findMaintenancesByIds(tx, idsOf('maintenance')),
  };
  next.firstIncidentStarts = await rereadDeletedStarts(tx, next.firstIncidentStarts, changes);
  return mergeRows(next, changes, updated, revision, now, resolvedAt);
}

/**
 * `current` with the incidents and maintenance windows the changes name replaced by `updated` (those
 * missing from it were deleted), at `revision`, and where each component's history begins moved
 * earlier where an updated incident now starts earlier (changes naming `incident-history` are not
 * handled here: see `rereadDeletedStarts`).
 */
function mergeRows(
  current: Snapshot,
  changes: readonly LoggedChange[],
  updated: { incidents: Incident[]; maintenances: Maintenance[] },
  revision: number,
  now: Date,
  resolvedAt: ResolvedAtMemo | undefined,
): Snapshot {
  const cutoff = liveCutoff(now);
  const idsOf = (kind: ChangeKind) => new Set(changes.filter((change) => change.kind === kind).map((change) => change.entityId));
  const next: Snapshot = { ...current, revision, loadedAt: now };
  next.firstIncidentStarts = startsMovedEarlier(next.firstIncidentStarts, updated.incidents);
  // Pruned on every delta, so that incidents leave the window as a fresh load would drop them.
  next.incidents = mergeIncidents(current.incidents, idsOf('incident'), updated.incidents, cutoff, resolvedAt);
  next.maintenances = mergeMaintenances(current.maintenances, idsOf('maintenance'), updated.maintenances, cutoff);
  return next;
}
