import { BeaconError, invalid, notFound } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import type { Maintenance, MaintenanceUpdate } from '../../domain/status/maintenance.js';
import type { MaintenanceChange } from '../../domain/notifications/notification-event.js';
import { maintenancePhase } from '../../domain/status/maintenance-phase.js';
import {
  deleteMaintenanceRow,
  findMaintenance,
  insertMaintenance,
  insertMaintenanceUpdate,
  listMaintenances as listMaintenanceRows,
  replaceMaintenanceComponents,
  touchMaintenance,
  updateMaintenanceRow,
} from '../../store/status/maintenances.js';
import type { Queryable, Tx } from '../../store/transaction.js';
import { checkComponentRefs, compareIds, isPlausibleId } from './component-refs.js';
import { type ServiceContext, write } from '../context.js';
import { type NotifyOption, maintenanceChangeKey, queueNotification } from '../notifications/notify.js';
import { DESCRIPTION_MAX_LENGTH, MESSAGE_MAX_LENGTH, NAME_MAX_LENGTH, checkOptionalText, checkText, checkTime } from '../text-fields.js';

const MAX_LIST_LIMIT = 100;

export interface ScheduleMaintenanceInput {
  name: string;
  description?: string | null;
  componentIds: string[];
  scheduledStart: Date;
  scheduledEnd: Date;
  /** Tells subscribers (default on). */
  notify?: boolean;
}

/** Fields to change; absent ones are kept. */
export type MaintenanceChanges = Partial<ScheduleMaintenanceInput>;

/** Queues the fan-out of a change in the write's transaction (see `queueNotification`). */
async function notifyOfChange(
  tx: Tx,
  maintenanceId: string,
  change: MaintenanceChange,
  now: Date,
  options: NotifyOption & { updateId?: string | undefined },
): Promise<void> {
  const clockToo = change === 'started' || change === 'completed';
  await queueNotification(
    tx,
    { type: 'maintenance.change', maintenanceId, change, ...(options.updateId ? { updateId: options.updateId } : {}) },
    now,
    {
      ...(options.notify === undefined ? {} : { notify: options.notify }),
      ...(clockToo ? { dedupeKey: maintenanceChangeKey(maintenanceId, change) } : {}),
    },
  );
}

/** After a write that queued a fan-out: this process's outbox worker starts on it at once. */
const ringUnlessQuiet = (ctx: ServiceContext, options: NotifyOption): void => {
  if (options.notify !== false) ctx.outbox?.ring();
};

export interface ListMaintenancesOptions {
  limit: number;
  /** The id of the last maintenance of the previous page. */
  before?: string;
}

async function requireMaintenance(db: Queryable, id: string): Promise<Maintenance> {
  const maintenance = isPlausibleId(id) ? await findMaintenance(db, id) : null;
  if (!maintenance) throw notFound('Maintenance', id);
  return maintenance;
}

/** Locks the maintenance (touching `updatedAt`) and loads it, inside the writing transaction. */
async function lockMaintenance(tx: Tx, id: string, now: Date): Promise<Maintenance> {
  if (!isPlausibleId(id) || !(await touchMaintenance(tx, id, now))) throw notFound('Maintenance', id);
  return requireMaintenance(tx, id);
}

async function checkComponentIds(tx: Queryable, componentIds: readonly string[]): Promise<string[]> {
  if (componentIds.length === 0) throw invalid('component_ids', 'must list at least one component');
  await checkComponentRefs(tx, componentIds, (i) => `component_ids[${i}]`);
  // Sorted as the store returns them, so a fresh maintenance equals the one read back.
  return [...componentIds].sort(compareIds);
}

/** Checks name, description and schedule, naming the fields as the API does. */
function checkFields(fields: Omit<ScheduleMaintenanceInput, 'componentIds'>): Omit<ScheduleMaintenanceInput, 'componentIds'> {
  const name = checkText('name', fields.name, NAME_MAX_LENGTH);
  const description = checkOptionalText('description', fields.description ?? null, DESCRIPTION_MAX_LENGTH);
  const scheduledStart = checkTime('scheduled_start', fields.scheduledStart);
  const scheduledEnd = checkTime('scheduled_end', fields.scheduledEnd);
  if (scheduledEnd.getTime() <= scheduledStart.getTime()) throw invalid('scheduled_end', 'must be after scheduled_start');
  return { name, description, scheduledStart, scheduledEnd };
}

/** A new update whose `createdAt` follows the previous one's, so updates keep the order they were posted in. */
function buildUpdate(maintenance: Maintenance, message: string, now: Date): MaintenanceUpdate {
  const last = maintenance.updates[maintenance.updates.length - 1];
  const createdAt = last && last.createdAt.getTime() >= now.getTime() ? new Date(last.createdAt.getTime() + 1) : now;
  return { id: newId(), maintenanceId: maintenance.id, message: checkText('message', message, MESSAGE_MAX_LENGTH), createdAt };
}

