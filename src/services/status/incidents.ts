import { BeaconError, invalid, notFound } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import type { ImpactChange, Incident, IncidentStatus, IncidentUpdate } from '../../domain/status/incident.js';
import { incidentComponentIds, isIncidentOpen } from '../../domain/status/incident-status.js';
import { compareUpdates } from '../../domain/status/incident-updates.js';
import { sortInPlace } from '../../domain/sort-in-place.js';
import {
  deleteIncidentRow,
  findIncident,
  findIncidentVersion,
  findIncidentVersions,
  findIncidentWithVersion,
  insertIncident,
  insertIncidentUpdate,
  listIncidents as listIncidentRows,
  searchIncidents,
  touchIncident,
  updateIncidentUpdate,
} from '../../store/status/incidents.js';
import { appendAudit } from '../sign-in/sign-in-audit.js';
import { type NotifyOption, queueNotification } from '../notifications/notify.js';
import type { ChangeSet } from '../../store/revisions/change-log.js';
import type { Queryable, Tx } from '../../store/transaction.js';
import { checkComponentRefs, compareIds, isPlausibleId } from './component-refs.js';
import { type ServiceContext, write } from '../context.js';
import { type IdempotentRequest, type IdempotentResult, type RecordedResponse, writeIdempotently } from './idempotency.js';
import { MESSAGE_MAX_LENGTH, NAME_MAX_LENGTH, checkText, checkTime } from '../text-fields.js';

/** How far in the future a `displayAt` may lie, to forgive clients whose clocks run a little fast. */
export const DISPLAY_AT_MAX_SKEW_MS = 2 * 60 * 1000;
export const DEFAULT_RESOLVED_MESSAGE = 'This incident has been resolved.';
export const MAX_LIST_LIMIT = 100;

export interface IncidentUpdateInput {
  status: IncidentStatus;
  message: string;
  /** The components this update changes; `impact: null` sets one back to none. */
  impacts?: ImpactChange[];
  /** Back-dates the update; defaults to now. */
  displayAt?: Date | null;
  /** Tells subscribers of the update (default on). */
  notify?: boolean;
}

export interface CreateIncidentInput extends IncidentUpdateInput {
  name: string;
}

/**
 * The version of the incident a write is based on (what its author saw, `getIncidentForEditing`):
 * when given, the write is refused with a `conflict` (409) if anyone changed the incident since,
 * and nothing changes. Absent, the write applies to the incident as it is (the API's behaviour).
 */
export interface VersionGuard {
  expectedVersion?: number;
}

/** An incident with the version every write raises (see `VersionGuard`). */
export interface VersionedIncident {
  incident: Incident;
  version: number;
}

export interface ListIncidentsOptions {
  /** `true`: open ones only; `false`: resolved ones only. */
  open?: boolean;
  limit: number;
  /** The id of the last incident of the previous page. */
  before?: string;
}

/** A back-dated display time: a real instant, not later than a little past now (`DISPLAY_AT_MAX_SKEW_MS`). */
function checkDisplayAt(value: Date, now: Date): Date {
  const displayAt = checkTime('display_at', value);
  if (displayAt.getTime() > now.getTime() + DISPLAY_AT_MAX_SKEW_MS) throw invalid('display_at', 'must not be in the future');
  return displayAt;
}

/** Validates an update's input against the clock and the components, in the writing transaction. */
async function buildUpdate(
  tx: Queryable,
  incidentId: string,
  input: IncidentUpdateInput,
  createdAt: Date,
  now: Date,
): Promise<IncidentUpdate> {
  const message = checkText('message', input.message, MESSAGE_MAX_LENGTH);
  const impacts = input.impacts ?? [];
  await checkComponentRefs(
    tx,
    impacts.map((change) => change.componentId),
    (i) => `components[${i}].component_id`,
  );
  const displayAt = input.displayAt ? checkDisplayAt(input.displayAt, now) : createdAt;
  // Sorted as the store returns them, so a fresh incident equals the one read back.
  const sorted = impacts.map((change) => ({ ...change })).sort((a, b) => compareIds(a.componentId, b.componentId));
  return { id: newId(), incidentId, status: input.status, message, displayAt, createdAt, impacts: sorted };
}

