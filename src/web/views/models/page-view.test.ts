import { describe, expect, it } from 'vitest';
import { NOW, component, daysAgo, group, incident, maintenance, page, snapshot } from '../../../../test/helpers/snapshot-fixtures.js';
import type { Incident } from '../../../domain/status/incident.js';
import type { PageItem } from '../../../domain/pages/page.js';
import type { Snapshot } from '../../../domain/snapshot.js';
import { RECENT_INCIDENT_LIMIT, buildHistoryView, buildIncidentView, buildStatusPageView } from './page-view.js';
import { dayLabel } from './date-labels.js';
import { formatUptime } from './uptime-text.js';

// A page with one component and a group of two; `x` belongs to another page.
const api = component('api');
const db = component('db');
const cache = component('cache');
const other = component('x');
const acme = page([
  { kind: 'component', componentId: 'api', showUptime: true },
  { kind: 'group', groupId: 'g', showUptime: true },
]);
const base = { components: [api, db, cache, other], groups: [group('g', ['db', 'cache'])] };

describe('buildStatusPageView', () => {
  it('shows everything operational when nothing happens', () => {
    const view = buildStatusPageView(snapshot(base), acme, NOW);
    expect(view.overall).toEqual({ indicator: 'none', description: 'All Systems Operational' });
    expect(view.page).toMatchObject({ homePath: '/acme', basePath: '/acme', historyPath: '/acme/history', timeZone: 'UTC' });
    expect(view.items.map((item) => item.kind)).toEqual(['component', 'group']);
    const [first, second] = view.items;
    expect(first).toMatchObject({ kind: 'component', component: { id: 'api', status: 'operational', statusLabel: 'Operational' } });
    expect(second).toMatchObject({ kind: 'group', id: 'g', status: 'operational', uptimeText: '100%' });
    if (second?.kind !== 'group') throw new Error('expected a group');
    expect(second.components.map((row) => row.id)).toEqual(['db', 'cache']);
    expect(view.openIncidents).toEqual([]);
    expect(view.recentIncidents).toEqual([]);
  });

  it('links the default page home to / while incidents stay under its slug', () => {
    const flagged = { ...acme, isDefault: true };
    const view = buildStatusPageView(
      snapshot({ ...base, pages: [flagged], incidents: [incident('i1', [{ at: daysAgo(0, 10), impacts: { api: 'full_outage' } }])] }),
      flagged,
      NOW,
    );
    expect(view.page.homePath).toBe('/');
    expect(view.openIncidents[0]?.path).toBe('/acme/incidents/i1');
  });

  it('links home to / on the page / shows when no page is flagged default (the oldest), and not on the others', () => {
    // The services always keep a flag; only data written around them has none, and `/` then shows the oldest page.
    const newer = page(acme.items, { id: 'p2', slug: 'beta', createdAt: daysAgo(10) });
    const data = snapshot({ ...base, pages: [newer, acme] });
    expect(buildStatusPageView(data, acme, NOW).page.homePath).toBe('/');
    expect(buildStatusPageView(data, newer, NOW).page.homePath).toBe('/beta');
    // A flag elsewhere wins over age.
    const flagged = snapshot({ ...base, pages: [{ ...newer, isDefault: true }, acme] });
    expect(buildStatusPageView(flagged, acme, NOW).page.homePath).toBe('/acme');
  });

  it('derives statuses, the group worst status and the overall banner from open incidents', () => {
    const view = buildStatusPageView(
      snapshot({
        ...base,
        incidents: [
          incident('i1', [{ at: daysAgo(0, 10), impacts: { db: 'partial_outage' } }]),
          incident('i2', [{ at: daysAgo(0, 11), impacts: { cache: 'degraded_performance' } }]),
        ],
      }),
      acme,
      NOW,
    );
    expect(view.overall).toEqual({ indicator: 'major', description: 'Partial System Outage' });
    const groupItem = view.items[1];
    if (groupItem?.kind !== 'group') throw new Error('expected a group');
    expect(groupItem.status).toBe('partial_outage');
    expect(groupItem.statusLabel).toBe('Partial outage');
    expect(groupItem.components.map((row) => row.status)).toEqual(['partial_outage', 'degraded_performance']);
    expect(view.openIncidents.map((i) => i.id)).toEqual(['i2', 'i1']);
  });

  it('ignores incidents and maintenance that touch only other pages’ components', () => {
    const view = buildStatusPageView(
      snapshot({
        ...base,
        incidents: [incident('elsewhere', [{ at: daysAgo(0, 10), impacts: { x: 'full_outage' } }])],
        maintenances: [maintenance('m', ['x'], daysAgo(0, 11), daysAgo(-1))],
      }),
      acme,
      NOW,
    );
    expect(view.overall.indicator).toBe('none');
    expect(view.openIncidents).toEqual([]);
    expect(view.activeMaintenances).toEqual([]);
    const row = view.items[0];
    if (row?.kind !== 'component') throw new Error('expected a component');
    expect(row.component.history?.days.every((day) => day.incidents.length === 0)).toBe(true);
  });

  it('never names another page’s components, even for an incident shared with it', () => {
    const shared = incident('i1', [
      { at: daysAgo(0, 9), impacts: { x: 'full_outage', api: 'degraded_performance' } },
      { at: daysAgo(0, 10), impacts: { x: null } },
    ]);
    const view = buildStatusPageView(snapshot({ ...base, incidents: [shared] }), acme, NOW);
    const [open] = view.openIncidents;
    expect(open?.components).toEqual([
      { id: 'api', name: 'Component api', impact: 'degraded_performance', impactLabel: 'Degraded performance' },
    ]);
    expect(open?.impact).toBe('degraded_performance');
    expect(open?.updates.flatMap((update) => update.impacts.map((change) => change.id))).toEqual(['api']);
    expect(JSON.stringify(view)).not.toContain('Component x');
    expect(view.overall.indicator).toBe('minor');
  });

  it('gives an open incident its latest update, newest first, and its current impacts', () => {
    const open = incident('i1', [
      { at: daysAgo(0, 8), status: 'investigating', message: 'Looking', impacts: { api: 'full_outage', db: 'partial_outage' } },
      { at: daysAgo(0, 9), status: 'identified', message: 'Found it', impacts: { api: 'degraded_performance', db: null } },
    ]);
    const [view] = buildStatusPageView(snapshot({ ...base, incidents: [open] }), acme, NOW).openIncidents;
    expect(view).toMatchObject({ status: 'identified', statusLabel: 'Identified', isOpen: true, impact: 'full_outage', resolvedAt: null });
    expect(view?.startedAt).toEqual(daysAgo(0, 8));
    expect(view?.latestUpdate.message).toBe('Found it');
    expect(view?.updates.map((update) => update.message)).toEqual(['Found it', 'Looking']);
    expect(view?.components.map((c) => [c.id, c.impact])).toEqual([
      ['api', 'degraded_performance'],
      ['db', null],
    ]);
  });

  it('lists incidents resolved in the last 14 local days, newest first, with their worst impacts', () => {
    const resolvedOn = (id: string, n: number): Incident =>
      incident(id, [
        { at: daysAgo(n, 8), impacts: { api: 'partial_outage' } },
        { at: daysAgo(n, 9), status: 'resolved', impacts: { api: null } },
      ]);
    const view = buildStatusPageView(
      snapshot({
        ...base,
        incidents: [
          resolvedOn('old', 14),
          resolvedOn('edge', 13),
          resolvedOn('fresh', 1),
          incident('open', [{ at: daysAgo(0, 8), impacts: { db: 'degraded_performance' } }]),
        ],
      }),
      acme,
      NOW,
    );
    expect(view.recentIncidents.map((i) => i.id)).toEqual(['fresh', 'edge']);
    expect(view.recentIncidents[0]).toMatchObject({ isOpen: false, status: 'resolved', impact: 'partial_outage' });
    expect(view.recentIncidents[0]?.components).toEqual([
      { id: 'api', name: 'Component api', impact: 'partial_outage', impactLabel: 'Partial outage' },
    ]);
    expect(view.openIncidents.map((i) => i.id)).toEqual(['open']);
  });

  it('shows the 20 latest resolved in the 14 days as cards and counts the rest, which the history lists', () => {
    const resolvedAt = (i: number): Incident =>
      incident(`r${i}`, [
        { at: daysAgo(Math.floor(i / 2), 8), impacts: { api: 'partial_outage' } },
        { at: daysAgo(Math.floor(i / 2), 8 + (i % 2) * 4 + 1), status: 'resolved', impacts: { api: null } },
      ]);
    const many = Array.from({ length: 26 }, (_, i) => resolvedAt(i));
    const view = buildStatusPageView(snapshot({ ...base, incidents: many }), acme, NOW);
    // Newest resolution first: day 0 at 13:00, day 0 at 09:00, day 1 at 13:00, …
    const expected = Array.from({ length: 26 }, (_, i) => i)
      .sort((a, b) => Math.floor(a / 2) - Math.floor(b / 2) || (b % 2) - (a % 2))
      .map((i) => `r${i}`);
    expect(view.recentIncidents.map((i) => i.id)).toEqual(expected.slice(0, RECENT_INCIDENT_LIMIT));
    expect(view.moreRecentIncidents).toBe(26 - RECENT_INCIDENT_LIMIT);
    const few = buildStatusPageView(snapshot({ ...base, incidents: many.slice(0, 3) }), acme, NOW);
    expect([few.recentIncidents.length, few.moreRecentIncidents]).toEqual([3, 0]);
  });

  it('splits maintenance into in progress and upcoming, and drops finished windows', () => {
    const view = buildStatusPageView(
      snapshot({
        ...base,
        maintenances: [
          maintenance('later', ['db'], daysAgo(-5), daysAgo(-4)),
          maintenance('soon', ['api', 'x'], daysAgo(-1), daysAgo(-1, 14)),
          maintenance('now', ['db'], daysAgo(0, 10), daysAgo(0, 14), {
            updates: [
              { id: 'u1', maintenanceId: 'now', message: 'Started', createdAt: daysAgo(0, 10) },
              { id: 'u2', maintenanceId: 'now', message: 'Halfway', createdAt: daysAgo(0, 11) },
            ],
          }),
          maintenance('done', ['db'], daysAgo(2, 10), daysAgo(2, 14)),
          maintenance('cancelled', ['db'], daysAgo(-2), daysAgo(-2, 14), { cancelledAt: daysAgo(1) }),
        ],
      }),
      acme,
      NOW,
    );
    expect(view.activeMaintenances.map((m) => m.id)).toEqual(['now']);
    expect(view.activeMaintenances[0]?.updates.map((u) => u.message)).toEqual(['Halfway', 'Started']);
    expect(view.upcomingMaintenances.map((m) => m.id)).toEqual(['soon', 'later']);
    expect(view.upcomingMaintenances[0]?.components).toEqual([{ id: 'api', name: 'Component api' }]);
    expect(view.overall.indicator).toBe('maintenance');
    const groupItem = view.items[1];
    if (groupItem?.kind !== 'group') throw new Error('expected a group');
    expect(groupItem.components[0]?.status).toBe('under_maintenance');
  });

  it('builds 90 days of history, with no data before the component existed', () => {
    const young = component('young', daysAgo(9, 0));
    const view = buildStatusPageView(
      snapshot({
        components: [young],
        incidents: [
          incident('i1', [
            { at: daysAgo(3, 0), message: 'x', impacts: { young: 'full_outage' } },
            { at: daysAgo(3, 6), status: 'resolved' },
          ]),
        ],
      }),
      page([{ kind: 'component', componentId: 'young', showUptime: true }]),
      NOW,
    );
    const row = view.items[0];
    if (row?.kind !== 'component' || row.component.history === null) throw new Error('expected a history');
    const { days, uptimeText } = row.component.history;
    expect(days).toHaveLength(90);
    expect(days.at(-1)?.day).toBe('2026-03-20');
    expect(days.filter((day) => day.state === 'no_data')).toHaveLength(80);
    expect(days[0]).toMatchObject({ state: 'no_data', label: `${dayLabel(days[0]!.day)}: No data`, uptimeText: null });
    const outage = days.find((day) => day.day === '2026-03-17');
    expect(outage).toMatchObject({
      state: 'full_outage',
      incidents: [{ id: 'i1', name: 'Incident i1' }],
      uptimeText: '75.00%',
      label: '17 March 2026: Full outage — Incident i1; 75.00% uptime',
    });
    expect(days.at(-1)?.label).toBe('20 March 2026: Operational; 100% uptime');
    // 6 hours down out of 9.5 days observed.
    expect(uptimeText).toBe(formatUptime(1 - 6 / (9 * 24 + 12)));
  });

  it('labels maintenance days, and maintenance on a day that also had an incident', () => {
    const view = buildStatusPageView(
      snapshot({
        components: [api],
        incidents: [
          incident('i1', [
            { at: daysAgo(2, 9), impacts: { api: 'degraded_performance' } },
            { at: daysAgo(2, 10), status: 'resolved' },
          ]),
        ],
        maintenances: [maintenance('m1', ['api'], daysAgo(2, 1), daysAgo(2, 2)), maintenance('m2', ['api'], daysAgo(5, 1), daysAgo(5, 2))],
      }),
      page([{ kind: 'component', componentId: 'api', showUptime: true }]),
      NOW,
    );
    const row = view.items[0];
    if (row?.kind !== 'component' || row.component.history === null) throw new Error('expected a history');
    const byDay = new Map(row.component.history.days.map((day) => [day.day, day]));
    expect(byDay.get('2026-03-15')?.label).toBe('15 March 2026: Maintenance; 100% uptime');
    expect(byDay.get('2026-03-18')?.label).toBe('18 March 2026: Degraded performance — Incident i1; maintenance; 100% uptime');
  });

  it('leaves out uptime where the page does not show it, and skips deleted components and groups', () => {
    const view = buildStatusPageView(
      snapshot(base),
      page([
        { kind: 'component', componentId: 'api', showUptime: false },
        { kind: 'component', componentId: 'gone', showUptime: true },
        { kind: 'group', groupId: 'missing', showUptime: true },
        { kind: 'group', groupId: 'g', showUptime: false },
      ]),
      NOW,
    );
    expect(view.items).toHaveLength(2);
    const [row, groupItem] = view.items;
    if (row?.kind !== 'component' || groupItem?.kind !== 'group') throw new Error('unexpected items');
    expect(row.component.history).toBeNull();
    expect(groupItem.uptimeText).toBeNull();
    expect(groupItem.components.every((member) => member.history === null)).toBe(true);
  });

  it('builds a page of 100 components with 90 days of history and 60 incidents', () => {
    const many = Array.from({ length: 100 }, (_, i) => component(`c${i}`, daysAgo(200)));
    const incidents = Array.from({ length: 60 }, (_, i) =>
      incident(`i${i}`, [
        { at: daysAgo(i, 8), impacts: { [`c${i % 100}`]: 'partial_outage', [`c${(i * 7) % 100}`]: 'full_outage' } },
        { at: daysAgo(i, 10), status: i < 2 ? 'monitoring' : 'resolved' },
      ]),
    );
    const big = page(
      many.map((c): PageItem => ({ kind: 'component', componentId: c.id, showUptime: true })),
      { timeZone: 'Europe/Berlin' },
    );
    const data = snapshot({ components: many, incidents });
    const view = buildStatusPageView(data, big, NOW);
    expect(view.items).toHaveLength(100);
  });
});

