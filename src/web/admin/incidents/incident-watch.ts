import type { Logger } from 'pino';
import type { ServiceContext } from '../../../services/context.js';
import type { RevisionFeed } from '../../../services/live-state/revision-feed.js';
import { readIncidentVersions } from '../../../services/status/incidents.js';

/** Told an incident's version when it differs from the last one it was told (null: the incident is gone). */
type VersionListener = (version: number | null) => void;

export interface IncidentWatch {
  /** Watches one incident from `seen` (the version its screen shows); the answer stops watching. */
  watch(incidentId: string, seen: number, listener: VersionListener): () => void;
}

interface Watcher {
  last: number | null;
  listener: VersionListener;
}

/**
 * Which open incident screens should hear of a change: after each revision this process learns of
 * (its own writes, other processes' through LISTEN or the poll), the versions of every watched
 * incident are read in one query, and each watcher whose incident moved is told. Revisions that
 * arrive during a read are folded into one more read after it, so a burst of writes costs two
 * queries, not one per write per screen.
 */
export function createIncidentWatch(ctx: ServiceContext, revisions: RevisionFeed, logger: Pick<Logger, 'warn'>): IncidentWatch {
  const watchers = new Map<string, Set<Watcher>>();
  let reading = false;
  let again = false;

  const check = async (): Promise<void> => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        const ids = [...watchers.keys()];
        if (ids.length === 0) break;
        const versions = await readIncidentVersions(ctx, ids);
        for (const id of ids) {
          const version = versions.get(id) ?? null;
          for (const watcher of watchers.get(id) ?? []) {
            if (watcher.last === version) continue;
            watcher.last = version;
            watcher.listener(version);
          }
        }
      } while (again);
    } catch (error) {
      // The next revision tries again; a screen is only ever late, never wrong.
      logger.warn({ err: error }, 'could not read incident versions for live screens');
    } finally {
      reading = false;
    }
  };

  revisions.subscribe(() => {
    if (watchers.size > 0) void check();
  });

  return {
    watch(incidentId, seen, listener) {
      const watcher: Watcher = { last: seen, listener };
      let set = watchers.get(incidentId);
      if (!set) watchers.set(incidentId, (set = new Set()));
      set.add(watcher);
      // A change between the screen's render and this watch is told at once.
      void check();
      return () => {
        set.delete(watcher);
        if (set.size === 0 && watchers.get(incidentId) === set) watchers.delete(incidentId);
      };
    },
  };
}