async function requireIncident(db: Queryable, id: string): Promise<Incident> {
  const incident = isPlausibleId(id) ? await findIncident(db, id) : null;
  if (!incident) throw notFound('Incident', id);
  return incident;
}

/** The incident did not take the write: it is gone (404), or at another version than expected (409). */
async function refusedWrite(db: Queryable, incidentId: string, guard: VersionGuard): Promise<BeaconError> {
  const version = isPlausibleId(incidentId) ? await findIncidentVersion(db, incidentId) : null;
  if (version === null || guard.expectedVersion === undefined) return notFound('Incident', incidentId);
  return staleEdit(version);
}

/** A write refused because the incident is no longer at the version it was based on (`VersionGuard`): 409. */
export class StaleIncidentEdit extends BeaconError {
  /** The version the incident is at now. */
  readonly currentVersion: number;
  constructor(currentVersion: number) {
    super('conflict', `This incident changed since you opened it (it is now at version ${currentVersion}); nothing was changed.`, [
      { path: 'version', message: 'changed since you opened it' },
    ]);
    this.currentVersion = currentVersion;
  }
}

const staleEdit = (version: number): BeaconError => new StaleIncidentEdit(version);

/** Locks the incident for this write (PostgreSQL), checks the guard, and answers it as it now is, with its new version. */
async function touchGuarded(tx: Tx, incidentId: string, now: Date, guard: VersionGuard, name?: string): Promise<VersionedIncident> {
  const options = {
    ...(name === undefined ? {} : { name }),
    ...(guard.expectedVersion === undefined ? {} : { expectedVersion: guard.expectedVersion }),
  };
  const touched = isPlausibleId(incidentId) ? await touchIncident(tx, incidentId, now, options) : null;
  if (!touched) throw await refusedWrite(tx, incidentId, guard);
  return touched;
}

/** The incident declaring would make, checked as declaring checks it (name, message, time, components). */
async function buildNewIncident(db: Queryable, input: CreateIncidentInput, now: Date): Promise<Incident> {
  const name = checkText('name', input.name, NAME_MAX_LENGTH);
  checkText('message', input.message, MESSAGE_MAX_LENGTH);
  const id = newId();
  const update = await buildUpdate(db, id, input, now, now);
  return { id, name, createdAt: now, updatedAt: now, updates: [update] };
}

/**
 * The incident `createIncident` would declare now, checked as it would be but written nowhere: what a
 * review previews. Throws as `createIncident` would.
 */
export async function draftIncident(ctx: ServiceContext, input: CreateIncidentInput): Promise<Incident> {
  return buildNewIncident(ctx.database.db, input, ctx.clock());
}

async function insertNewIncident(tx: Tx, changed: ChangeSet, ctx: ServiceContext, input: CreateIncidentInput): Promise<Incident> {
  const incident = await buildNewIncident(tx, input, ctx.clock());
  await insertIncident(tx, incident);
  changed.incident(incident.id);
  await notifyOfUpdate(tx, incident.id, incident.updates[0]!, incident.createdAt, input);
  return incident;
}

/**
 * Declares an incident with its first update.
 *
 * @example createIncident(ctx, { name: 'API errors', status: 'investigating', message: '…', impacts: [{ componentId, impact: 'partial_outage' }] })
 */
export async function createIncident(ctx: ServiceContext, input: CreateIncidentInput): Promise<Incident> {
  const incident = await write(ctx, (tx, changed) => insertNewIncident(tx, changed, ctx, input));
  ringUnlessQuiet(ctx, input);
  return incident;
}

