import { BeaconError } from '../../domain/errors.js';
import { SYSTEM_ACTOR } from '../../domain/access/audit-event.js';
import type { ImpactChange } from '../../domain/status/incident.js';
import type { PageItem } from '../../domain/pages/page.js';
import { buildPageKindsIndex } from '../../domain/pages/page-kinds-index.js';
import { listSubPages } from '../../domain/pages/sub-pages.js';
import { createApiKey } from '../sessions/api-keys.js';
import { addStaffMember } from '../staff/staff-members.js';
import { createComponent, listComponents } from '../status/components.js';
import type { ServiceContext } from '../context.js';
import { absoluteUrl, listCustomerPages } from '../pages/customer-pages.js';
import { seedDemoCatalog } from './demo-catalog.js';
import { DEMO_GROUPS, DEMO_OPEN_INCIDENT, DEMO_PAST_INCIDENTS, type DemoComponentKey, type DemoStep } from './demo-data.js';
import { createGroup } from '../status/groups.js';
import { createIncident, listIncidents, postIncidentUpdate } from '../status/incidents.js';
import { completeMaintenance, listMaintenances, postMaintenanceUpdate, scheduleMaintenance } from '../status/maintenances.js';
import { createPage, listPages } from '../pages/pages.js';
import { loadSnapshot } from '../live-state/snapshot-loader.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Config's own default (PORT 3000), for callers that seed without a configuration. */
const DEFAULT_PUBLIC_URL = 'http://localhost:3000';

export const DEMO_PAGE_SLUG = 'acme-cloud';
const DEMO_SECOND_PAGE_SLUG = 'developers';

/** A demo customer's private page, and an address that may sign in to it. */
interface DemoCustomerPage {
  name: string;
  /** `PUBLIC_URL/c/<token>`: unlisted, shared with the customer only. */
  url: string;
  /** `/c/<token>`, for callers whose origin differs from PUBLIC_URL (e.g. PORT=0). */
  path: string;
  /** The allowlist as written (`*.example.com`). */
  allowedDomains: string[];
  /** An address under the first allowed domain, e.g. `you@globex.example`. */
  exampleEmail: string;
}

export interface DemoSummary {
  /** Public pages (the default first); customer page sets are private and not listed. */
  pageSlugs: string[];
  /** Sub-pages of the public parent pages, e.g. `/regions/eu`. */
  subPagePaths: string[];
  customerPages: DemoCustomerPage[];
  componentCount: number;
  incidentCount: number;
  maintenanceCount: number;
  /** A staff API key made for the demo; shown once, only its hash is stored. */
  apiKey: string;
  /** The demo's staff admin: sign in to /admin with this address (the link is logged without SMTP). */
  staffAdmin: string;
}

/** The demo's staff admin; `.example` never receives mail, which without SMTP_URL is only logged anyway. */
const DEMO_STAFF_ADMIN = 'admin@acme-cloud.example';

/** True when there is nothing a status page would show: no component, page, incident or maintenance. */
export async function isDatabaseEmpty(ctx: ServiceContext): Promise<boolean> {
  const [components, pages, incidents, maintenances] = await Promise.all([
    listComponents(ctx),
    listPages(ctx),
    listIncidents(ctx, { limit: 1 }),
    listMaintenances(ctx, { limit: 1 }),
  ]);
  return components.length + pages.length + incidents.length + maintenances.length === 0;
}

/** The same services, with the clock stopped at `at`: how the demo back-dates what it creates. */
const at = (ctx: ServiceContext, date: Date): ServiceContext => ({ ...ctx, clock: () => date });

/**
 * Seeds "Acme Cloud": 12 components in 3 groups, two pages, resolved incidents over the last 90
 * days, one open incident, and maintenance in progress, upcoming and completed; then the catalog
 * part (demo-catalog.ts): the Regions parent page and three customers with customer pages, whose
 * URLs are made under `publicUrl`. Everything goes through the services, as an API client's
 * writes would. Refuses a database that holds data.
 *
 * @example const { apiKey, customerPages } = await seedDemo(ctx, { publicUrl: config.publicUrl })
 */
