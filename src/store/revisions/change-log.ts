import type { Queryable, Tx } from '../transaction.js';

/**
 * What a write changed, in the terms the live state is loaded in: one incident or maintenance window,
 * the page structure (components, groups, pages), the catalog (types, entries, page bindings, customer
 * pages), `access` for rows no live state holds (sessions, API keys: the revision still moves so that
 * caches keyed by it forget), or `everything` when the writer cannot say. `incident-history` names a
 * component whose earliest incident may have changed although no live incident says so (an old
 * incident deleted).
 */
export type ChangeKind = 'incident' | 'incident-history' | 'maintenance' | 'structure' | 'catalog' | 'access' | 'everything';

export interface Change {
  kind: ChangeKind;
  /** The incident's, maintenance window's or (`incident-history`) component's id; '' for the kinds that name no single row. */
  entityId: string;
}

export interface LoggedChange extends Change {
  revision: number;
}

/**
 * Collects what one write transaction changes; the transaction logs it under its revision. A write that
 * records nothing is logged as `everything`, so forgetting to say costs a full reload, never a stale page.
 *
 * @example await write(ctx, async (tx, changed) => { await insertIncident(tx, incident); changed.incident(incident.id); })
 */
export class ChangeSet {
  readonly #changes = new Map<string, Change>();

  incident(id: string): void {
    this.#add('incident', id);
  }

  /** A component that an incident this write deleted named. */
  incidentHistory(componentId: string): void {
    this.#add('incident-history', componentId);
  }

  maintenance(id: string): void {
    this.#add('maintenance', id);
  }

  structure(): void {
    this.#add('structure', '');
  }

  catalog(): void {
    this.#add('catalog', '');
  }

  access(): void {
    this.#add('access', '');
  }

  everything(): void {
    this.#add('everything', '');
  }

  /** What was recorded, or `everything` when nothing was. */
  list(): Change[] {
    return this.#changes.size === 0 ? [{ kind: 'everything', entityId: '' }] : [...this.#changes.values()];
  }

  #add(kind: ChangeKind, entityId: string): void {
    this.#changes.set(`${kind}:${entityId}`, { kind, entityId });
  }
}

/** How many revisions the log keeps; a process further behind than this reloads everything. */
export const CHANGE_LOG_KEPT_REVISIONS = 10_000;
/** Pruning runs on one revision in this many, so its cost is spread thin. */
export const CHANGE_LOG_PRUNE_EVERY = 500;
/**
 * The revision of a committed change that has none yet (PostgreSQL: see revision-sequencer.ts). Real
 * revisions start at 1, and readers ask for revisions after theirs, so they never see these rows.
 */
export const PENDING_REVISION = 0;

/**
 * Logs `changes` under `revision`, in the writing transaction, and now and then drops what is no
 * longer kept. Under `PENDING_REVISION`, the sequencer gives them their revision (and prunes) later.
 */
export async function logChanges(tx: Tx, revision: number, changes: readonly Change[]): Promise<void> {
  await tx
    .insertInto('change_log')
    .values(changes.map((change) => ({ revision, kind: change.kind, entity_id: change.entityId })))
    .execute();
  if (revision !== PENDING_REVISION && revision % CHANGE_LOG_PRUNE_EVERY === 0) {
    await tx
      .deleteFrom('change_log')
      .where('revision', '<=', revision - CHANGE_LOG_KEPT_REVISIONS)
      .execute();
  }
}

/** The current revision, and what changed since a given one. */
export interface ChangesSince {
  revision: number;
  /** The changes of the revisions after the given one, up to `revision`; null when the log no longer holds all of them. */
  changes: LoggedChange[] | null;
}

/**
 * The current revision and the changes of the revisions after `after` up to it, in one query; the
 * changes are null when the log no longer holds all of them (pruned, or written before the log
 * existed): the caller must reload everything.
 */
export async function readChangesSince(db: Queryable, after: number): Promise<ChangesSince> {
  const rows = await db
    .selectFrom('meta_revision as m')
    .leftJoin('change_log as c', (join) => join.on('c.revision', '>', after).onRef('c.revision', '<=', 'm.value'))
    .select(['m.value as revision', 'c.revision as changeRevision', 'c.kind', 'c.entity_id as entityId'])
    .where('m.id', '=', 1)
    .execute();
  const first = rows[0];
  if (first === undefined) throw new Error('change log: meta_revision has no row');
  const revision = Number(first.revision);
  const changes: LoggedChange[] = [];
  for (const row of rows) {
    if (row.changeRevision === null || row.kind === null || row.entityId === null) continue;
    changes.push({ revision: Number(row.changeRevision), kind: row.kind as ChangeKind, entityId: row.entityId });
  }
  return { revision, changes: whenComplete(changes, after, revision) };
}

/** `changes`, or null when some revision after `after` up to `revision` has none (every write logs at least one). */
export function whenComplete(changes: LoggedChange[], after: number, revision: number): LoggedChange[] | null {
  const revisions = new Set(changes.map((change) => change.revision));
  return revisions.size === Math.max(0, revision - after) ? changes : null;
}
