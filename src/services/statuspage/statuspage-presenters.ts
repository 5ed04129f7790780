/**
 * Presenters of the v2 objects (docs/statuspage-v2.md) for one page: every field written out, never a
 * spread row, and only the page's own components ever named (as on the HTML pages).
 */
import type { ComponentStatus } from '../../domain/status/component.js';
import { componentStatusOfImpact, worstComponentStatus } from '../../domain/status/component-status.js';
import { type Impact, worseImpact } from '../../domain/status/impact.js';
import type { Incident } from '../../domain/status/incident.js';
import { incidentResolvedAt, incidentStartedAt, incidentStatus } from '../../domain/status/incident-status.js';
import { orderedUpdates } from '../../domain/status/incident-updates.js';
import type { Maintenance } from '../../domain/status/maintenance.js';
import { maintenancePhase } from '../../domain/status/maintenance-phase.js';
import {
  statuspageComponentStatus,
  statuspageImpact,
  statuspageIndicator,
  statuspageMaintenanceStatus,
} from '../../domain/status/statuspage-status.js';
import { isIncidentOpen } from '../../domain/status/incident-status.js';
import type { DerivedPage } from '../../domain/pages/derived-page.js';
import { dedicatedGroupName } from '../../domain/pages/page-names.js';
import { statusDescription } from '../../domain/status/status-labels.js';
import type { PageScope } from '../../domain/pages/page-scope.js';
import type {
  AffectedComponent,
  ComponentObject,
  IncidentObject,
  IncidentUpdateObject,
  MaintenanceObject,
  PageObject,
  StatusObject,
} from './statuspage-types.js';

/** Where a page's HTML lives, as absolute URLs: the page, and one incident's page. */
export interface PageLinks {
  pageUrl: string;
  incidentUrl(incidentId: string): string;
}

/**
 * The links of a page read at `homePath` (`/` for the default page) whose incidents live under
 * `basePath` (`/<slug>`), both under `publicUrl`: the one builder of v2 shortlinks, feed and webhook links.
 */
export const pageLinksAt = (publicUrl: string, homePath: string, basePath: string): PageLinks => ({
  pageUrl: `${publicUrl}${homePath}`,
  incidentUrl: (id) => `${publicUrl}${basePath}/incidents/${encodeURIComponent(id)}`,
});

/** Where a customer page at `path` (`/c/<token>`) lives under `publicUrl`. */
export const customerPageLinks = (publicUrl: string, path: string): PageLinks => pageLinksAt(publicUrl, path, path);

/** One page at one instant, ready to present incidents and maintenance windows of it. */
export interface StatuspagePage {
  scope: PageScope;
  page: PageObject;
  status: StatusObject;
  /** Groups and components, in page order. */
  components: ComponentObject[];
  incident(incident: Incident): IncidentObject;
  /** Null for a cancelled window, which the API does not list. */
  maintenance(maintenance: Maintenance): MaintenanceObject | null;
}

const iso = (at: Date): string => at.toISOString();
const statusOf = (impact: Impact | null): ComponentStatus => (impact === null ? 'operational' : componentStatusOfImpact(impact));

/**
 * The page's v2 objects at `now`, from the same scope its HTML page is built from (`scopeOf`), under
 * the name its pages print (a sub-page's includes its parent's); `links` says where its HTML lives.
 */
export function presentStatuspagePage(shown: DerivedPage, scope: PageScope, name: string, links: PageLinks, now: Date): StatuspagePage {
  const { snapshot, page } = shown;
  const statusAt = (id: string): ComponentStatus => scope.statuses.get(id) ?? 'operational';

  let updatedAt = page.updatedAt.getTime();
  const touch = (at: Date): void => {
    updatedAt = Math.max(updatedAt, at.getTime());
  };
  const components: ComponentObject[] = [];
  const byId = new Map<string, ComponentObject>();
  const add = (object: ComponentObject): void => {
    object.position = components.length + 1;
    components.push(object);
  };
  const componentObject = (id: string, groupId: string | null): ComponentObject => {
    const component = snapshot.components.get(id)!;
    touch(component.updatedAt);
    const object: ComponentObject = {
      id,
      page_id: page.id,
      group_id: groupId,
      group: false,
      name: component.name,
      description: component.description,
      status: statuspageComponentStatus(statusAt(id)),
      position: 0,
      showcase: true,
      only_show_if_degraded: false,
      start_date: null,
      created_at: iso(component.createdAt),
      updated_at: iso(component.updatedAt),
    };
    byId.set(id, object);
    return object;
  };
  for (const item of page.items) {
    if (item.kind === 'component') {
      if (scope.onPage.has(item.componentId) && !byId.has(item.componentId)) add(componentObject(item.componentId, null));
      continue;
    }
    const group = snapshot.groups.get(item.groupId);
    const members = [...new Set(group?.componentIds ?? [])].filter((id) => scope.onPage.has(id) && !byId.has(id));
    if (group === undefined || members.length === 0) continue;
    touch(group.updatedAt);
    add({
      id: group.id,
      page_id: page.id,
      group_id: null,
      group: true,
      name: group.dedicated === true ? dedicatedGroupName(group.name) : group.name,
      description: group.description,
      status: statuspageComponentStatus(worstComponentStatus(members.map(statusAt))),
      position: 0,
      showcase: false,
      only_show_if_degraded: false,
      start_date: null,
      created_at: iso(group.createdAt),
      updated_at: iso(group.updatedAt),
      components: members,
    });
    for (const id of members) add(componentObject(id, group.id));
  }

  const incidentImpact = (incident: Incident): Impact | null => {
    let worst: Impact | null = null;
    for (const update of incident.updates) {
      if (update.status === 'resolved') continue;
      for (const change of update.impacts) if (scope.onPage.has(change.componentId)) worst = worseImpact(worst, change.impact);
    }
    return worst;
  };
  for (const incident of scope.incidents) touch(incident.updatedAt);
  for (const maintenance of scope.maintenances) touch(maintenance.updatedAt);
  const indicator = statuspageIndicator(scope.statuses.values(), scope.incidents.filter(isIncidentOpen).map(incidentImpact));

  return {
    scope,
    page: { id: page.id, name, url: links.pageUrl, time_zone: page.timeZone, updated_at: iso(new Date(updatedAt)) },
    status: { indicator, description: statusDescription(indicator) },
    components,
    incident: (incident) => presentIncident(incident, page.id, scope, byId, links, statuspageImpact(incidentImpact(incident))),
    maintenance: (maintenance) => presentMaintenance(maintenance, now, page.id, scope, byId, links),
  };
}