/** Queues the fan-out of a posted update, in its transaction, unless staff turned notifying off. */
async function notifyOfUpdate(tx: Tx, incidentId: string, update: IncidentUpdate, now: Date, input: NotifyOption): Promise<void> {
  await queueNotification(tx, { type: 'incident.update', incidentId, updateId: update.id }, now, input);
}

/** After a write that queued a fan-out: this process's outbox worker starts on it at once. */
const ringUnlessQuiet = (ctx: ServiceContext, input: NotifyOption): void => {
  if (input.notify !== false) ctx.outbox?.ring();
};

/**
 * `createIncident` at most once per idempotency key: `respond` shapes the response that is stored
 * with the key, in the same transaction, and replayed to any duplicate.
 */
export async function createIncidentIdempotently(
  ctx: ServiceContext,
  input: CreateIncidentInput,
  request: IdempotentRequest,
  respond: (incident: Incident) => RecordedResponse,
): Promise<IdempotentResult> {
  const result = await writeIdempotently(ctx, request, async (tx, changed) => respond(await insertNewIncident(tx, changed, ctx, input)));
  ringUnlessQuiet(ctx, input);
  return result;
}

/**
 * Adds an update to the timeline. Any status may follow any other; a non-resolved update on a
 * resolved incident reopens it. A back-dated update slots in by `displayAt`.
 */
export async function postIncidentUpdate(
  ctx: ServiceContext,
  incidentId: string,
  input: IncidentUpdateInput,
  guard: VersionGuard = {},
): Promise<Incident> {
  return (await postIncidentUpdateVersioned(ctx, incidentId, input, guard)).incident;
}

/** `postIncidentUpdate`, answering the version the write left the incident at (the API's ETag). */
export async function postIncidentUpdateVersioned(
  ctx: ServiceContext,
  incidentId: string,
  input: IncidentUpdateInput,
  guard: VersionGuard = {},
): Promise<VersionedIncident> {
  const result = await writeVersioned(ctx, incidentId, async (tx, now) => {
    // Touching the row first locks it (PostgreSQL): the incident read with it is the one this update follows.
    const touched = await touchGuarded(tx, incidentId, now, guard);
    const { update, updated } = await followingUpdate(tx, touched.incident, input, now);
    await insertIncidentUpdate(tx, update);
    await notifyOfUpdate(tx, incidentId, update, now, input);
    return { incident: updated, version: touched.version };
  });
  ringUnlessQuiet(ctx, input);
  return result;
}

/**
 * A write to one incident that answers the version it left the incident at. The write itself
 * answers the incident, as every incident write does (audit hooks read its id).
 */
async function writeVersioned(
  ctx: ServiceContext,
  incidentId: string,
  change: (tx: Tx, now: Date) => Promise<VersionedIncident>,
): Promise<VersionedIncident> {
  let version = 0;
  const incident = await write(ctx, async (tx, changed) => {
    changed.incident(incidentId);
    const result = await change(tx, ctx.clock());
    version = result.version;
    return result.incident;
  });
  return { incident, version };
}

/** The update `input` makes next on `incident`, and the incident as a read would find it after. */
async function followingUpdate(db: Queryable, incident: Incident, input: IncidentUpdateInput, now: Date) {
  // createdAt strictly increases within an incident, so two updates at the same displayAt keep the order they were posted in.
  const latest = Math.max(...incident.updates.map((update) => update.createdAt.getTime()));
  const createdAt = latest >= now.getTime() ? new Date(latest + 1) : now;
  const update = await buildUpdate(db, incident.id, input, createdAt, now);
  return { update, updated: { ...incident, updates: sortInPlace([...incident.updates, update], compareUpdates) } };
}

/**
 * The incident as `postIncidentUpdate` would leave it now, checked as it would be (the guard too) but
 * written nowhere: what a review previews. Throws as `postIncidentUpdate` would.
 */
