/** What the Atom and RSS feeds list: a page's incidents and maintenance windows, from the v2 API's presenters. */
import { type OlderRecords, recentIncidentObjects, recentMaintenanceObjects } from '../api/v2/statuspage-documents.js';
import type { StatuspagePage } from '../../services/statuspage/statuspage-presenters.js';
import type { IncidentObject, MaintenanceObject } from '../../services/statuspage/statuspage-types.js';

/** How many entries a feed holds. */
const FEED_LIMIT = 50;

interface FeedEntry {
  /** Stable for the life of the incident or window, whatever changes on it (an Atom id, an RSS guid). */
  id: string;
  title: string;
  /** The incident's page, or the page's anchor of the window (the v2 `shortlink`). */
  url: string;
  /** Names of the affected components on this page. */
  components: string[];
  /** What a reader sees: status, the latest update's text, and a window's schedule. */
  text: string;
  published: Date;
  updated: Date;
}

export interface Feed {
  /** Stable for the page (an Atom feed id). */
  id: string;
  title: string;
  pageUrl: string;
  updated: Date;
  /** Newest update first. */
  entries: FeedEntry[];
}

/**
 * The feed of `page`: the incidents of `incidents.json` and the windows of `scheduled-maintenances.json`
 * (the same sets, read the same way), the 50 last updated, newest first. Ids are tag URIs (RFC 4151)
 * under the public host, dated by the page's and the incident's creation day, so they never change.
 */
export async function buildFeed(page: StatuspagePage, older: OlderRecords, host: string, pageCreatedAt: Date): Promise<Feed> {
  const tag = (at: Date, rest: string): string => `tag:${host},${at.toISOString().slice(0, 10)}:${rest}`;
  const pageTag = `page/${encodeURIComponent(page.page.id)}`;
  const entryOf = (object: IncidentObject | MaintenanceObject, kind: 'incident' | 'maintenance', schedule: string): FeedEntry => {
    const components = object.components.filter((component) => !component.group).map((component) => component.name);
    return {
      id: tag(new Date(object.created_at), `${pageTag}/${kind}/${encodeURIComponent(object.id)}`),
      title: kind === 'maintenance' ? `Maintenance: ${object.name}` : object.name,
      url: object.shortlink,
      components,
      text: lines(
        `Status: ${label(object.status)}`,
        components.length === 0 ? '' : `Affected: ${components.join(', ')}`,
        schedule,
        object.incident_updates[0]?.body ?? '',
      ),
      published: new Date(object.created_at),
      updated: new Date(object.updated_at),
    };
  };
  const [incidents, maintenances] = await Promise.all([recentIncidentObjects(page, older), recentMaintenanceObjects(page, older)]);
  const entries = [
    ...incidents.map((incident) => entryOf(incident, 'incident', '')),
    ...maintenances.map((window) => entryOf(window, 'maintenance', `Scheduled: ${window.scheduled_for} to ${window.scheduled_until}`)),
  ]
    .sort((a, b) => b.updated.getTime() - a.updated.getTime() || (a.id < b.id ? -1 : 1))
    .slice(0, FEED_LIMIT);
  return {
    id: tag(pageCreatedAt, pageTag),
    title: page.page.name,
    pageUrl: page.page.url,
    updated: new Date(Math.max(Date.parse(page.page.updated_at), entries[0]?.updated.getTime() ?? 0)),
    entries,
  };
}

const label = (status: string): string => (status.charAt(0).toUpperCase() + status.slice(1)).replace(/_/g, ' ');
const lines = (...parts: string[]): string => parts.filter((part) => part !== '').join('\n');
