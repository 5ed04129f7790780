import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/helpers/describe-each-engine.js';
import { componentStatuses } from '../domain/component-status.js';
import { incidentStartedAt, isIncidentOpen } from '../domain/incident-status.js';
import { maintenancePhase } from '../domain/maintenance-phase.js';
import { componentHistory, intervalsByComponent } from '../domain/uptime.js';
import { authenticateApiKey } from './api-keys.js';
import { createComponent } from './components.js';
import type { ServiceContext } from './context.js';
import { DEMO_PAGE_SLUG, isDatabaseEmpty, seedDemo } from './demo.js';
import { loadSnapshot } from './snapshot-loader.js';

const DAY = 24 * 60 * 60 * 1000;

describeEachEngine('seedDemo', (database) => {
  const now = new Date('2025-06-15T12:00:00Z');
  const context = (): ServiceContext => ({ database: database(), clock: () => now, onRevision: () => {} });

  it('seeds a convincing demo through the services', async () => {
    expect(await isDatabaseEmpty(context())).toBe(true);
    const summary = await seedDemo(context());
    expect(await isDatabaseEmpty(context())).toBe(false);
    const snapshot = await loadSnapshot(database(), () => now);

    expect(snapshot.components.size).toBe(12);
    expect(summary.componentCount).toBe(12);
    expect(snapshot.groups.size).toBe(3);
    for (const group of snapshot.groups.values()) expect(group.componentIds).toHaveLength(4);
    const pages = [...snapshot.pages.values()];
    expect(pages).toHaveLength(2);
    expect(pages.find((page) => page.isDefault)).toMatchObject({ slug: DEMO_PAGE_SLUG, name: 'Acme Cloud' });
    expect([...summary.pageSlugs].sort()).toEqual(pages.map((page) => page.slug).sort());

    // One open incident with a partial outage; the rest resolved and spread over the last 90 days.
    const open = snapshot.incidents.filter(isIncidentOpen);
    expect(open).toHaveLength(1);
    const statuses = componentStatuses(snapshot.components.keys(), snapshot.incidents, snapshot.maintenances, now);
    expect([...statuses.values()]).toContain('partial_outage');
    expect([...statuses.values()]).toContain('under_maintenance');
    const resolvedStarts = snapshot.incidents.filter((incident) => !isIncidentOpen(incident)).map((incident) => incidentStartedAt(incident).getTime());
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
        timeZone: 'UTC',
        days: 90,
      });
      expect(history.days).toHaveLength(90);
      colouredDays += history.days.filter((day) => day.worstImpact !== null).length;
    }
    expect(colouredDays).toBeGreaterThanOrEqual(12);

    expect(await authenticateApiKey(context(), summary.apiKey)).not.toBeNull();
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
