import type { Queryable, Tx } from './transaction.js';

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
// Pruning runs on one write in this many, so its cost is spread thin.
const PRUNE_EVERY = 500;

/** Logs `changes` under `revision`, in the writing transaction, and now and then drops what is no longer kept. */
export async function logChanges(tx: Tx, revision: number, changes: readonly Change[]): Promise<void> {
  await tx
    .insertInto('change_log')
    .values(changes.map((change) => ({ revision, kind: change.kind, entity_id: change.entityId })))
    .execute();
  if (revision % PRUNE_EVERY === 0) await tx.deleteFrom('change_log').where('revision', '<=', revision - CHANGE_LOG_KEPT_REVISIONS).execute();
}

/**
 * The changes of revisions `after` (exclusive) to `upTo` (inclusive), or null when the log no longer
 * holds all of them (pruned, or written before the log existed): the caller must reload everything.
 */
export async function readChanges(db: Queryable, after: number, upTo: number): Promise<LoggedChange[] | null> {
  if (upTo <= after) return [];
  const rows = await db
    .selectFrom('change_log')
    .select(['revision', 'kind', 'entity_id'])
    .where('revision', '>', after)
    .where('revision', '<=', upTo)
    .execute();
  const revisions = new Set(rows.map((row) => Number(row.revision)));
  if (revisions.size !== upTo - after) return null;
  return rows.map((row) => ({ revision: Number(row.revision), kind: row.kind as ChangeKind, entityId: row.entity_id }));
}