/** What the live state or the archive answers for `id` (the hand-built snapshot holds every incident). */
const byId = (data: Snapshot, id: string) => data.incidents.find((candidate) => candidate.id === id) ?? null;

describe('buildIncidentView', () => {
  const data = snapshot({
    ...base,
    incidents: [
      incident('mine', [
        { at: daysAgo(1, 8), impacts: { api: 'full_outage' } },
        { at: daysAgo(1, 9), status: 'monitoring', impacts: { api: 'degraded_performance' } },
        { at: daysAgo(1, 10), status: 'resolved', message: 'All good', impacts: { api: null } },
      ]),
      incident('theirs', [{ at: daysAgo(1, 8), impacts: { x: 'full_outage' } }]),
    ],
  });

  it('returns the full timeline, newest first, of an incident on the page', () => {
    const view = buildIncidentView(data, acme, byId(data, 'mine'), NOW);
    expect(view?.incident).toMatchObject({
      id: 'mine',
      status: 'resolved',
      isOpen: false,
      impact: 'full_outage',
      impactLabel: 'Full outage',
    });
    expect(view?.incident.resolvedAt).toEqual(daysAgo(1, 10));
    expect(view?.incident.updates.map((u) => u.statusLabel)).toEqual(['Resolved', 'Monitoring', 'Investigating']);
    expect(view?.incident.updates[1]?.impacts).toEqual([
      { id: 'api', name: 'Component api', impact: 'degraded_performance', impactLabel: 'Degraded performance' },
    ]);
    expect(view?.overall.indicator).toBe('none');
  });

  it('is null for an unknown incident or one that touches none of the page’s components', () => {
    expect(buildIncidentView(data, acme, null, NOW)).toBeNull();
    expect(buildIncidentView(data, acme, byId(data, 'theirs'), NOW)).toBeNull();
  });
});

