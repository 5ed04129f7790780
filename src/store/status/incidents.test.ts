import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { insertTestComponent } from '../../../test/helpers/write-fixtures.js';
import { newId } from '../../domain/id.js';
import type { ImpactChange, Incident, IncidentStatus, IncidentUpdate } from '../../domain/status/incident.js';
import {
  deleteIncidentRow,
  findIncident,
  insertIncident,
  insertIncidentUpdate,
  listIncidents,
  loadAllIncidents,
  touchIncident,
} from './incidents.js';
import { writeTransaction } from '../transaction.js';

const at = (iso: string): Date => new Date(iso);

const buildUpdate = (incidentId: string, overrides: Partial<IncidentUpdate> = {}): IncidentUpdate => ({
  id: newId(),
  incidentId,
  status: 'investigating',
  message: 'Looking into it',
  displayAt: at('2025-03-01T10:00:00.000Z'),
  createdAt: at('2025-03-01T10:00:00.000Z'),
  impacts: [],
  ...overrides,
});

const buildIncident = (overrides: Partial<Incident> = {}, impacts: ImpactChange[] = []): Incident => {
  const id = overrides.id ?? newId();
  const createdAt = overrides.createdAt ?? at('2025-03-01T10:00:00.000Z');
  return {
    id,
    name: 'API errors',
    createdAt,
    updatedAt: createdAt,
    updates: [buildUpdate(id, { impacts, displayAt: createdAt, createdAt })],
    ...overrides,
  };
};

