import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/helpers/describe-each-engine.js';
import type { Component, Group } from '../domain/status/component.js';
import { newId } from '../domain/id.js';
import type { ImpactChange, Incident, IncidentStatus, IncidentUpdate } from '../domain/status/incident.js';
import { incidentResolvedAt, incidentStartedAt } from '../domain/status/incident-status.js';
import type { Maintenance } from '../domain/status/maintenance.js';
import type { Page } from '../domain/pages/page.js';
import { newUrlToken } from '../domain/access/url-token.js';
import { type BulkSeed, insertBulkSeed } from './bulk-seed.js';
import { type CatalogEntryRecord, findCatalogEntry } from './catalog/catalog-entries.js';
import { type CatalogTypeRecord, findCatalogType } from './catalog/catalog-types.js';
import { toDbTime } from './codec.js';
import { findComponent } from './status/components.js';
import { type CustomerPageRecord, findCustomerPage } from './pages/customer-pages.js';
import type { Database } from './database.js';
import { findGroup } from './status/groups.js';
import { findIncident } from './status/incidents.js';
import { findMaintenance } from './status/maintenances.js';
import { findPage } from './pages/pages.js';
import { readRevision, writeTransaction } from './transaction.js';
import { DEFAULT_BRANDING } from '../domain/pages/page-branding.js';

const at = (iso: string): Date => new Date(iso);
const FOUNDED = at('2024-01-01T00:00:00.000Z');

const component = (name: string): Component => ({ id: newId(), name, description: null, createdAt: FOUNDED, updatedAt: FOUNDED });

interface Step {
  status: IncidentStatus;
  displayAt: string;
  /** When it was written; the display time unless back-dated. */
  createdAt?: string;
  impacts?: ImpactChange[];
}

function incident(name: string, steps: Step[]): Incident {
  const id = newId();
  const updates: IncidentUpdate[] = steps.map((step) => ({
    id: newId(),
    incidentId: id,
    status: step.status,
    message: `${step.status} at ${step.displayAt}`,
    displayAt: at(step.displayAt),
    createdAt: at(step.createdAt ?? step.displayAt),
    // In component-id order, as the store reads them back.
    impacts: [...(step.impacts ?? [])].sort((a, b) => (a.componentId < b.componentId ? -1 : 1)),
  }));
  const written = updates.map((update) => update.createdAt.getTime());
  return { id, name, createdAt: new Date(Math.min(...written)), updatedAt: new Date(Math.max(...written)), updates };
}

/** A tiny organisation touching every table the bulk seed writes, with incidents whose spans differ. */
function tinyOrganisation(): BulkSeed {
  const [api, db, cluster] = [component('API'), component('Database'), component('Globex cluster')];
  const group: Group = {
    id: newId(),
    name: 'Core',
    description: 'Shared',
    componentIds: [db.id, api.id],
    createdAt: FOUNDED,
    updatedAt: FOUNDED,
  };
  const type: CatalogTypeRecord = {
    id: newId(),
    name: 'Customer',
    description: null,
    attributes: [
      { id: 'domains', name: 'Email domains', kind: 'email_domain', isList: true },
      { id: 'components', name: 'Components', kind: 'component', isList: true },
    ],
    createdAt: FOUNDED,
    updatedAt: FOUNDED,
  };
  const customer: CatalogEntryRecord = {
    id: newId(),
    typeId: type.id,
    name: 'Globex',
    externalId: 'globex',
    aliases: ['Globex Corp'],
    rank: 0,
    values: { domains: ['globex.example'], components: [cluster.id] },
    slug: 'globex',
    source: { kind: 'manual' },
    createdAt: FOUNDED,
    updatedAt: FOUNDED,
  };
  const base = { description: null, timeZone: 'Europe/Berlin', branding: DEFAULT_BRANDING, createdAt: FOUNDED, updatedAt: FOUNDED };
  const home: Page = {
    ...base,
    id: newId(),
    slug: 'status',
    name: 'Status',
    isDefault: true,
    kind: 'standalone',
    items: [
      { kind: 'group', groupId: group.id, showUptime: true },
      { kind: 'component', componentId: cluster.id, showUptime: false },
    ],
  };
  const set: Page = {
    ...base,
    id: newId(),
    slug: 'customers',
    name: 'Customers',
    isDefault: false,
    kind: 'customer_set',
    items: [{ kind: 'component', componentId: api.id, showUptime: true }],
    binding: { kind: 'customer_set', catalogTypeId: type.id, allowlistAttributeId: 'domains', componentAttributeId: 'components' },
  };
  const customerPage: CustomerPageRecord = {
    id: newId(),
    pageId: set.id,
    entryId: customer.id,
    urlToken: newUrlToken(),
    createdAt: FOUNDED,
    rotatedAt: null,
  };
  const incidents = [
    incident('Resolved outage', [
      {
        status: 'investigating',
        displayAt: '2025-03-01T10:00:00.000Z',
        impacts: [
          { componentId: api.id, impact: 'full_outage' },
          { componentId: db.id, impact: 'degraded_performance' },
        ],
      },
      { status: 'identified', displayAt: '2025-03-01T10:20:00.000Z' },
      {
        status: 'monitoring',
        displayAt: '2025-03-01T10:40:00.000Z',
        impacts: [
          { componentId: api.id, impact: 'degraded_performance' },
          { componentId: db.id, impact: null },
        ],
      },
      { status: 'resolved', displayAt: '2025-03-01T11:00:00.000Z' },
    ]),
    incident('Still open', [
      { status: 'investigating', displayAt: '2025-03-02T08:00:00.000Z', impacts: [{ componentId: cluster.id, impact: 'partial_outage' }] },
    ]),
    // The resolving update was back-dated before the monitoring one: the timeline ends open.
    incident('Reopened by the timeline', [
      { status: 'investigating', displayAt: '2025-03-03T08:00:00.000Z', impacts: [{ componentId: db.id, impact: 'partial_outage' }] },
      { status: 'resolved', displayAt: '2025-03-03T08:30:00.000Z', createdAt: '2025-03-03T09:30:00.000Z' },
      { status: 'monitoring', displayAt: '2025-03-03T09:00:00.000Z' },
    ]),
  ];
  const maintenanceId = newId();
  const maintenance: Maintenance = {
    id: maintenanceId,
    name: 'Database upgrade',
    description: 'Minor version',
    componentIds: [db.id],
    scheduledStart: at('2025-03-05T01:00:00.000Z'),
    scheduledEnd: at('2025-03-05T03:00:00.000Z'),
    completedAt: at('2025-03-05T02:00:00.000Z'),
    cancelledAt: null,
    createdAt: FOUNDED,
    updatedAt: at('2025-03-05T02:00:00.000Z'),
    updates: [{ id: newId(), maintenanceId, message: 'Done early.', createdAt: at('2025-03-05T02:00:00.000Z') }],
  };
  return {
    components: [api, db, cluster],
    groups: [group],
    catalogTypes: [type],
    catalogEntries: [customer],
    pages: [home, set],
    customerPages: [customerPage],
    incidents,
    maintenances: [maintenance],
  };
}

