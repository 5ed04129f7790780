/** The eight v2 documents (docs/statuspage-v2.md, Endpoints), built from one page's presenters. */
import type { Incident } from '../../../domain/status/incident.js';
import { isIncidentOpen } from '../../../domain/status/incident-status.js';
import type { Maintenance } from '../../../domain/status/maintenance.js';
import type { StatuspagePage } from '../../../services/statuspage/statuspage-presenters.js';
import type { IncidentObject, MaintenanceObject } from '../../../services/statuspage/statuspage-types.js';

/** The paths every page serves under `<page>/api/v2/`. */
export const STATUSPAGE_ENDPOINTS = [
  'summary.json',
  'status.json',
  'components.json',
  'incidents/unresolved.json',
  'incidents.json',
  'scheduled-maintenances/upcoming.json',
  'scheduled-maintenances/active.json',
  'scheduled-maintenances.json',
] as const;
export type StatuspageEndpoint = (typeof STATUSPAGE_ENDPOINTS)[number];

const ENDPOINTS: ReadonlySet<string> = new Set(STATUSPAGE_ENDPOINTS);

/** `status.json` from `/acme/api/v2/status.json`; undefined when the rest of the path names no endpoint. */
export function endpointOf(path: string): StatuspageEndpoint | undefined {
  const at = path.indexOf('/api/v2/');
  const rest = at === -1 ? '' : path.slice(at + '/api/v2/'.length);
  return ENDPOINTS.has(rest) ? (rest as StatuspageEndpoint) : undefined;
}

/** How many incidents and windows the "most recent" lists hold. */
const RECENT_LIMIT = 50;

/** What a page holds beyond the live state: read from the store (through the incident archive) only when a list needs it. */
export interface OlderRecords {
  incidents(limit: number): Promise<readonly Incident[]>;
  maintenances(limit: number): Promise<readonly Maintenance[]>;
}

const newestCreatedFirst = (a: Incident, b: Incident): number => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1);
const byStart = (a: Maintenance, b: Maintenance): number =>
  a.scheduledStart.getTime() - b.scheduledStart.getTime() || (a.id < b.id ? -1 : 1);

/** The document of `endpoint` for `page`; `older` fills the 50-most-recent lists when the live state holds fewer. */
export async function buildStatuspageDocument(endpoint: StatuspageEndpoint, page: StatuspagePage, older: OlderRecords): Promise<unknown> {
  const { scope } = page;
  const head = { page: page.page };
  const unresolved = () => scope.incidents.filter(isIncidentOpen).sort(newestCreatedFirst).map(page.incident);
  const windows = (statuses: readonly MaintenanceObject['status'][]) =>
    [...scope.maintenances]
      .sort(byStart)
      .map(page.maintenance)
      .filter((object): object is MaintenanceObject => object !== null && statuses.includes(object.status));

  switch (endpoint) {
    case 'status.json':
      return { ...head, status: page.status };
    case 'components.json':
      return { ...head, components: page.components };
    case 'incidents/unresolved.json':
      return { ...head, incidents: unresolved() };
    case 'incidents.json':
      return { ...head, incidents: await recentIncidentObjects(page, older) };
    case 'scheduled-maintenances/upcoming.json':
      return { ...head, scheduled_maintenances: windows(['scheduled']) };
    case 'scheduled-maintenances/active.json':
      return { ...head, scheduled_maintenances: windows(['in_progress', 'verifying']) };
    case 'scheduled-maintenances.json':
      return { ...head, scheduled_maintenances: await recentMaintenanceObjects(page, older) };
    case 'summary.json':
      return {
        ...head,
        status: page.status,
        components: page.components,
        incidents: unresolved(),
        scheduled_maintenances: windows(['in_progress', 'verifying', 'scheduled']),
      };
  }
}

/** `incidents.json`'s list (the feeds' too): the page's 50 latest incidents by creation, presented. */
export async function recentIncidentObjects(page: StatuspagePage, older: OlderRecords): Promise<IncidentObject[]> {
  return (await recentIncidents(page.scope.incidents, older)).map(page.incident);
}

/** `scheduled-maintenances.json`'s list (the feeds' too): the page's 50 latest windows by scheduled start, cancelled ones left out. */
export async function recentMaintenanceObjects(page: StatuspagePage, older: OlderRecords): Promise<MaintenanceObject[]> {
  return (await recentMaintenances(page.scope.maintenances, older))
    .map(page.maintenance)
    .filter((object) => object !== null)
    .slice(0, RECENT_LIMIT);
}

/**
 * The page's 50 latest incidents by creation: the live state's (every open one, and those resolved in
 * its window), completed from the store when it holds fewer. The store's open incidents are left out:
 * the live state has every open one, at the revision this document is of.
 */
async function recentIncidents(live: readonly Incident[], older: OlderRecords): Promise<Incident[]> {
  const merged = [...live];
  if (merged.length < RECENT_LIMIT) {
    const known = new Set(live.map((incident) => incident.id));
    for (const incident of await older.incidents(RECENT_LIMIT)) {
      if (!known.has(incident.id) && !isIncidentOpen(incident)) merged.push(incident);
    }
  }
  return merged.sort(newestCreatedFirst).slice(0, RECENT_LIMIT);
}

/** The page's windows, latest scheduled start first (cancelled ones still in: the caller drops them), from the live state and, when it holds fewer than 50, the store. */
async function recentMaintenances(live: readonly Maintenance[], older: OlderRecords): Promise<Maintenance[]> {
  const merged = [...live];
  if (merged.length < RECENT_LIMIT) {
    const known = new Set(live.map((maintenance) => maintenance.id));
    for (const maintenance of await older.maintenances(RECENT_LIMIT)) if (!known.has(maintenance.id)) merged.push(maintenance);
  }
  return merged.sort((a, b) => byStart(b, a));
}
