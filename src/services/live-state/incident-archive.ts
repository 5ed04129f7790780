import { createHash } from 'node:crypto';
import type { HistoryStartMemo } from '../../domain/history/history-range.js';
import type { Page } from '../../domain/pages/page.js';
import type { Incident } from '../../domain/status/incident.js';
import type { Maintenance } from '../../domain/status/maintenance.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { findIncidentsByIds, findIncidentsOverlapping } from '../../store/status/incidents.js';
import { listRecentIncidentsOn, listRecentMaintenancesOn } from '../../store/status/recent-on-components.js';
import { isPlausibleId } from '../status/component-refs.js';
import type { ServiceContext } from '../context.js';

/**
 * Incidents beyond the live state, read from the store when a page asks: an old incident's page, and
 * the incidents of a history month. Answers are kept for the snapshot's revision only (a write may
 * change any of them), in a cache bounded by entries and by an estimate of their size, so that the
 * pages of one month across every sub-page and customer page cost one read.
 */
export interface IncidentArchive {
  /** The incident, from the live state when it holds it, else from the store; null when there is none. */
  findIncident(snapshot: Snapshot, id: string): Promise<Incident | null>;
  /** Every incident whose span reaches into [from, to), oldest first (creation time, then id). */
  incidentsOverlapping(snapshot: Snapshot, from: Date, to: Date): Promise<readonly Incident[]>;
  /**
   * The latest `limit` incidents naming any of `componentIds` (a page's), newest first (creation time,
   * then id), from the store: a page's recent incidents beyond the live state (the v2 API's lists).
   */
  recentIncidentsOn(snapshot: Snapshot, componentIds: readonly string[], limit: number): Promise<readonly Incident[]>;
  /** The latest `limit` maintenance windows on any of `componentIds`, latest scheduled start first, from the store. */
  recentMaintenancesOn(snapshot: Snapshot, componentIds: readonly string[], limit: number): Promise<readonly Maintenance[]>;
  /** Where each page's history begins in `snapshot`, remembered for as long as the snapshot lives (see `HistoryStartMemo`). */
  historyStarts(snapshot: Snapshot): HistoryStartMemo;
}

export interface IncidentArchiveOptions {
  /** Most answers kept (BEACON_ARCHIVE_CACHE_MB's entries). */
  maxEntries: number;
  /** Most bytes of answers kept, estimated from their text. */
  maxBytes: number;
}

interface Kept {
  value: Promise<unknown>;
  bytes: number;
}

export function createIncidentArchive(ctx: Pick<ServiceContext, 'database'>, options: IncidentArchiveOptions): IncidentArchive {
  const { maxEntries, maxBytes } = options;
  let revision = -1;
  let kept = new Map<string, Kept>();
  let bytes = 0;
  // Per snapshot and page object; weak, so both go when nothing else holds them.
  const starts = new WeakMap<Snapshot, WeakMap<Page, number>>();

  /** One read per key and revision; concurrent askers share it, and a failed read is not kept. */
  function remember<T>(snapshot: Snapshot, key: string, read: () => Promise<T>, sizeOf: (value: T) => number): Promise<T> {
    if (snapshot.revision > revision) {
      revision = snapshot.revision;
      kept = new Map();
      bytes = 0;
    }
    // A reader still on an older snapshot gets its answer but does not fill the newer revision's cache.
    if (snapshot.revision < revision) return read();
    const known = kept.get(key);
    if (known !== undefined) {
      kept.delete(key);
      kept.set(key, known);
      return known.value as Promise<T>;
    }
    const entries = kept;
    const slot: Kept = { value: read(), bytes: 0 };
    entries.set(key, slot);
    slot.value.then(
      (value) => {
        if (entries !== kept || entries.get(key) !== slot) return;
        slot.bytes = sizeOf(value as T);
        bytes += slot.bytes;
        evict();
      },
      () => {
        if (entries.get(key) === slot) entries.delete(key);
      },
    );
    evict();
    return slot.value as Promise<T>;
  }

  function evict(): void {
    for (const [key, slot] of kept) {
      if (kept.size <= maxEntries && bytes <= maxBytes) return;
      kept.delete(key);
      bytes -= slot.bytes;
    }
  }

  return {
    async findIncident(snapshot, id) {
      const live = snapshot.incidents.find((incident) => incident.id === id);
      if (live !== undefined) return live;
      if (!isPlausibleId(id)) return null;
      return remember(
        snapshot,
        `incident\0${id}`,
        async () => (await findIncidentsByIds(ctx.database.db, [id]))[0] ?? null,
        (found) => (found ? incidentBytes(found) : 64),
      );
    },
    incidentsOverlapping(snapshot, from, to) {
      return remember(
        snapshot,
        `overlapping\0${from.toISOString()}\0${to.toISOString()}`,
        () => findIncidentsOverlapping(ctx.database.db, from, to),
        (incidents) => incidents.reduce((sum, incident) => sum + incidentBytes(incident), 64),
      );
    },
    recentIncidentsOn(snapshot, componentIds, limit) {
      return remember(
        snapshot,
        `recent-incidents\0${limit}\0${digestOf(componentIds)}`,
        () => listRecentIncidentsOn(ctx.database.db, componentIds, limit),
        (incidents) => incidents.reduce((sum, incident) => sum + incidentBytes(incident), 64),
      );
    },
    recentMaintenancesOn(snapshot, componentIds, limit) {
      return remember(
        snapshot,
        `recent-maintenances\0${limit}\0${digestOf(componentIds)}`,
        () => listRecentMaintenancesOn(ctx.database.db, componentIds, limit),
        (maintenances) => maintenances.reduce((sum, maintenance) => sum + maintenanceBytes(maintenance), 64),
      );
    },
    historyStarts(snapshot) {
      let byPage = starts.get(snapshot);
      if (byPage === undefined) {
        byPage = new WeakMap();
        starts.set(snapshot, byPage);
      }
      return byPage;
    },
  };
}

/** A short key for a page's components (a page may have hundreds). */
const digestOf = (componentIds: readonly string[]): string => createHash('sha1').update(componentIds.join('\n')).digest('base64url');

/** As `incidentBytes`, for a maintenance window. */
function maintenanceBytes(maintenance: Maintenance): number {
  let size = 200 + maintenance.name.length * 2 + (maintenance.description?.length ?? 0) * 2 + maintenance.componentIds.length * 40;
  for (const update of maintenance.updates) size += 100 + update.message.length * 2;
  return size;
}

/** A rough size in memory: the text (two bytes a character) and a fixed cost per object. */
function incidentBytes(incident: Incident): number {
  let size = 200 + incident.name.length * 2;
  for (const update of incident.updates) size += 200 + update.message.length * 2 + update.impacts.length * 80;
  return size;
}
