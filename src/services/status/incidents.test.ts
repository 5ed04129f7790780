import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { failureOf } from '../../../test/helpers/failure-of.js';
import { buildTestContext, insertTestComponent } from '../../../test/helpers/write-fixtures.js';
import { currentImpacts, incidentStatus, isIncidentOpen } from '../../domain/status/incident-status.js';
import {
  DEFAULT_RESOLVED_MESSAGE,
  DISPLAY_AT_MAX_SKEW_MS,
  createIncident,
  deleteIncident,
  getIncident,
  listIncidents,
  postIncidentUpdate,
  renameIncident,
  resolveIncident,
} from './incidents.js';

const NOW = new Date('2025-03-01T12:00:00.000Z');

describeEachEngine('services/incidents', (database) => {
  const setup = async () => {
    const t = buildTestContext(database(), NOW);
    const api = await insertTestComponent(database(), 'API');
    const db = await insertTestComponent(database(), 'DB');
    return { ...t, api, db };
  };

  it('creates an incident with its first update and announces the revision', async () => {
    const { ctx, revisions, api } = await setup();
    const incident = await createIncident(ctx, {
      name: '  API errors ',
      status: 'investigating',
      message: 'We are looking into elevated errors.',
      impacts: [{ componentId: api, impact: 'partial_outage' }],
    });
    expect(incident).toMatchObject({ name: 'API errors', createdAt: NOW, updatedAt: NOW });
    expect(incident.updates).toHaveLength(1);
    expect(incident.updates[0]).toMatchObject({
      status: 'investigating',
      displayAt: NOW,
      createdAt: NOW,
      impacts: [{ componentId: api, impact: 'partial_outage' }],
    });
    expect(await getIncident(ctx, incident.id)).toEqual(incident);
    expect(revisions).toHaveLength(1);
    expect(currentImpacts(incident)).toEqual(new Map([[api, 'partial_outage']]));
  });

  it('names every unknown or repeated component by its index', async () => {
    const { ctx, revisions, api } = await setup();
    const error = await failureOf(
      createIncident(ctx, {
        name: 'X',
        status: 'investigating',
        message: 'm',
        impacts: [
          { componentId: api, impact: 'full_outage' },
          { componentId: 'nope', impact: 'full_outage' },
          { componentId: api, impact: null },
          { componentId: 'bad\u0000id', impact: null },
        ],
      }),
    );
    expect(error.code).toBe('validation');
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'components[1].component_id',
      'components[2].component_id',
      'components[3].component_id',
    ]);
    expect(error.issues[0]?.message).toContain('does not exist');
    expect(error.issues[1]?.message).toContain('more than once');
    expect(revisions).toEqual([]);
    expect(await listIncidents(ctx, { limit: 10 })).toEqual([]);
  });

  it('accepts a back-dated first update but refuses one in the future beyond the skew', async () => {
    const { ctx } = await setup();
    const earlier = new Date(NOW.getTime() - 3_600_000);
    const backDated = await createIncident(ctx, { name: 'X', status: 'identified', message: 'm', displayAt: earlier });
    expect(backDated.updates[0]?.displayAt).toEqual(earlier);
    expect(backDated.updates[0]?.createdAt).toEqual(NOW);

    const slightlyAhead = new Date(NOW.getTime() + DISPLAY_AT_MAX_SKEW_MS);
    expect(
      (await createIncident(ctx, { name: 'X', status: 'identified', message: 'm', displayAt: slightlyAhead })).updates[0]?.displayAt,
    ).toEqual(slightlyAhead);

    const error = await failureOf(
      createIncident(ctx, { name: 'X', status: 'identified', message: 'm', displayAt: new Date(slightlyAhead.getTime() + 1) }),
    );
    expect(error.issues).toEqual([{ path: 'display_at', message: 'must not be in the future' }]);
  });

  it('refuses empty names and messages', async () => {
    const { ctx } = await setup();
    expect((await failureOf(createIncident(ctx, { name: '   ', status: 'investigating', message: 'm' }))).issues[0]?.path).toBe('name');
    expect((await failureOf(createIncident(ctx, { name: 'X', status: 'investigating', message: '' }))).issues[0]?.path).toBe('message');
  });

  it('posts updates in any status order; resolved closes and a later update reopens', async () => {
    const { ctx, advance, api, db } = await setup();
    const created = await createIncident(ctx, {
      name: 'X',
      status: 'investigating',
      message: 'm',
      impacts: [{ componentId: api, impact: 'full_outage' }],
    });
    advance(60_000);
    const monitoring = await postIncidentUpdate(ctx, created.id, {
      status: 'monitoring',
      message: 'fix deployed',
      impacts: [
        { componentId: api, impact: 'degraded_performance' },
        { componentId: db, impact: 'partial_outage' },
      ],
    });
    expect(incidentStatus(monitoring)).toBe('monitoring');
    expect(monitoring.updatedAt).toEqual(new Date(NOW.getTime() + 60_000));
    expect(currentImpacts(monitoring)).toEqual(
      new Map([
        [api, 'degraded_performance'],
        [db, 'partial_outage'],
      ]),
    );
    advance(60_000);
    const identified = await postIncidentUpdate(ctx, created.id, {
      status: 'identified',
      message: 'regressed',
      impacts: [{ componentId: db, impact: null }],
    });
    expect(incidentStatus(identified)).toBe('identified');
    expect(currentImpacts(identified)).toEqual(new Map([[api, 'degraded_performance']]));
    advance(60_000);
    const resolved = await resolveIncident(ctx, created.id);
    expect(isIncidentOpen(resolved)).toBe(false);
    expect(resolved.updates.at(-1)?.message).toBe(DEFAULT_RESOLVED_MESSAGE);
    advance(60_000);
    const reopened = await postIncidentUpdate(ctx, created.id, { status: 'investigating', message: 'back again' });
    expect(isIncidentOpen(reopened)).toBe(true);
    expect(reopened.updates.map((u) => u.status)).toEqual(['investigating', 'monitoring', 'identified', 'resolved', 'investigating']);
  });

  it('slots a back-dated update into the timeline by displayAt', async () => {
    const { ctx, advance } = await setup();
    const created = await createIncident(ctx, { name: 'X', status: 'identified', message: 'declared' });
    advance(3_600_000);
    const updated = await postIncidentUpdate(ctx, created.id, {
      status: 'investigating',
      message: 'first noticed',
      displayAt: new Date(NOW.getTime() - 600_000),
    });
    expect(updated.updates.map((u) => u.message)).toEqual(['first noticed', 'declared']);
    expect(incidentStatus(updated)).toBe('identified');
  });

  it('keeps posting order for updates made at the same instant (clock standing still)', async () => {
    const { ctx } = await setup();
    const created = await createIncident(ctx, { name: 'X', status: 'investigating', message: 'one' });
    await postIncidentUpdate(ctx, created.id, { status: 'identified', message: 'two' });
    const resolved = await resolveIncident(ctx, created.id, { message: 'three' });
    expect(resolved.updates.map((u) => u.message)).toEqual(['one', 'two', 'three']);
    expect(new Set(resolved.updates.map((u) => u.createdAt.getTime())).size).toBe(3);
    expect(isIncidentOpen(resolved)).toBe(false);
    expect(isIncidentOpen(await getIncident(ctx, created.id))).toBe(false);
  });

  it('gives concurrent updates to one incident distinct, ordered createdAt', async () => {
    const { ctx } = await setup();
    const created = await createIncident(ctx, { name: 'X', status: 'investigating', message: 'start' });
    await Promise.all(Array.from({ length: 8 }, (_, i) => postIncidentUpdate(ctx, created.id, { status: 'identified', message: `u${i}` })));
    const incident = await getIncident(ctx, created.id);
    expect(incident.updates).toHaveLength(9);
    expect(new Set(incident.updates.map((u) => u.createdAt.getTime())).size).toBe(9);
  });

  it('resolving a resolved incident changes nothing', async () => {
    const { ctx, revisions } = await setup();
    const created = await createIncident(ctx, { name: 'X', status: 'resolved', message: 'was brief' });
    const again = await resolveIncident(ctx, created.id, { message: 'again' });
    expect(again.updates).toHaveLength(1);
    expect(revisions).toHaveLength(1);
  });

  it('renames and deletes; unknown ids are not found', async () => {
    const { ctx } = await setup();
    const created = await createIncident(ctx, { name: 'X', status: 'investigating', message: 'm' });
    expect((await renameIncident(ctx, created.id, 'Better name')).name).toBe('Better name');
    await deleteIncident(ctx, created.id);
    const attempts = [
      () => getIncident(ctx, created.id),
      () => deleteIncident(ctx, created.id),
      () => renameIncident(ctx, created.id, 'Y'),
      () => postIncidentUpdate(ctx, created.id, { status: 'identified', message: 'm' }),
      () => resolveIncident(ctx, created.id),
      () => getIncident(ctx, 'weird\u0000id'),
    ];
    for (const attempt of attempts) expect((await failureOf(attempt())).code).toBe('not_found');
  });

  it('lists open and resolved incidents newest first, page by page', async () => {
    const { ctx, advance } = await setup();
    const first = await createIncident(ctx, { name: 'first', status: 'investigating', message: 'm' });
    advance(1000);
    const second = await createIncident(ctx, { name: 'second', status: 'investigating', message: 'm' });
    advance(1000);
    const third = await createIncident(ctx, { name: 'third', status: 'investigating', message: 'm' });
    await resolveIncident(ctx, second.id);
    const names = (list: { name: string }[]) => list.map((incident) => incident.name);
    expect(names(await listIncidents(ctx, { limit: 10 }))).toEqual(['third', 'second', 'first']);
    expect(names(await listIncidents(ctx, { limit: 10, open: true }))).toEqual(['third', 'first']);
    expect(names(await listIncidents(ctx, { limit: 10, open: false }))).toEqual(['second']);
    expect(names(await listIncidents(ctx, { limit: 1, before: third.id }))).toEqual(['second']);
    expect(names(await listIncidents(ctx, { limit: 5, before: first.id }))).toEqual([]);
    expect((await failureOf(listIncidents(ctx, { limit: 5, before: 'nope' }))).issues[0]?.path).toBe('before');
  });
});