function refuseUnlessPhase(maintenance: Maintenance, now: Date, allowed: readonly string[], action: string): void {
  const phase = maintenancePhase(maintenance, now);
  if (!allowed.includes(phase)) {
    throw new BeaconError(
      'unprocessable',
      `Maintenance ${JSON.stringify(maintenance.id)} is ${phase.replace('_', ' ')}; it cannot be ${action}`,
    );
  }
}

/** The window scheduling would make, checked as scheduling checks it. */
async function buildMaintenance(db: Queryable, input: ScheduleMaintenanceInput, now: Date): Promise<Maintenance> {
  const fields = checkFields(input);
  const componentIds = await checkComponentIds(db, input.componentIds);
  return {
    id: newId(),
    name: fields.name,
    description: fields.description ?? null,
    componentIds,
    scheduledStart: fields.scheduledStart,
    scheduledEnd: fields.scheduledEnd,
    completedAt: null,
    cancelledAt: null,
    createdAt: now,
    updatedAt: now,
    updates: [],
  };
}

/**
 * The window `scheduleMaintenance` would make now, checked as it would be but written nowhere: what a
 * review previews. Throws as `scheduleMaintenance` would.
 */
export async function draftMaintenance(ctx: ServiceContext, input: ScheduleMaintenanceInput): Promise<Maintenance> {
  return buildMaintenance(ctx.database.db, input, ctx.clock());
}

/**
 * Schedules a window on some components. Its phase then follows the clock (`maintenancePhase`).
 *
 * @example scheduleMaintenance(ctx, { name: 'DB upgrade', componentIds: [db], scheduledStart, scheduledEnd })
 */
export async function scheduleMaintenance(ctx: ServiceContext, input: ScheduleMaintenanceInput): Promise<Maintenance> {
  const scheduled = await write(ctx, async (tx, changed) => {
    const maintenance = await buildMaintenance(tx, input, ctx.clock());
    await insertMaintenance(tx, maintenance);
    changed.maintenance(maintenance.id);
    await notifyOfChange(tx, maintenance.id, 'scheduled', maintenance.createdAt, input);
    return maintenance;
  });
  ringUnlessQuiet(ctx, input);
  return scheduled;
}

/**
 * Changes name, description, components or schedule. Once a window is completed or cancelled it
 * is history: its name and description may still be corrected, its schedule and components not.
 */
export async function updateMaintenance(ctx: ServiceContext, id: string, changes: MaintenanceChanges): Promise<Maintenance> {
  const updated = await write(ctx, async (tx, changed) => {
    changed.maintenance(id);
    const now = ctx.clock();
    const edited = await editedMaintenance(tx, await lockMaintenance(tx, id, now), changes, now);
    if (changes.componentIds !== undefined) await replaceMaintenanceComponents(tx, id, edited.componentIds);
    await updateMaintenanceRow(tx, edited);
    await notifyOfChange(tx, id, 'updated', now, changes);
    return requireMaintenance(tx, id);
  });
  ringUnlessQuiet(ctx, changes);
  return updated;
}

/** `current` with `changes` applied, checked as an edit is checked (phase, fields, components). */
async function editedMaintenance(db: Queryable, current: Maintenance, changes: MaintenanceChanges, now: Date): Promise<Maintenance> {
  const reshapes = changes.componentIds !== undefined || changes.scheduledStart !== undefined || changes.scheduledEnd !== undefined;
  if (reshapes) refuseUnlessPhase(current, now, ['scheduled', 'in_progress'], 'rescheduled');
  const fields = checkFields({
    name: changes.name ?? current.name,
    description: changes.description === undefined ? current.description : changes.description,
    scheduledStart: changes.scheduledStart ?? current.scheduledStart,
    scheduledEnd: changes.scheduledEnd ?? current.scheduledEnd,
  });
  // Components are checked only when they change: a deleted component must not block a rename.
  const componentIds = changes.componentIds === undefined ? current.componentIds : await checkComponentIds(db, changes.componentIds);
  return { ...current, ...fields, description: fields.description ?? null, componentIds, updatedAt: now };
}

/**
 * The window as `updateMaintenance` would leave it now, checked as it would be but written nowhere:
 * what a review of an edit previews, beside the window as it is. Throws as `updateMaintenance` would.
 */
