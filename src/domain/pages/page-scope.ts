import type { ComponentStatus } from '../status/component.js';
import { componentStatuses } from '../status/component-status.js';
import type { Incident } from '../status/incident.js';
import { incidentMentionsAny, isIncidentOpen } from '../status/incident-status.js';
import type { Maintenance } from '../status/maintenance.js';
import type { Page } from './page.js';
import { overallIndicator, type StatusIndicator } from '../status/page-status.js';
import { pageComponentIds } from './page-structure.js';
import type { Snapshot } from '../snapshot.js';

/**
 * What every view of a page needs, computed once per build: the page's components and what touches
 * them. An incident or maintenance is on a page when it touches at least one of the page's components;
 * only those count towards statuses, so another page's outage never shows here.
 */
export interface PageScope {
  page: Page;
  componentIds: string[];
  onPage: Set<string>;
  names: Map<string, string>;
  incidents: Incident[];
  maintenances: Maintenance[];
  statuses: Map<string, ComponentStatus>;
  /** The page's overall status. */
  indicator: StatusIndicator;
}

/**
 * Remembers whether incidents and maintenance windows touch one set of components (a page's): the
 * answer for an object never changes, as the live state replaces an incident or window whenever it
 * changes. The caller keeps it (the domain keeps no memo of its own), so that a re-render after a write
 * asks afresh only about what the write changed.
 */
export interface OnPageMemo {
  get(item: Incident | Maintenance): boolean | undefined;
  set(item: Incident | Maintenance, touches: boolean): void;
}

/** The page's scope; `memoFor` gives the memo for the page's components, in page order, when the caller keeps one. */
export function scopeOf(snapshot: Snapshot, page: Page, now: Date, memoFor?: (componentIds: readonly string[]) => OnPageMemo): PageScope {
  const componentIds = pageComponentIds(page, snapshot.groups).filter((id) => snapshot.components.has(id));
  const onPage = new Set(componentIds);
  const names = new Map(componentIds.map((id) => [id, snapshot.components.get(id)!.name]));
  const memo = memoFor?.(componentIds);
  const remembered = <T extends Incident | Maintenance>(item: T, touches: (item: T) => boolean): boolean => {
    let known = memo?.get(item);
    if (known === undefined) {
      known = touches(item);
      memo?.set(item, known);
    }
    return known;
  };
  const incidents = snapshot.incidents.filter((incident) => remembered(incident, (item) => incidentMentionsAny(item, onPage)));
  const maintenances = snapshot.maintenances.filter((maintenance) =>
    remembered(maintenance, (item) => item.componentIds.some((id) => onPage.has(id))),
  );
  const statuses = componentStatuses(componentIds, incidents, maintenances, now);
  const indicator = overallIndicator(statuses.values(), incidents.filter(isIncidentOpen));
  return { page, componentIds, onPage, names, incidents, maintenances, statuses, indicator };
}
