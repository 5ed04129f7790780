import type { Selectable } from 'kysely';
import type { Component } from '../../domain/status/component.js';
import { fromDbTime, fromDbTimeOrNull, toDbTime, toDbTimeOrNull } from '../codec.js';
import type { Tables } from '../tables.js';
import type { Queryable, Tx } from '../transaction.js';
import { type NamePage, type NameQuery, nameQueryWhere, toNamePage } from './structure-listing.js';

export type ComponentRow = Selectable<Tables['components']>;

const toComponent = (row: ComponentRow): Component => ({
  id: row.id,
  name: row.name,
  description: row.description,
  createdAt: fromDbTime(row.created_at),
  updatedAt: fromDbTime(row.updated_at),
});

/** The row a component is stored as. */
export const toComponentRow = (component: Component): ComponentRow => ({
  id: component.id,
  name: component.name,
  description: component.description,
  created_at: toDbTime(component.createdAt),
  updated_at: toDbTime(component.updatedAt),
  archived_at: null,
});

export async function insertComponent(tx: Tx, component: Component): Promise<void> {
  await tx.insertInto('components').values(toComponentRow(component)).execute();
}

/** Writes every field but `id` and `createdAt`. */
export async function updateComponentRow(tx: Tx, component: Component): Promise<void> {
  const { name, description, updated_at } = toComponentRow(component);
  await tx.updateTable('components').set({ name, description, updated_at }).where('id', '=', component.id).execute();
}

/** Deletes the component; foreign keys remove it from groups, page items, incidents and maintenance. */
export async function deleteComponentRow(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('components').where('id', '=', id).execute();
}

export async function findComponent(db: Queryable, id: string): Promise<Component | null> {
  const row = await db.selectFrom('components').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toComponent(row) : null;
}

/**
 * Every component in use (archived ones only with `withArchived`: the catalog still resolves
 * references to them), oldest first.
 */
export async function loadAllComponents(db: Queryable, options: { withArchived?: boolean } = {}): Promise<Component[]> {
  let query = db.selectFrom('components').selectAll();
  if (options.withArchived !== true) query = query.where('archived_at', 'is', null);
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return assembleComponents(rows);
}

/** A component as the dashboard lists it: with when it was archived (null while in use). */
export interface ComponentListing extends Component {
  archivedAt: Date | null;
}

const toListing = (row: ComponentRow): ComponentListing => ({ ...toComponent(row), archivedAt: fromDbTimeOrNull(row.archived_at) });

/** One page of components by name (see NameQuery), read in the store however many there are. */
export async function searchComponents(db: Queryable, query: NameQuery): Promise<NamePage<ComponentListing>> {
  const rows = await db
    .selectFrom('components')
    .selectAll()
    .where(nameQueryWhere<'components'>(query))
    .orderBy('name')
    .orderBy('id')
    .limit(query.limit + 1)
    .execute();
  return toNamePage(rows, query.limit, toListing);
}

/** The components among `ids` that exist, archived or not, keyed by id. */
export async function findComponentListings(db: Queryable, ids: readonly string[]): Promise<Map<string, ComponentListing>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('components').selectAll().where('id', 'in', unique).execute();
  return new Map(rows.map((row) => [row.id, toListing(row)]));
}

/** Archives the component (`at`), or puts it back in use (`null`). */
export async function setComponentArchived(tx: Tx, id: string, at: Date | null, updatedAt: Date): Promise<void> {
  await tx
    .updateTable('components')
    .set({ archived_at: toDbTimeOrNull(at), updated_at: toDbTime(updatedAt) })
    .where('id', '=', id)
    .execute();
}

/** Domain components from rows, in their order (the snapshot reads the rows its own way: see snapshot-read.ts). */
export const assembleComponents = (rows: readonly ComponentRow[]): Component[] => rows.map(toComponent);

/** The ids among `ids` that name no component. */
export async function findMissingComponentIds(db: Queryable, ids: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const rows = await db.selectFrom('components').select('id').where('id', 'in', unique).execute();
  const found = new Set(rows.map((row) => row.id));
  return new Set(unique.filter((id) => !found.has(id)));
}
