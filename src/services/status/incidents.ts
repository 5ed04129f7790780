import { invalid, notFound } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import type { ImpactChange, Incident, IncidentStatus, IncidentUpdate } from '../../domain/status/incident.js';
import { incidentComponentIds, isIncidentOpen } from '../../domain/status/incident-status.js';
import { compareUpdates } from '../../domain/status/incident-updates.js';
import { sortInPlace } from '../../domain/sort-in-place.js';
import {
  deleteIncidentRow,
  findIncident,
  insertIncident,
  insertIncidentUpdate,
  listIncidents as listIncidentRows,
  touchIncident,
} from '../../store/status/incidents.js';
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
}

export interface CreateIncidentInput extends IncidentUpdateInput {
  name: string;
}

export interface ListIncidentsOptions {
  /** `true`: open ones only; `false`: resolved ones only. */
  open?: boolean;
  limit: number;
  /** The id of the last incident of the previous page. */
  before?: string;
}

/** Validates an update's input against the clock and the components, in the writing transaction. */
async function buildUpdate(tx: Tx, incidentId: string, input: IncidentUpdateInput, createdAt: Date, now: Date): Promise<IncidentUpdate> {
  const message = checkText('message', input.message, MESSAGE_MAX_LENGTH);
  const impacts = input.impacts ?? [];
  await checkComponentRefs(
    tx,
    impacts.map((change) => change.componentId),
    (i) => `components[${i}].component_id`,
  );
  let displayAt = createdAt;
  if (input.displayAt) {
    displayAt = checkTime('display_at', input.displayAt);
    if (displayAt.getTime() > now.getTime() + DISPLAY_AT_MAX_SKEW_MS) throw invalid('display_at', 'must not be in the future');
  }
  // Sorted as the store returns them, so a fresh incident equals the one read back.
  const sorted = impacts.map((change) => ({ ...change })).sort((a, b) => compareIds(a.componentId, b.componentId));
  return { id: newId(), incidentId, status: input.status, message, displayAt, createdAt, impacts: sorted };
}

async function requireIncident(db: Queryable, id: string): Promise<Incident> {
  const incident = isPlausibleId(id) ? await findIncident(db, id) : null;
  if (!incident) throw notFound('Incident', id);
  return incident;
}

async function insertNewIncident(tx: Tx, changed: ChangeSet, ctx: ServiceContext, input: CreateIncidentInput): Promise<Incident> {
  const now = ctx.clock();
  const name = checkText('name', input.name, NAME_MAX_LENGTH);
  const id = newId();
  const update = await buildUpdate(tx, id, input, now, now);
  const incident: Incident = { id, name, createdAt: now, updatedAt: now, updates: [update] };
  await insertIncident(tx, incident);
  changed.incident(id);
  return incident;
}

/**
 * Declares an incident with its first update.
 *
 * @example createIncident(ctx, { name: 'API errors', status: 'investigating', message: '…', impacts: [{ componentId, impact: 'partial_outage' }] })
 */
export async function createIncident(ctx: ServiceContext, input: CreateIncidentInput): Promise<Incident> {
  return write(ctx, (tx, changed) => insertNewIncident(tx, changed, ctx, input));
}

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
  return writeIdempotently(ctx, request, async (tx, changed) => respond(await insertNewIncident(tx, changed, ctx, input)));
}

/**
 * Adds an update to the timeline. Any status may follow any other; a non-resolved update on a
 * resolved incident reopens it. A back-dated update slots in by `displayAt`.
 */
export async function postIncidentUpdate(ctx: ServiceContext, incidentId: string, input: IncidentUpdateInput): Promise<Incident> {
  return write(ctx, async (tx, changed) => {
    changed.incident(incidentId);
    const now = ctx.clock();
    // Touching the row first locks it (PostgreSQL): the incident read with it is the one this update follows.
    const incident = isPlausibleId(incidentId) ? await touchIncident(tx, incidentId, now) : null;
    if (!incident) throw notFound('Incident', incidentId);
    // createdAt strictly increases within an incident, so two updates at the same displayAt keep the order they were posted in.
    const latest = Math.max(...incident.updates.map((update) => update.createdAt.getTime()));
    const createdAt = latest >= now.getTime() ? new Date(latest + 1) : now;
    const update = await buildUpdate(tx, incidentId, input, createdAt, now);
    await insertIncidentUpdate(tx, update);
    // The incident as a read would now find it, built from what this transaction holds locked.
    return { ...incident, updates: sortInPlace([...incident.updates, update], compareUpdates) };
  });
}

/**
 * Posts a `resolved` update. Resolving an incident that is already resolved changes nothing and
 * returns it as it is, so a monitoring tool may resolve twice.
 */
export async function resolveIncident(ctx: ServiceContext, incidentId: string, input: { message?: string | null } = {}): Promise<Incident> {
  const incident = await requireIncident(ctx.database.db, incidentId);
  if (!isIncidentOpen(incident)) return incident;
  return postIncidentUpdate(ctx, incidentId, { status: 'resolved', message: input.message?.trim() || DEFAULT_RESOLVED_MESSAGE });
}

export async function renameIncident(ctx: ServiceContext, incidentId: string, name: string): Promise<Incident> {
  return write(ctx, async (tx, changed) => {
    changed.incident(incidentId);
    const checked = checkText('name', name, NAME_MAX_LENGTH);
    const incident = isPlausibleId(incidentId) ? await touchIncident(tx, incidentId, ctx.clock(), checked) : null;
    if (!incident) throw notFound('Incident', incidentId);
    return incident;
  });
}

export async function deleteIncident(ctx: ServiceContext, incidentId: string): Promise<void> {
  await write(ctx, async (tx, changed) => {
    const incident = await requireIncident(tx, incidentId);
    changed.incident(incidentId);
    // Where each of its components' history begins may move later; the live state may not hold it to know them.
    for (const componentId of incidentComponentIds(incident)) changed.incidentHistory(componentId);
    await deleteIncidentRow(tx, incidentId);
  });
}

export async function getIncident(ctx: ServiceContext, incidentId: string): Promise<Incident> {
  return requireIncident(ctx.database.db, incidentId);
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