describeEachEngine('store/incidents', (database) => {
  it('round-trips an incident with its updates and impacts', async () => {
    const api = await insertTestComponent(database(), 'API');
    const db = await insertTestComponent(database(), 'DB');
    const incident = buildIncident({}, [
      { componentId: api, impact: 'full_outage' },
      { componentId: db, impact: null },
    ]);
    await writeTransaction(database(), (tx) => insertIncident(tx, incident));
    const found = await findIncident(database().db, incident.id);
    expect(found).toEqual({
      ...incident,
      updates: [
        { ...incident.updates[0]!, impacts: [...incident.updates[0]!.impacts].sort((a, b) => a.componentId.localeCompare(b.componentId)) },
      ],
    });
    expect(await findIncident(database().db, 'missing')).toBeNull();
  });

  it('returns updates in timeline order: displayAt, then createdAt', async () => {
    const incident = buildIncident();
    const backDated = buildUpdate(incident.id, {
      message: 'back-dated',
      displayAt: at('2025-03-01T09:00:00.000Z'),
      createdAt: at('2025-03-01T11:00:00.000Z'),
    });
    const sameInstantLater = buildUpdate(incident.id, {
      message: 'second',
      displayAt: at('2025-03-01T10:00:00.000Z'),
      createdAt: at('2025-03-01T10:00:00.001Z'),
    });
    await writeTransaction(database(), async (tx) => {
      await insertIncident(tx, incident);
      await insertIncidentUpdate(tx, sameInstantLater);
      await insertIncidentUpdate(tx, backDated);
    });
    const found = await findIncident(database().db, incident.id);
    expect(found?.updates.map((u) => u.message)).toEqual(['back-dated', 'Looking into it', 'second']);
    const all = await loadAllIncidents(database().db);
    expect(all[0]?.updates.map((u) => u.message)).toEqual(['back-dated', 'Looking into it', 'second']);
  });

  it('renames and touches, answering the incident as it now is, or null when it does not exist', async () => {
    const incident = buildIncident();
    await writeTransaction(database(), (tx) => insertIncident(tx, incident));
    await writeTransaction(database(), async (tx) => {
      const touched = await touchIncident(tx, incident.id, at('2025-03-02T00:00:00.000Z'), { name: 'Renamed' });
      // Each touch moves the version on, which stale-edit checks compare against.
      expect(touched).toEqual({ incident: { ...incident, name: 'Renamed', updatedAt: at('2025-03-02T00:00:00.000Z') }, version: 2 });
      expect(await touchIncident(tx, 'missing', at('2025-03-02T00:00:00.000Z'))).toBeNull();
    });
    const found = await findIncident(database().db, incident.id);
    expect(found?.name).toBe('Renamed');
    expect(found?.updatedAt).toEqual(at('2025-03-02T00:00:00.000Z'));
  });

  it('deletes an incident with its updates and impacts', async () => {
    const api = await insertTestComponent(database());
    const incident = buildIncident({}, [{ componentId: api, impact: 'partial_outage' }]);
    await writeTransaction(database(), (tx) => insertIncident(tx, incident));
    await writeTransaction(database(), async (tx) => {
      expect(await deleteIncidentRow(tx, incident.id)).toBe(true);
      expect(await deleteIncidentRow(tx, incident.id)).toBe(false);
    });
    expect(await findIncident(database().db, incident.id)).toBeNull();
    expect(await database().db.selectFrom('incident_updates').selectAll().execute()).toEqual([]);
    expect(await database().db.selectFrom('incident_update_impacts').selectAll().execute()).toEqual([]);
  });

  it('lists newest first, filters open/resolved by the latest update in timeline order, and pages by cursor', async () => {
    const withLatest = (createdAt: string, status: IncidentStatus, latestDisplayAt: string): Incident => {
      const incident = buildIncident({ createdAt: at(createdAt), name: `${status} ${createdAt}` });
      incident.updates.push(
        buildUpdate(incident.id, { status, displayAt: at(latestDisplayAt), createdAt: at('2025-03-05T00:00:00.000Z') }),
      );
      return incident;
    };
    const open1 = withLatest('2025-03-01T00:00:00.000Z', 'monitoring', '2025-03-01T01:00:00.000Z');
    const resolved = withLatest('2025-03-02T00:00:00.000Z', 'resolved', '2025-03-02T01:00:00.000Z');
    // A back-dated `resolved` posted last but placed before the first update: the incident stays open.
    const backDatedResolve = withLatest('2025-03-03T00:00:00.000Z', 'resolved', '2025-03-02T23:00:00.000Z');
    await writeTransaction(database(), async (tx) => {
      for (const incident of [open1, resolved, backDatedResolve]) await insertIncident(tx, incident);
    });
    const ids = (list: Incident[]) => list.map((incident) => incident.id);
    expect(ids(await listIncidents(database().db, { limit: 10 }))).toEqual([backDatedResolve.id, resolved.id, open1.id]);
    expect(ids(await listIncidents(database().db, { limit: 10, open: true }))).toEqual([backDatedResolve.id, open1.id]);
    expect(ids(await listIncidents(database().db, { limit: 10, open: false }))).toEqual([resolved.id]);
    const firstPage = await listIncidents(database().db, { limit: 2 });
    expect(ids(firstPage)).toEqual([backDatedResolve.id, resolved.id]);
    const last = firstPage[1]!;
    expect(ids(await listIncidents(database().db, { limit: 2, before: { createdAt: last.createdAt, id: last.id } }))).toEqual([open1.id]);
    expect((await listIncidents(database().db, { limit: 1 }))[0]?.updates).toHaveLength(2);
  });

  it('pages past incidents created at the same instant by id', async () => {
    const sameTime = at('2025-03-01T00:00:00.000Z');
    const incidents = [
      buildIncident({ createdAt: sameTime }),
      buildIncident({ createdAt: sameTime }),
      buildIncident({ createdAt: sameTime }),
    ];
    await writeTransaction(database(), async (tx) => {
      for (const incident of incidents) await insertIncident(tx, incident);
    });
    const seen: string[] = [];
    let before: { createdAt: Date; id: string } | undefined;
    for (;;) {
      const page = await listIncidents(database().db, { limit: 1, before });
      if (page.length === 0) break;
      seen.push(page[0]!.id);
      before = { createdAt: page[0]!.createdAt, id: page[0]!.id };
    }
    expect(seen).toEqual(
      incidents
        .map((incident) => incident.id)
        .sort()
        .reverse(),
    );
  });

  it('loads every incident with impacts attached in a fixed number of queries', async () => {
    const api = await insertTestComponent(database());
    const many = Array.from({ length: 30 }, (_, i) =>
      buildIncident({ createdAt: new Date(Date.UTC(2025, 2, 1, 0, i)) }, [{ componentId: api, impact: 'degraded_performance' }]),
    );
    await writeTransaction(database(), async (tx) => {
      for (const incident of many) await insertIncident(tx, incident);
    });
    let queries = 0;
    const counting = database().db.withPlugin({
      transformQuery: (args) => {
        queries += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const all = await loadAllIncidents(counting);
    expect(queries).toBe(3);
    expect(all.map((incident) => incident.id)).toEqual(many.map((incident) => incident.id));
    expect(all.every((incident) => incident.updates[0]?.impacts[0]?.impact === 'degraded_performance')).toBe(true);
  });
});

describeEachEngine('store/incidents: the span columns', (database) => {
  const spanOf = async (id: string) =>
    database().db.selectFrom('incidents').select(['started_at', 'resolved_at']).where('id', '=', id).executeTakeFirstOrThrow();

  it('follow the timeline through back-dated updates, resolution and reopening', async () => {
    const incident = buildIncident({ createdAt: at('2025-03-01T10:00:00.000Z') });
    await writeTransaction(database(), (tx) => insertIncident(tx, incident));
    expect(await spanOf(incident.id)).toEqual({ started_at: '2025-03-01T10:00:00.000Z', resolved_at: null });

    const update = (status: IncidentStatus, displayAt: string, createdAt: string) =>
      writeTransaction(database(), (tx) =>
        insertIncidentUpdate(tx, buildUpdate(incident.id, { status, displayAt: at(displayAt), createdAt: at(createdAt) })),
      );
    // Back-dated before the first update: the start moves earlier.
    await update('identified', '2025-03-01T09:00:00.000Z', '2025-03-01T10:05:00.000Z');
    expect(await spanOf(incident.id)).toEqual({ started_at: '2025-03-01T09:00:00.000Z', resolved_at: null });
    await update('resolved', '2025-03-01T11:00:00.000Z', '2025-03-01T11:00:00.000Z');
    expect(await spanOf(incident.id)).toEqual({ started_at: '2025-03-01T09:00:00.000Z', resolved_at: '2025-03-01T11:00:00.000Z' });
    // A resolved update back-dated behind the latest one does not resolve it again.
    await update('monitoring', '2025-03-01T12:00:00.000Z', '2025-03-01T12:00:00.000Z');
    expect(await spanOf(incident.id)).toEqual({ started_at: '2025-03-01T09:00:00.000Z', resolved_at: null });
    await update('resolved', '2025-03-01T11:30:00.000Z', '2025-03-01T12:05:00.000Z');
    expect(await spanOf(incident.id)).toEqual({ started_at: '2025-03-01T09:00:00.000Z', resolved_at: null });
    // Same display time: the later-created update is the latest.
    await update('resolved', '2025-03-01T12:00:00.000Z', '2025-03-01T12:10:00.000Z');
    expect(await spanOf(incident.id)).toEqual({ started_at: '2025-03-01T09:00:00.000Z', resolved_at: '2025-03-01T12:00:00.000Z' });
  });

  it('are set on insert from the whole timeline', async () => {
    const id = newId();
    const incident = buildIncident({
      id,
      updates: [
        buildUpdate(id, { status: 'investigating', displayAt: at('2025-03-02T08:00:00.000Z'), createdAt: at('2025-03-02T08:00:00.000Z') }),
        buildUpdate(id, { status: 'resolved', displayAt: at('2025-03-02T09:00:00.000Z'), createdAt: at('2025-03-02T09:00:00.000Z') }),
      ],
    });
    await writeTransaction(database(), (tx) => insertIncident(tx, incident));
    expect(await spanOf(id)).toEqual({ started_at: '2025-03-02T08:00:00.000Z', resolved_at: '2025-03-02T09:00:00.000Z' });
  });
});
