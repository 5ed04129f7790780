import { describe, expect, it } from 'vitest';
import { NOW, buildSnapshot, component, incident, page, single } from '../../test/helpers/page-kinds-snapshot.js';
import { withDraft } from './draft-snapshot.js';
import type { Maintenance } from './status/maintenance.js';

describe('withDraft', () => {
  const open = incident('a', { api: 'partial_outage' });
  const snapshot = buildSnapshot({ components: ['api', 'web'].map(component), pages: [page('main', [single('api')])], incidents: [open] });

  it('adds a new incident, or replaces the one of its id, in the store order, leaving the snapshot as it was', () => {
    const later = { ...incident('b', { web: 'full_outage' }), createdAt: new Date(NOW.getTime() - 60_000) };
    expect(withDraft(snapshot, { incident: later }, NOW).incidents).toEqual([open, later]);
    const resolved = incident('a', { api: 'partial_outage' }, true);
    expect(withDraft(snapshot, { incident: resolved }, NOW).incidents).toEqual([resolved]);
    expect(snapshot.incidents).toEqual([open]);
  });

  it('adds a maintenance window', () => {
    const window: Maintenance = {
      id: 'm',
      name: 'Upgrade',
      description: null,
      componentIds: ['api'],
      scheduledStart: new Date(NOW.getTime() + 3_600_000),
      scheduledEnd: new Date(NOW.getTime() + 7_200_000),
      completedAt: null,
      cancelledAt: null,
      createdAt: NOW,
      updatedAt: NOW,
      updates: [],
    };
    const drafted = withDraft(snapshot, { maintenance: window }, NOW);
    expect(drafted.maintenances).toEqual([window]);
    expect(drafted.incidents).toBe(snapshot.incidents);
    expect(snapshot.maintenances).toEqual([]);
  });
});
