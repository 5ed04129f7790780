import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { componentStatuses } from '../../domain/status/component-status.js';
import { incidentStartedAt, isIncidentOpen } from '../../domain/status/incident-status.js';
import { maintenancePhase } from '../../domain/status/maintenance-phase.js';
import { componentHistory, intervalsByComponent } from '../../domain/history/uptime.js';
import { authenticateApiKey } from '../sessions/api-keys.js';
import { createComponent } from '../status/components.js';
import type { ServiceContext } from '../context.js';
import { findWhoCanAccess } from '../pages/customer-pages.js';
import { DEMO_PAGE_SLUG, isDatabaseEmpty, seedDemo } from './demo.js';
import { loadSnapshot } from '../live-state/snapshot-loader.js';
import { dayGrid } from '../../domain/history/day-grid.js';
import { timeZones } from '../../web/time-zones.js';

const DAY = 24 * 60 * 60 * 1000;
const PUBLIC_URL = 'https://status.acme.test';

describeEachEngine('seedDemo', (database) => {
  const now = new Date('2025-06-15T12:00:00Z');
  const context = (): ServiceContext => ({ database: database(), clock: () => now, onRevision: () => {} });

  it('seeds a convincing demo through the services', async () => {
    expect(await isDatabaseEmpty(context())).toBe(true);
    const summary = await seedDemo(context(), { publicUrl: PUBLIC_URL });
    expect(await isDatabaseEmpty(context())).toBe(false);
    const snapshot = await loadSnapshot(database(), () => now);

    // 12 platform components, the APAC database and one dedicated component per customer.
    expect(snapshot.components.size).toBe(16);
    expect(summary.componentCount).toBe(16);
    expect(snapshot.groups.size).toBe(3);
    for (const group of snapshot.groups.values()) expect(group.componentIds).toHaveLength(4);
    const pages = [...snapshot.pages.values()];
    expect(pages.map((page) => [page.slug, page.kind]).sort()).toEqual([
      ['acme-cloud', 'standalone'],
      ['customers', 'customer_set'],
      ['developers', 'standalone'],
      ['regions', 'parent'],
    ]);
    expect(pages.find((page) => page.isDefault)).toMatchObject({ slug: DEMO_PAGE_SLUG, name: 'Acme Cloud' });
    // Public pages only, the default first: the customer page set is private.
    expect(summary.pageSlugs).toEqual([DEMO_PAGE_SLUG, 'developers', 'regions']);
    expect(summary.subPagePaths).toEqual(['/regions/eu', '/regions/us', '/regions/apac']);

    // Open: the platform's partial outage and Globex's own incident; the rest resolved over the last 90 days.
    const open = snapshot.incidents.filter(isIncidentOpen);
    expect(open).toHaveLength(2);
    const statuses = componentStatuses(snapshot.components.keys(), snapshot.incidents, snapshot.maintenances, now);
    expect([...statuses.values()]).toContain('partial_outage');
    expect([...statuses.values()]).toContain('under_maintenance');
    const resolvedStarts = snapshot.incidents
      .filter((incident) => !isIncidentOpen(incident))
      .map((incident) => incidentStartedAt(incident).getTime());
    expect(resolvedStarts.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...resolvedStarts)).toBeLessThan(now.getTime() - DAY);
    expect(Math.min(...resolvedStarts)).toBeGreaterThan(now.getTime() - 90 * DAY);
    expect(summary.incidentCount).toBe(snapshot.incidents.length);

    const phases = snapshot.maintenances.map((maintenance) => maintenancePhase(maintenance, now)).sort();
    expect(phases).toEqual(['completed', 'in_progress', 'scheduled']);
    expect(summary.maintenanceCount).toBe(3);

    // Components predate the 90-day window, so the bars are full and show colour on incident days.
    const intervals = intervalsByComponent(snapshot.incidents);
    let colouredDays = 0;
    for (const component of snapshot.components.values()) {
      expect(component.createdAt.getTime()).toBeLessThan(now.getTime() - 90 * DAY);
      const history = componentHistory({
        createdAt: component.createdAt,
        intervals: intervals.get(component.id) ?? [],
        maintenances: [],
        now,
        grid: dayGrid(now, 'UTC', 90, timeZones),
      });
      expect(history.days).toHaveLength(90);
      colouredDays += history.days.filter((day) => day.worstImpact !== null).length;
    }
    expect(colouredDays).toBeGreaterThanOrEqual(12);

    expect(await authenticateApiKey(context(), summary.apiKey)).not.toBeNull();
  });

  it('promises nothing Beacon does not serve: no subscription by email or text message, no post-mortem, in any text a viewer reads', async () => {
    await seedDemo(context(), { publicUrl: PUBLIC_URL });
    const snapshot = await loadSnapshot(database(), () => now);
    const texts = [
      ...[...snapshot.pages.values()].flatMap((page) => [page.name, page.description]),
      ...[...snapshot.groups.values()].flatMap((group) => [group.name, group.description]),
      ...[...snapshot.components.values()].flatMap((component) => [component.name, component.description]),
      ...snapshot.incidents.flatMap((incident) => [incident.name, ...incident.updates.map((update) => update.message)]),
      ...snapshot.maintenances.flatMap((maintenance) => [maintenance.name, maintenance.description]),
    ].filter((text): text is string => typeof text === 'string');
    expect(texts.length).toBeGreaterThan(50);
    // Feeds exist (README, Feeds); subscriptions by email or SMS, being notified, and post-mortems do not.
    const unbuilt = [
      /\bsubscri\w*\b[^.]*\b(e-?mails?|sms|text messages?|inbox)\b/i,
      /\b(e-?mails?|sms|text messages?)\b[^.]*\bsubscri\w*/i,
      /\b(notify|notified|sign up)\b/i,
      /\bpost-?mortems?\b/i,
    ];
    for (const text of texts) for (const pattern of unbuilt) expect(text).not.toMatch(pattern);
  });

  it('returns each customer page with its unlisted URL and an address that may sign in to it', async () => {
    const summary = await seedDemo(context(), { publicUrl: PUBLIC_URL });
    expect(summary.customerPages.map((page) => [page.name, page.allowedDomains, page.exampleEmail])).toEqual([
      ['Globex Corporation', ['globex.example'], 'you@globex.example'],
      ['Initech', ['initech.example', '*.initech-labs.example'], 'you@initech.example'],
      ['Umbrella', ['umbrella.example'], 'you@umbrella.example'],
    ]);
    for (const page of summary.customerPages) {
      expect(page.url).toMatch(/^https:\/\/status\.acme\.test\/c\/[A-Za-z0-9_-]{24}$/);
      expect(page.url).toBe(`${PUBLIC_URL}${page.path}`);
      expect(page.allowedDomains.length).toBeGreaterThan(0);
      // The example address really is admitted, to this customer's page and no other.
      const grants = await findWhoCanAccess(context(), page.exampleEmail, { publicUrl: PUBLIC_URL });
      expect(grants.map((grant) => grant.url)).toEqual([page.url]);
    }
    expect(new Set(summary.customerPages.map((page) => page.url)).size).toBe(3);
  });

  it('refuses a database that already holds data, and changes nothing', async () => {
    await createComponent(context(), { name: 'Existing' });
    await expect(seedDemo(context())).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/empty database/) });
    const snapshot = await loadSnapshot(database(), () => now);
    expect(snapshot.components.size).toBe(1);
    expect(snapshot.pages.size).toBe(0);
  });

  it('refuses to seed twice', async () => {
    await seedDemo(context());
    await expect(seedDemo(context())).rejects.toMatchObject({ code: 'conflict' });
  });
});