export async function seedDemo(ctx: ServiceContext, options: { publicUrl?: string } = {}): Promise<DemoSummary> {
  if (!(await isDatabaseEmpty(ctx))) {
    throw new BeaconError('conflict', 'The database already holds data; the demo is only seeded into an empty database.');
  }
  const now = ctx.clock();
  // Created before the 90-day history window, so every uptime bar is full.
  const founded = at(ctx, new Date(now.getTime() - 120 * DAY));

  const ids = {} as Record<DemoComponentKey, string>;
  const groupIds: string[] = [];
  for (const group of DEMO_GROUPS) {
    const memberIds: string[] = [];
    for (const [key, input] of Object.entries(group.components)) {
      const component = await createComponent(founded, input);
      ids[key as DemoComponentKey] = component.id;
      memberIds.push(component.id);
    }
    const created = await createGroup(founded, { name: group.name, description: group.description, componentIds: memberIds });
    groupIds.push(created.id);
  }

  const groupItems: PageItem[] = groupIds.map((groupId) => ({ kind: 'group', groupId, showUptime: true }));
  await createPage(founded, {
    slug: DEMO_PAGE_SLUG,
    name: 'Acme Cloud',
    description: 'Live status of Acme Cloud: every component, incident and maintenance window, as it happens.',
    timeZone: 'Europe/Berlin',
    isDefault: true,
    items: groupItems,
  });
  const developerKeys: DemoComponentKey[] = ['api', 'webhooks', 'auth', 'search'];
  await createPage(founded, {
    slug: DEMO_SECOND_PAGE_SLUG,
    name: 'Acme Developer Platform',
    description: 'The APIs and integrations Acme Cloud offers to developers.',
    timeZone: 'America/New_York',
    items: developerKeys.map((key) => ({ kind: 'component', componentId: ids[key], showUptime: true })),
  });

  for (const incident of DEMO_PAST_INCIDENTS) {
    const day = new Date(now.getTime() - incident.daysAgo * DAY);
    const start = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), ...incident.startsAt);
    await playIncident(ctx, ids, incident.name, new Date(start), incident.steps);
  }
  await playIncident(
    ctx,
    ids,
    DEMO_OPEN_INCIDENT.name,
    new Date(now.getTime() - DEMO_OPEN_INCIDENT.minutesAgo * MINUTE),
    DEMO_OPEN_INCIDENT.steps,
  );

  const maintenanceCount = await seedMaintenances(ctx, ids, now);
  const catalog = await seedDemoCatalog(ctx, ids, groupIds);
  const { token } = await createApiKey(ctx, { name: 'Demo key' }, SYSTEM_ACTOR);
  await addStaffMember(ctx, { email: DEMO_STAFF_ADMIN, role: 'admin' }, SYSTEM_ACTOR);
  const snapshot = await loadSnapshot(ctx.database, ctx.clock);
  const parent = [...snapshot.pages.values()].find((page) => page.slug === catalog.parentPageSlug);
  const publicUrl = options.publicUrl ?? DEFAULT_PUBLIC_URL;
  const customerPages = await listCustomerPages(ctx, { publicUrl });
  return {
    pageSlugs: [DEMO_PAGE_SLUG, DEMO_SECOND_PAGE_SLUG, catalog.parentPageSlug],
    subPagePaths: parent ? listSubPages(buildPageKindsIndex(snapshot), parent).map((subPage) => `/${subPage.pageSlug}`) : [],
    customerPages: customerPages.map((page) => ({
      name: page.name,
      url: page.url,
      path: page.url.slice(absoluteUrl(publicUrl, '').length),
      allowedDomains: page.domains,
      exampleEmail: exampleAddress(page.domains),
    })),
    componentCount: Object.keys(ids).length + catalog.componentCount,
    incidentCount: DEMO_PAST_INCIDENTS.length + 1 + catalog.incidentCount,
    maintenanceCount,
    apiKey: token,
    staffAdmin: DEMO_STAFF_ADMIN,
  };
}

/** `you@<first domain>`; a wildcard entry (`*.example.com`) admits subdomains, so pick one. */
const exampleAddress = (domains: readonly string[]): string => {
  const [first = 'example.com'] = domains;
  return first.startsWith('*.') ? `you@team.${first.slice(2)}` : `you@${first}`;
};

const toImpacts = (ids: Record<DemoComponentKey, string>, step: DemoStep): ImpactChange[] =>
  Object.entries(step.impacts ?? {}).map(([key, impact]) => ({ componentId: ids[key as DemoComponentKey], impact: impact ?? null }));

/** Declares an incident and posts its updates, each at the time it would have been written. */
async function playIncident(
  ctx: ServiceContext,
  ids: Record<DemoComponentKey, string>,
  name: string,
  start: Date,
  steps: readonly DemoStep[],
): Promise<void> {
  const [first, ...rest] = steps;
  if (!first) return;
  const when = (step: DemoStep) => new Date(start.getTime() + step.at * MINUTE);
  const incident = await createIncident(at(ctx, when(first)), {
    name,
    status: first.status,
    message: first.message,
    impacts: toImpacts(ids, first),
  });
  for (const step of rest) {
    await postIncidentUpdate(at(ctx, when(step)), incident.id, {
      status: step.status,
      message: step.message,
      impacts: toImpacts(ids, step),
    });
  }
}

async function seedMaintenances(ctx: ServiceContext, ids: Record<DemoComponentKey, string>, now: Date): Promise<number> {
  const hoursFromNow = (hours: number) => new Date(now.getTime() + hours * 60 * MINUTE);
  const announced = at(ctx, new Date(now.getTime() - 7 * DAY));

  const running = await scheduleMaintenance(announced, {
    name: 'EU database storage upgrade',
    description:
      'We are moving the EU database to faster storage. Writes may be slower for a few seconds during the switch-over; no downtime is expected.',
    componentIds: [ids.euDatabase],
    scheduledStart: hoursFromNow(-0.5),
    scheduledEnd: hoursFromNow(1.5),
  });
  await postMaintenanceUpdate(at(ctx, hoursFromNow(-0.4)), running.id, {
    message: 'The upgrade has started. Replicas are being migrated first.',
  });

  await scheduleMaintenance(announced, {
    name: 'CDN provider migration',
    description: 'We are moving static assets and downloads to a second CDN provider. Some downloads may be slow for a few minutes.',
    componentIds: [ids.cdn, ids.storage],
    scheduledStart: hoursFromNow(3 * 24 + 2),
    scheduledEnd: hoursFromNow(3 * 24 + 4),
  });

  const past = at(ctx, new Date(now.getTime() - 30 * DAY));
  const done = await scheduleMaintenance(past, {
    name: 'US database version upgrade',
    description: 'A minor version upgrade of the US database.',
    componentIds: [ids.usDatabase],
    scheduledStart: new Date(now.getTime() - 20 * DAY),
    scheduledEnd: new Date(now.getTime() - 20 * DAY + 2 * 60 * MINUTE),
  });
  await completeMaintenance(at(ctx, new Date(now.getTime() - 20 * DAY + 70 * MINUTE)), done.id, {
    message: 'The upgrade went smoothly and finished early.',
  });
  return 3;
}