export async function draftMaintenanceChange(
  ctx: ServiceContext,
  id: string,
  changes: MaintenanceChanges,
): Promise<{ current: Maintenance; edited: Maintenance }> {
  const current = await requireMaintenance(ctx.database.db, id);
  return { current, edited: await editedMaintenance(ctx.database.db, current, changes, ctx.clock()) };
}

export async function postMaintenanceUpdate(
  ctx: ServiceContext,
  id: string,
  input: { message: string } & NotifyOption,
): Promise<Maintenance> {
  const updated = await write(ctx, async (tx, changed) => {
    changed.maintenance(id);
    const now = ctx.clock();
    const current = await lockMaintenance(tx, id, now);
    const update = buildUpdate(current, input.message, now);
    await insertMaintenanceUpdate(tx, update);
    await notifyOfChange(tx, id, 'updated', now, { ...input, updateId: update.id });
    return requireMaintenance(tx, id);
  });
  ringUnlessQuiet(ctx, input);
  return updated;
}

/**
 * Starts a scheduled window now, before its scheduled start: the start becomes now, the end stays.
 * Refused once it has started, ended or been cancelled.
 */
export async function startMaintenanceEarly(ctx: ServiceContext, id: string, options: NotifyOption = {}): Promise<Maintenance> {
  const started = await write(ctx, async (tx, changed) => {
    changed.maintenance(id);
    const now = ctx.clock();
    const current = await lockMaintenance(tx, id, now);
    refuseUnlessPhase(current, now, ['scheduled'], 'started early');
    await updateMaintenanceRow(tx, { ...current, scheduledStart: now, updatedAt: now });
    await notifyOfChange(tx, id, 'started', now, options);
    return requireMaintenance(tx, id);
  });
  ringUnlessQuiet(ctx, options);
  return started;
}

/**
 * Ends an in-progress window now, before its scheduled end, with an optional closing update.
 * A window that has not started is cancelled instead; a finished one is refused.
 */
export async function completeMaintenance(
  ctx: ServiceContext,
  id: string,
  input: { message?: string | null } & NotifyOption = {},
): Promise<Maintenance> {
  return endMaintenance(ctx, id, input, 'completed');
}

/** Cancels a scheduled or in-progress window now, with an optional update; refused once it is over. */
export async function cancelMaintenance(
  ctx: ServiceContext,
  id: string,
  input: { message?: string | null } & NotifyOption = {},
): Promise<Maintenance> {
  return endMaintenance(ctx, id, input, 'cancelled');
}

async function endMaintenance(
  ctx: ServiceContext,
  id: string,
  input: { message?: string | null } & NotifyOption,
  how: 'completed' | 'cancelled',
): Promise<Maintenance> {
  const ended = await write(ctx, async (tx, changed) => {
    changed.maintenance(id);
    const now = ctx.clock();
    const current = await lockMaintenance(tx, id, now);
    refuseUnlessPhase(current, now, how === 'completed' ? ['in_progress'] : ['scheduled', 'in_progress'], how);
    const ended: Maintenance =
      how === 'completed' ? { ...current, completedAt: now, updatedAt: now } : { ...current, cancelledAt: now, updatedAt: now };
    await updateMaintenanceRow(tx, ended);
    const update = input.message?.trim() ? buildUpdate(current, input.message, now) : null;
    if (update) await insertMaintenanceUpdate(tx, update);
    await notifyOfChange(tx, id, how, now, { ...input, updateId: update?.id });
    return requireMaintenance(tx, id);
  });
  ringUnlessQuiet(ctx, input);
  return ended;
}

export async function deleteMaintenance(ctx: ServiceContext, id: string): Promise<void> {
  await write(ctx, async (tx, changed) => {
    changed.maintenance(id);
    if (!isPlausibleId(id) || !(await deleteMaintenanceRow(tx, id))) throw notFound('Maintenance', id);
  });
}

export async function getMaintenance(ctx: ServiceContext, id: string): Promise<Maintenance> {
  return requireMaintenance(ctx.database.db, id);
}

/** Latest scheduled start first; `before` continues after the given maintenance. */
export async function listMaintenances(ctx: ServiceContext, options: ListMaintenancesOptions): Promise<Maintenance[]> {
  const db = ctx.database.db;
  let before: { scheduledStart: Date; id: string } | undefined;
  if (options.before !== undefined) {
    const cursor = isPlausibleId(options.before) ? await findMaintenance(db, options.before) : null;
    if (!cursor) throw invalid('before', `maintenance ${JSON.stringify(options.before)} does not exist`);
    before = { scheduledStart: cursor.scheduledStart, id: cursor.id };
  }
  const limit = Math.min(Math.max(Math.trunc(options.limit), 1), MAX_LIST_LIMIT);
  return listMaintenanceRows(db, { limit, before });
}