/** Every seeded value, read back through the store's own readers, equals what was seeded. */
async function expectReadBack(database: Database, seed: BulkSeed): Promise<void> {
  const db = database.db;
  for (const value of seed.components) expect(await findComponent(db, value.id)).toEqual(value);
  for (const value of seed.groups) expect(await findGroup(db, value.id)).toEqual(value);
  for (const value of seed.catalogTypes) expect(await findCatalogType(db, value.id)).toEqual(value);
  for (const value of seed.catalogEntries) expect(await findCatalogEntry(db, value.id)).toEqual(value);
  for (const value of seed.pages) expect(await findPage(db, value.id)).toEqual(value);
  for (const value of seed.customerPages) expect(await findCustomerPage(db, value.id)).toEqual(value);
  for (const value of seed.maintenances) expect(await findMaintenance(db, value.id)).toEqual(value);
  for (const value of seed.incidents) {
    // The timeline in display order, as the domain and the store both keep it.
    const updates = [...value.updates].sort((a, b) => a.displayAt.getTime() - b.displayAt.getTime());
    expect(await findIncident(db, value.id)).toEqual({ ...value, updates });
  }
}

describeEachEngine('store/bulk-seed', (database) => {
  it('writes an organisation that the store reads back as it was seeded, each incident with its span', async () => {
    const seed = tinyOrganisation();
    const before = await readRevision(database().db);
    const { result: counts } = await writeTransaction(database(), (tx) => insertBulkSeed(tx, seed));

    await expectReadBack(database(), seed);
    expect(await readRevision(database().db)).toBe(before + 1);
    expect(counts).toMatchObject({
      components: 3,
      incidents: 3,
      incident_updates: 8,
      incident_update_impacts: 6,
      customer_pages: 1,
      page_items: 3,
    });
    const spans = await database().db.selectFrom('incidents').select(['id', 'started_at', 'resolved_at']).execute();
    expect(spans).toHaveLength(seed.incidents.length);
    for (const incident of seed.incidents) {
      const resolvedAt = incidentResolvedAt(incident);
      expect(spans.find((row) => row.id === incident.id)).toEqual({
        id: incident.id,
        started_at: toDbTime(incidentStartedAt(incident)),
        resolved_at: resolvedAt === null ? null : toDbTime(resolvedAt),
      });
    }
    // The three incidents: resolved, open, and open again because the back-dated resolution is not last.
    expect(spans.map((row) => row.resolved_at === null)).toEqual(seed.incidents.map((_, index) => index > 0));
  });

  it('splits each table over as many statements as a small parameter limit needs, and loses no row', async () => {
    const seed = tinyOrganisation();
    // 7 parameters: one row per statement for every table of six columns or more.
    await writeTransaction(database(), (tx) => insertBulkSeed(tx, seed, { maxBindParameters: 7 }));
    await expectReadBack(database(), seed);
  });
});