export async function draftIncidentUpdate(
  ctx: ServiceContext,
  incidentId: string,
  input: IncidentUpdateInput,
  guard: VersionGuard = {},
): Promise<Incident> {
  const { incident, version } = await getIncidentForEditing(ctx, incidentId);
  if (guard.expectedVersion !== undefined && guard.expectedVersion !== version) throw staleEdit(version);
  return (await followingUpdate(ctx.database.db, incident, input, ctx.clock())).updated;
}

/**
 * Posts a `resolved` update. Resolving an incident that is already resolved changes nothing and
 * returns it as it is, so a monitoring tool may resolve twice.
 */
export async function resolveIncident(
  ctx: ServiceContext,
  incidentId: string,
  input: { message?: string | null } & VersionGuard & NotifyOption = {},
): Promise<Incident> {
  return (await resolveIncidentVersioned(ctx, incidentId, input)).incident;
}

/** `resolveIncident`, answering the version the incident is then at (unchanged when it was already resolved). */
export async function resolveIncidentVersioned(
  ctx: ServiceContext,
  incidentId: string,
  input: { message?: string | null } & VersionGuard & NotifyOption = {},
): Promise<VersionedIncident> {
  const found = await getIncidentForEditing(ctx, incidentId);
  if (input.expectedVersion !== undefined && input.expectedVersion !== found.version) throw staleEdit(found.version);
  if (!isIncidentOpen(found.incident)) return found;
  const guard = input.expectedVersion === undefined ? {} : { expectedVersion: input.expectedVersion };
  const message = input.message?.trim() || DEFAULT_RESOLVED_MESSAGE;
  const notify = input.notify === undefined ? {} : { notify: input.notify };
  return postIncidentUpdateVersioned(ctx, incidentId, { status: 'resolved', message, ...notify }, guard);
}

export async function renameIncident(ctx: ServiceContext, incidentId: string, name: string, guard: VersionGuard = {}): Promise<Incident> {
  return (await renameIncidentVersioned(ctx, incidentId, name, guard)).incident;
}

/** `renameIncident`, answering the version the write left the incident at. */
export async function renameIncidentVersioned(
  ctx: ServiceContext,
  incidentId: string,
  name: string,
  guard: VersionGuard = {},
): Promise<VersionedIncident> {
  return writeVersioned(ctx, incidentId, async (tx, now) =>
    touchGuarded(tx, incidentId, now, guard, checkText('name', name, NAME_MAX_LENGTH)),
  );
}

export async function deleteIncident(ctx: ServiceContext, incidentId: string, guard: VersionGuard = {}): Promise<void> {
  await write(ctx, async (tx, changed) => {
    const incident = await requireIncident(tx, incidentId);
    changed.incident(incidentId);
    // Where each of its components' history begins may move later; the live state may not hold it to know them.
    for (const componentId of incidentComponentIds(incident)) changed.incidentHistory(componentId);
    if (!(await deleteIncidentRow(tx, incidentId, guard.expectedVersion))) throw await refusedWrite(tx, incidentId, guard);
  });
}

export interface EditIncidentUpdateInput extends VersionGuard {
  incidentId: string;
  updateId: string;
  message: string;
  /** Moves the update on the timeline (back-dating it); absent keeps its display time. */
  displayAt?: Date | null;
}

/** The audit action of an edited update; its details keep the text and time it replaced (STF-7). */
export const INCIDENT_UPDATE_EDITED = 'incident_update.edited';

/**
 * Changes the text (and, when given, the display time) of one update. The audit log keeps what it
 * replaced (STF-7): one `incident_update.edited` event with `before` and `after`, in the same
 * transaction, by `actor`.
 */