describe('buildHistoryView', () => {
  const spanning = incident('spanning', [
    { at: new Date('2026-01-31T22:00:00Z'), impacts: { api: 'partial_outage' } },
    { at: new Date('2026-02-01T02:00:00Z'), status: 'resolved' },
  ]);
  const february = incident('february', [
    { at: new Date('2026-02-10T10:00:00Z'), impacts: { db: 'full_outage' } },
    { at: new Date('2026-02-10T11:00:00Z'), status: 'resolved' },
  ]);
  const open = incident('open', [{ at: new Date('2026-02-27T10:00:00Z'), impacts: { api: 'degraded_performance' } }]);
  const foreign = incident('foreign', [{ at: new Date('2026-02-12T10:00:00Z'), impacts: { x: 'full_outage' } }]);
  const data = snapshot({
    components: [component('api', new Date('2025-12-15T00:00:00Z')), component('db', new Date('2026-01-20T00:00:00Z')), other],
    groups: [group('g', ['db'])],
    incidents: [spanning, february, open, foreign],
  });
  const history = page([
    { kind: 'component', componentId: 'api', showUptime: true },
    { kind: 'group', groupId: 'g', showUptime: true },
  ]);

  it('lists the incidents touching the month, newest first, including ones that began before it', () => {
    const view = buildHistoryView(data, history, '2026-02', NOW, data.incidents);
    expect(view?.month).toEqual({ key: '2026-02', label: 'February 2026' });
    expect(view?.incidents.map((i) => i.id)).toEqual(['open', 'february', 'spanning']);
    expect(view?.previousMonth).toBe('2026-01');
    expect(view?.nextMonth).toBe('2026-03');
  });

  it('keeps an open incident in every month up to now', () => {
    expect(buildHistoryView(data, history, '2026-03', NOW, data.incidents)?.incidents.map((i) => i.id)).toEqual(['open']);
  });

  it('uses the page’s time zone for the month boundaries', () => {
    const berlin = { ...history, timeZone: 'Europe/Berlin' };
    // 31 Jan 22:00 UTC is 23:00 in Berlin and the incident ended 03:00 local on 1 Feb.
    expect(buildHistoryView(data, berlin, '2026-01', NOW, data.incidents)?.incidents.map((i) => i.id)).toEqual(['spanning']);
    const tokyo = { ...history, timeZone: 'Asia/Tokyo' };
    // In Tokyo it ran 07:00–11:00 on 1 February, so January never saw it.
    expect(buildHistoryView(data, tokyo, '2026-01', NOW, data.incidents)?.incidents.map((i) => i.id)).toEqual([]);
  });

  it('offers no next month from the current one and no previous month before the oldest component', () => {
    // NOW is in March 2026, in the page's zone too.
    const current = buildHistoryView(data, history, '2026-03', NOW, data.incidents);
    expect(current?.month.key).toBe('2026-03');
    expect(current?.nextMonth).toBeNull();
    const oldest = buildHistoryView(data, history, '2025-12', NOW, data.incidents);
    expect(oldest?.previousMonth).toBeNull();
    expect(oldest?.nextMonth).toBe('2026-01');
  });

  it('lists only the given month incidents that touch the page (the caller reads them from the store)', () => {
    const view = buildHistoryView(data, history, '2026-02', NOW, [february, foreign]);
    expect(view?.incidents.map((i) => i.id)).toEqual(['february']);
  });

  it('lets an incident older than every component extend the history back', () => {
    const early = incident('early', [
      { at: new Date('2025-10-05T10:00:00Z'), impacts: { api: 'degraded_performance' } },
      { at: new Date('2025-10-05T11:00:00Z'), status: 'resolved' },
    ]);
    const withEarly = snapshot({ components: [...data.components.values()], groups: [...data.groups.values()], incidents: [early] });
    expect(buildHistoryView(withEarly, history, '2025-11', NOW, withEarly.incidents)?.previousMonth).toBe('2025-10');
    expect(buildHistoryView(withEarly, history, '2025-10', NOW, withEarly.incidents)?.previousMonth).toBeNull();
  });

  it('is null for a malformed month or one that has not begun', () => {
    for (const month of ['2026-13', '2026-1', 'march', '', '2026-03-01', '0999-01']) {
      expect(buildHistoryView(data, history, month, NOW, data.incidents)).toBeNull();
    }
    expect(buildHistoryView(data, history, '2026-04', NOW, data.incidents)).toBeNull();
    expect(buildHistoryView(data, history, '9999-12', NOW, data.incidents)).toBeNull();
  });

  it('crosses year boundaries in its links', () => {
    const view = buildHistoryView(data, history, '2026-01', NOW, data.incidents);
    expect(view?.previousMonth).toBe('2025-12');
    expect(view?.nextMonth).toBe('2026-02');
  });
});
