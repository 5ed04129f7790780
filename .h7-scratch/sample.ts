import type { Snapshot } from '../src/domain/snapshot.js';
import type { Incident, IncidentStatus } from '../src/domain/incident.js';
import type { Impact } from '../src/domain/impact.js';
import type { Page } from '../src/domain/page.js';

export const NOW = new Date('2026-03-20T14:30:00Z');
const H = 3600_000;
const ago = (days: number, hour = 12) => new Date(Date.UTC(2026, 2, 20 - days, hour));
const comp = (id: string, name: string, createdDaysAgo = 400, description: string | null = null) => ({ id, name, description, createdAt: ago(createdDaysAgo, 0), updatedAt: ago(1) });
let n = 0;
function inc(id: string, name: string, steps: [Date, IncidentStatus, string, Record<string, Impact | null>][]): Incident {
  return { id, name, createdAt: steps[0]![0], updatedAt: steps.at(-1)![0], updates: steps.map(([at, status, message, impacts]) => ({ id: `u${n++}`, incidentId: id, status, message, displayAt: at, createdAt: at, impacts: Object.entries(impacts).map(([componentId, impact]) => ({ componentId, impact })) })) };
}
export function sample(variant: 'issues' | 'ok' | 'critical' | 'maintenance' | 'minor' = 'issues'): { snapshot: Snapshot; page: Page } {
  const components = [
    comp('api', 'Public API', 400, 'REST and GraphQL endpoints at api.acme.com'),
    comp('web', 'Web app'),
    comp('dash', 'Dashboard'),
    comp('db', 'Primary database'),
    comp('cache', 'Cache cluster'),
    comp('queue', 'Job queue', 10),
    comp('eu', 'EU (Frankfurt)'),
    comp('us', 'US (Virginia)'),
    comp('webhooks', 'Webhook delivery', 35),
  ];
  const groups = [
    { id: 'infra', name: 'Infrastructure', description: null, componentIds: ['db', 'cache', 'queue'], createdAt: ago(400), updatedAt: ago(400) },
    { id: 'regions', name: 'Regions', description: 'Where your data is hosted', componentIds: ['eu', 'us'], createdAt: ago(400), updatedAt: ago(400) },
  ];
  const page: Page = { id: 'p', slug: 'acme', name: 'Acme', description: null, timeZone: 'Europe/Berlin', isDefault: true, kind: 'standalone', createdAt: ago(400), updatedAt: ago(1),
    items: [
      { kind: 'component', componentId: 'api', showUptime: true },
      { kind: 'component', componentId: 'web', showUptime: true },
      { kind: 'component', componentId: 'dash', showUptime: false },
      { kind: 'group', groupId: 'infra', showUptime: true },
      { kind: 'group', groupId: 'regions', showUptime: true },
      { kind: 'component', componentId: 'webhooks', showUptime: true },
    ] };
  const incidents: Incident[] = [
    inc('past1', 'Elevated API error rates', [
      [ago(3, 9), 'investigating', 'We are investigating elevated 5xx error rates on the public API.', { api: 'partial_outage' }],
      [ago(3, 9.5), 'identified', 'A faulty deploy of the rate limiter is rejecting valid requests. Rolling back.', {}],
      [ago(3, 10), 'monitoring', 'The rollback is complete and error rates are back to normal. We are monitoring.', { api: 'degraded_performance' }],
      [ago(3, 11), 'resolved', 'This incident has been resolved.', { api: null }],
    ]),
    inc('past2', 'Dashboard login failures', [
      [ago(9, 15), 'investigating', 'Some users cannot sign in to the dashboard.', { dash: 'full_outage', web: 'degraded_performance' }],
      [ago(9, 16.2), 'resolved', 'Sign-in works again. An expired certificate on the identity provider was renewed.', {}],
    ]),
    inc('old1', 'Database failover', [
      [ago(40, 2), 'investigating', 'Primary database unreachable.', { db: 'full_outage', api: 'partial_outage' }],
      [ago(40, 3), 'resolved', 'Failover completed.', {}],
    ]),
    inc('old2', 'Slow webhook deliveries', [
      [ago(20, 8), 'investigating', 'Webhooks are delayed by up to 10 minutes.', { webhooks: 'degraded_performance' }],
      [ago(20, 14), 'resolved', 'Backlog cleared.', {}],
    ]),
    inc('old3', 'US region outage', [
      [ago(61, 20), 'investigating', 'Requests to the US region fail.', { us: 'full_outage' }],
      [ago(61, 23), 'resolved', 'Upstream provider fixed the network issue.', {}],
    ]),
  ];
  if (variant === 'issues' || variant === 'critical' || variant === 'minor') {
    incidents.push(inc('open1', 'Delayed job processing in the EU region', [
      [new Date(NOW.getTime() - 2 * H), 'investigating', 'Background jobs in the EU region are delayed by up to 15 minutes. We are investigating.', variant === 'minor' ? { queue: 'degraded_performance' } : { queue: 'partial_outage', eu: 'degraded_performance' }],
      [new Date(NOW.getTime() - 1 * H), 'identified', 'We have identified a stuck consumer on one of the queue nodes and are replacing it.\nNew jobs are processed normally.', {}],
    ]));
  }
  if (variant === 'critical') {
    incidents.push(inc('open2', 'Public API unavailable', [
      [new Date(NOW.getTime() - 0.5 * H), 'investigating', 'The public API is not responding. All hands on deck.', { api: 'full_outage' }],
    ]));
  }
  const maintenances = [
    { id: 'm1', name: 'Database upgrade to PostgreSQL 17', description: 'Writes may be paused for up to 5 minutes during the switchover.', componentIds: ['db', 'api'], scheduledStart: ago(-3, 22), scheduledEnd: ago(-3, 23.5), completedAt: null, cancelledAt: null, createdAt: ago(5), updatedAt: ago(5), updates: [] },
    ...(variant === 'maintenance' || variant === 'issues' ? [{ id: 'm2', name: 'Cache cluster resize', description: null, componentIds: ['cache'], scheduledStart: new Date(NOW.getTime() - H), scheduledEnd: new Date(NOW.getTime() + H), completedAt: null, cancelledAt: null, createdAt: ago(5), updatedAt: ago(5), updates: [{ id: 'mu1', maintenanceId: 'm2', message: 'Resize started; the cache is serving from the old nodes until traffic shifts.', createdAt: new Date(NOW.getTime() - H) }] }] : []),
  ];
  return { snapshot: { revision: 1, loadedAt: NOW, components: new Map(components.map((c) => [c.id, c])), groups: new Map(groups.map((g) => [g.id, g])), pages: new Map([[page.id, page]]), incidents, maintenances }, page };
}