export async function editIncidentUpdate(ctx: ServiceContext, input: EditIncidentUpdateInput, actor: string): Promise<Incident> {
  return write(ctx, async (tx, changed) => {
    changed.incident(input.incidentId);
    const now = ctx.clock();
    const { incident } = await touchGuarded(tx, input.incidentId, now, input);
    const update = incident.updates.find((candidate) => candidate.id === input.updateId);
    if (!update) throw notFound('Incident update', input.updateId);
    const message = checkText('message', input.message, MESSAGE_MAX_LENGTH);
    const displayAt = input.displayAt ? checkDisplayAt(input.displayAt, now) : update.displayAt;
    await updateIncidentUpdate(tx, { incidentId: incident.id, updateId: update.id, message, displayAt });
    await appendAudit(tx, now, [
      {
        actor,
        action: INCIDENT_UPDATE_EDITED,
        subjectType: 'incident',
        subjectId: incident.id,
        pageId: null,
        details: {
          updateId: update.id,
          before: { message: update.message, displayAt: update.displayAt.toISOString() },
          after: { message, displayAt: displayAt.toISOString() },
        },
      },
    ]);
    const edited = { ...update, message, displayAt };
    return {
      ...incident,
      updates: sortInPlace(
        incident.updates.map((u) => (u.id === update.id ? edited : u)),
        compareUpdates,
      ),
    };
  });
}

export async function getIncident(ctx: ServiceContext, incidentId: string): Promise<Incident> {
  return requireIncident(ctx.database.db, incidentId);
}

/** The incident with its version, for a screen whose forms carry that version (`VersionGuard`). */
export async function getIncidentForEditing(ctx: ServiceContext, incidentId: string): Promise<VersionedIncident> {
  const found = isPlausibleId(incidentId) ? await findIncidentWithVersion(ctx.database.db, incidentId) : null;
  if (!found) throw notFound('Incident', incidentId);
  return found;
}

/** The current versions of those of these incidents that exist (a live screen asks after each revision). */
export async function readIncidentVersions(ctx: ServiceContext, incidentIds: readonly string[]): Promise<Map<string, number>> {
  return findIncidentVersions(ctx.database.db, incidentIds.filter(isPlausibleId));
}

export interface FindIncidentsOptions {
  /** `false`: open ones; `true`: resolved ones. */
  resolved: boolean;
  /** Only incidents whose name contains this (case ignored for ASCII letters). */
  nameContains?: string;
  limit: number;
  /** The id of the last incident of the previous page. */
  before?: string;
}

/** The dashboard's listings: open or resolved incidents, newest first, searched by name and paged in the store. */
export async function findIncidents(ctx: ServiceContext, options: FindIncidentsOptions): Promise<Incident[]> {
  const db = ctx.database.db;
  let before: { createdAt: Date; id: string } | undefined;
  if (options.before !== undefined) {
    const cursor = isPlausibleId(options.before) ? await findIncident(db, options.before) : null;
    if (!cursor) throw invalid('before', `incident ${JSON.stringify(options.before)} does not exist`);
    before = { createdAt: cursor.createdAt, id: cursor.id };
  }
  const limit = Math.min(Math.max(Math.trunc(options.limit), 1), MAX_LIST_LIMIT);
  const nameContains = options.nameContains?.trim().slice(0, NAME_MAX_LENGTH) || undefined;
  return searchIncidents(db, {
    resolved: options.resolved,
    limit,
    ...(nameContains ? { nameContains } : {}),
    ...(before ? { before } : {}),
  });
}

/** Newest first; `before` continues after the given incident. */
export async function listIncidents(ctx: ServiceContext, options: ListIncidentsOptions): Promise<Incident[]> {
  const db = ctx.database.db;
  let before: { createdAt: Date; id: string } | undefined;
  if (options.before !== undefined) {
    const cursor = isPlausibleId(options.before) ? await findIncident(db, options.before) : null;
    if (!cursor) throw invalid('before', `incident ${JSON.stringify(options.before)} does not exist`);
    before = { createdAt: cursor.createdAt, id: cursor.id };
  }
  const limit = Math.min(Math.max(Math.trunc(options.limit), 1), MAX_LIST_LIMIT);
  return listIncidentRows(db, { open: options.open, limit, before });
}