function presentIncident(
  incident: Incident,
  pageId: string,
  scope: PageScope,
  byId: ReadonlyMap<string, ComponentObject>,
  links: PageLinks,
  impact: IncidentObject['impact'],
): IncidentObject {
  const current = new Map<string, Impact>();
  const mentioned = new Set<string>();
  const updates: IncidentUpdateObject[] = [];
  let monitoringAt: Date | null = null;
  for (const update of orderedUpdates(incident)) {
    const affected: AffectedComponent[] = [];
    const change = (id: string, before: Impact | null, after: Impact | null): void => {
      const name = scope.names.get(id)!;
      affected.push({
        code: id,
        name,
        old_status: statuspageComponentStatus(statusOf(before)),
        new_status: statuspageComponentStatus(statusOf(after)),
      });
    };
    if (update.status === 'resolved') {
      // Resolving ends every impact; the update's own impacts are not applied (as on the pages).
      for (const [id, before] of current) change(id, before, null);
      current.clear();
    } else {
      for (const { componentId, impact: after } of update.impacts) {
        if (!scope.onPage.has(componentId)) continue;
        mentioned.add(componentId);
        const before = current.get(componentId) ?? null;
        change(componentId, before, after);
        if (after === null) current.delete(componentId);
        else current.set(componentId, after);
      }
    }
    if (update.status === 'monitoring') monitoringAt = update.displayAt;
    updates.unshift({
      id: update.id,
      incident_id: incident.id,
      status: update.status,
      body: update.message,
      created_at: iso(update.createdAt),
      updated_at: iso(update.createdAt),
      display_at: iso(update.displayAt),
      affected_components: affected.length === 0 ? null : affected,
      deliver_notifications: false,
      custom_tweet: null,
      tweet_id: null,
    });
  }
  const resolvedAt = incidentResolvedAt(incident);
  return {
    id: incident.id,
    page_id: pageId,
    name: incident.name,
    status: incidentStatus(incident),
    impact,
    created_at: iso(incident.createdAt),
    updated_at: iso(incident.updatedAt),
    started_at: iso(incidentStartedAt(incident)),
    monitoring_at: monitoringAt === null ? null : iso(monitoringAt),
    resolved_at: resolvedAt === null ? null : iso(resolvedAt),
    shortlink: links.incidentUrl(incident.id),
    components: [...mentioned].flatMap((id) => byId.get(id) ?? []),
    incident_updates: updates,
  };
}

function presentMaintenance(
  maintenance: Maintenance,
  now: Date,
  pageId: string,
  scope: PageScope,
  byId: ReadonlyMap<string, ComponentObject>,
  links: PageLinks,
): MaintenanceObject | null {
  const status = statuspageMaintenanceStatus(maintenancePhase(maintenance, now));
  if (status === null) return null;
  const end = Math.min(maintenance.scheduledEnd.getTime(), maintenance.completedAt?.getTime() ?? Infinity);
  const updates = maintenance.updates.map((update): IncidentUpdateObject => ({
    id: update.id,
    incident_id: maintenance.id,
    status: statuspageMaintenanceStatus(maintenancePhase(maintenance, update.createdAt)) ?? status,
    body: update.message,
    created_at: iso(update.createdAt),
    updated_at: iso(update.createdAt),
    display_at: iso(update.createdAt),
    affected_components: null,
    deliver_notifications: false,
    custom_tweet: null,
    tweet_id: null,
  }));
  return {
    id: maintenance.id,
    page_id: pageId,
    name: maintenance.name,
    status,
    impact: 'maintenance',
    created_at: iso(maintenance.createdAt),
    updated_at: iso(maintenance.updatedAt),
    started_at: iso(maintenance.scheduledStart),
    monitoring_at: null,
    resolved_at: status === 'completed' ? iso(new Date(end)) : null,
    // Windows have no page of their own; the status page shows them under this anchor.
    shortlink: `${links.pageUrl}#maintenance-${encodeURIComponent(maintenance.id)}`,
    components: [...new Set(maintenance.componentIds)].flatMap((id) => byId.get(id) ?? []),
    incident_updates: updates.reverse(),
    scheduled_for: iso(maintenance.scheduledStart),
    scheduled_until: iso(maintenance.scheduledEnd),
  };
}
