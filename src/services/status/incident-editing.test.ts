/**
 * What the dashboard's incident screens need from the services, on both engines: the version every
 * write raises and the guard that refuses a write based on an older one (a stale edit, 409, nothing
 * changed), editing an update with the audit log keeping what it replaced (STF-7), the dashboard's
 * listings searched and paged in the store, and templates.
 */
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { failureOf } from '../../../test/helpers/failure-of.js';
import { buildTestContext, insertTestComponent } from '../../../test/helpers/write-fixtures.js';
import { listAuditEvents } from '../../store/access/audit-log.js';
import { createIncidentTemplate, deleteIncidentTemplate, getIncidentTemplate, listIncidentTemplates } from './incident-templates.js';
import {
  DISPLAY_AT_MAX_SKEW_MS,
  INCIDENT_UPDATE_EDITED,
  createIncident,
  deleteIncident,
  editIncidentUpdate,
  findIncidents,
  getIncident,
  getIncidentForEditing,
  postIncidentUpdate,
  readIncidentVersions,
  renameIncident,
  resolveIncident,
} from './incidents.js';

const NOW = new Date('2025-03-01T12:00:00.000Z');

describeEachEngine('services/incident editing', (database) => {
  const setup = async () => {
    const t = buildTestContext(database(), NOW);
    const api = await insertTestComponent(database(), 'API');
    const incident = await createIncident(t.ctx, { name: 'API errors', status: 'investigating', message: 'Looking.' });
    return { ...t, api, incident };
  };

  it('raises the version on every write, even within one millisecond', async () => {
    const { ctx, incident } = await setup();
    expect((await getIncidentForEditing(ctx, incident.id)).version).toBe(1);
    await postIncidentUpdate(ctx, incident.id, { status: 'identified', message: 'Found.' });
    await renameIncident(ctx, incident.id, 'API down');
    await editIncidentUpdate(ctx, { incidentId: incident.id, updateId: incident.updates[0]!.id, message: 'Looking hard.' }, 'cli');
    await resolveIncident(ctx, incident.id);
    expect((await getIncidentForEditing(ctx, incident.id)).version).toBe(5);
    expect(await readIncidentVersions(ctx, [incident.id, 'missing', ''])).toEqual(new Map([[incident.id, 5]]));
  });

  it('refuses every write based on an older version with a conflict, and changes nothing', async () => {
    const { ctx, revisions, incident } = await setup();
    await postIncidentUpdate(ctx, incident.id, { status: 'identified', message: 'Found.' }, { expectedVersion: 1 });
    const current = await getIncidentForEditing(ctx, incident.id);
    expect(current.version).toBe(2);
    const announced = revisions.length;
    const stale = { expectedVersion: 1 };
    const refusals = [
      () => postIncidentUpdate(ctx, incident.id, { status: 'monitoring', message: 'Stale.' }, stale),
      () => renameIncident(ctx, incident.id, 'Stale name', stale),
      () => resolveIncident(ctx, incident.id, { message: 'Stale.', ...stale }),
      () => editIncidentUpdate(ctx, { incidentId: incident.id, updateId: incident.updates[0]!.id, message: 'Stale.', ...stale }, 'cli'),
      () => deleteIncident(ctx, incident.id, stale),
    ];
    for (const refusal of refusals) {
      const error = await failureOf(refusal());
      expect(error.code).toBe('conflict');
      expect(error.issues).toEqual([{ path: 'version', message: 'changed since you opened it' }]);
    }
    expect(await getIncidentForEditing(ctx, incident.id)).toEqual(current);
    expect(revisions.length).toBe(announced);
    expect(await listAuditEvents(ctx.database.db, { action: INCIDENT_UPDATE_EDITED })).toEqual([]);
    // A missing incident is still a 404, guard or not.
    expect((await failureOf(renameIncident(ctx, 'missing', 'x', { expectedVersion: 1 }))).code).toBe('not_found');
    expect((await failureOf(deleteIncident(ctx, 'missing', { expectedVersion: 1 }))).code).toBe('not_found');
  });

  it('two writers from the same version: the first wins, the second is refused', async () => {
    const { ctx, incident } = await setup();
    const results = await Promise.allSettled([
      postIncidentUpdate(ctx, incident.id, { status: 'identified', message: 'A.' }, { expectedVersion: 1 }),
      postIncidentUpdate(ctx, incident.id, { status: 'monitoring', message: 'B.' }, { expectedVersion: 1 }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await getIncident(ctx, incident.id)).updates).toHaveLength(2);
  });

  it('STF-7: editing an update keeps the text and time it replaced in the audit log, by its actor', async () => {
    const { ctx, advance, incident } = await setup();
    advance(60 * 60_000);
    const update = incident.updates[0]!;
    const backDated = new Date('2025-03-01T11:30:00.000Z');
    const edited = await editIncidentUpdate(
      ctx,
      { incidentId: incident.id, updateId: update.id, message: '  Looking into errors.  ', displayAt: backDated, expectedVersion: 1 },
      'staff:rita@example.com',
    );
    expect(edited.updates[0]).toMatchObject({ id: update.id, message: 'Looking into errors.', displayAt: backDated });
    expect(await getIncident(ctx, incident.id)).toEqual(edited);
    const [event] = await listAuditEvents(ctx.database.db, { action: INCIDENT_UPDATE_EDITED });
    expect(event).toMatchObject({
      actor: 'staff:rita@example.com',
      subjectType: 'incident',
      subjectId: incident.id,
      details: {
        updateId: update.id,
        before: { message: 'Looking.', displayAt: NOW.toISOString() },
        after: { message: 'Looking into errors.', displayAt: backDated.toISOString() },
      },
    });
    // The incident's span follows the back-dated update (the listing and history read it).
    const row = await ctx.database.db.selectFrom('incidents').select('started_at').where('id', '=', incident.id).executeTakeFirstOrThrow();
    expect(row.started_at).toBe(backDated.toISOString());
  });

  it('refuses an edit to nothing, to an empty text, or into the future; the update stays', async () => {
    const { ctx, incident } = await setup();
    const updateId = incident.updates[0]!.id;
    const edit = (input: { updateId?: string; message?: string; displayAt?: Date }) =>
      failureOf(editIncidentUpdate(ctx, { incidentId: incident.id, updateId, message: 'ok', ...input }, 'cli'));
    expect((await edit({ updateId: 'missing' })).code).toBe('not_found');
    expect((await edit({ message: '   ' })).issues).toEqual([{ path: 'message', message: 'must not be empty' }]);
    const future = new Date(NOW.getTime() + DISPLAY_AT_MAX_SKEW_MS + 1);
    expect((await edit({ displayAt: future })).issues).toEqual([{ path: 'display_at', message: 'must not be in the future' }]);
    expect(await getIncident(ctx, incident.id)).toEqual(incident);
  });

  it('lists open and resolved incidents newest first, searched by name in the store, paged by cursor', async () => {
    const { ctx, advance, incident } = await setup();
    const names = ['Disk 50% full', 'Disk_full', 'DISK slow', 'Network blip', 'Back\\slash disk'];
    const resolved: string[] = [];
    for (const name of names) {
      advance(1_000);
      const made = await createIncident(ctx, { name, status: 'investigating', message: 'x' });
      await resolveIncident(ctx, made.id);
      resolved.push(made.id);
    }
    const nameOf = async (options: Parameters<typeof findIncidents>[1]) => (await findIncidents(ctx, options)).map((i) => i.name);
    expect(await nameOf({ resolved: false, limit: 10 })).toEqual([incident.name]);
    expect(await nameOf({ resolved: true, limit: 10 })).toEqual([...names].reverse());
    expect(await nameOf({ resolved: true, limit: 10, nameContains: 'disk' })).toEqual([
      'Back\\slash disk',
      'DISK slow',
      'Disk_full',
      'Disk 50% full',
    ]);
    expect(await nameOf({ resolved: true, limit: 10, nameContains: '50%' })).toEqual(['Disk 50% full']);
    expect(await nameOf({ resolved: true, limit: 10, nameContains: 'k_f' })).toEqual(['Disk_full']);
    expect(await nameOf({ resolved: true, limit: 10, nameContains: 'k\\s' })).toEqual(['Back\\slash disk']);
    expect(await nameOf({ resolved: true, limit: 10, nameContains: '   ' })).toHaveLength(5);
    const page = await findIncidents(ctx, { resolved: true, limit: 2 });
    expect(await nameOf({ resolved: true, limit: 2, before: page[1]!.id })).toEqual(['DISK slow', 'Disk_full']);
    expect((await failureOf(findIncidents(ctx, { resolved: true, limit: 2, before: 'missing' }))).code).toBe('validation');
  });

  it('keeps templates with their impacts, refuses bad ones, and audits creation and deletion', async () => {
    const { ctx, advance, api } = await setup();
    const template = await createIncidentTemplate(
      ctx,
      { name: ' DB slow ', message: 'Queries are slow.', impacts: [{ componentId: api, impact: 'degraded_performance' }] },
      'staff:ann@example.com',
    );
    expect(await listIncidentTemplates(ctx)).toEqual([template]);
    expect(await getIncidentTemplate(ctx, template.id)).toEqual({ ...template, name: 'DB slow' });
    const bad = await failureOf(
      createIncidentTemplate(ctx, { name: 'x', message: 'x', impacts: [{ componentId: 'missing', impact: 'full_outage' }] }, 'cli'),
    );
    expect(bad.issues[0]?.path).toBe('components[0].component_id');
    expect((await failureOf(createIncidentTemplate(ctx, { name: '', message: 'x', impacts: [] }, 'cli'))).issues[0]?.path).toBe('name');
    advance(1_000);
    await deleteIncidentTemplate(ctx, template.id, 'staff:ann@example.com');
    expect(await listIncidentTemplates(ctx)).toEqual([]);
    expect((await failureOf(deleteIncidentTemplate(ctx, template.id, 'cli'))).code).toBe('not_found');
    const events = await listAuditEvents(ctx.database.db, { subjectType: 'incident_template' });
    expect(events.map((e) => [e.action, e.actor])).toEqual([
      ['incident_template.deleted', 'staff:ann@example.com'],
      ['incident_template.created', 'staff:ann@example.com'],
    ]);
  });
});
