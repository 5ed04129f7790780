import type { Selectable } from 'kysely';
import { ATTRIBUTE_KINDS, type AttributeKind, type CatalogAttribute, type CatalogType } from '../../domain/catalog/catalog.js';
import { BeaconError } from '../../domain/errors.js';
import { fromDbTime, toDbTime } from '../codec.js';
import type { Tables } from '../tables.js';
import type { Queryable, Tx } from '../transaction.js';
import { isUniqueViolation } from '../unique-violation.js';

/** A catalog type as stored, with its timestamps. */
export interface CatalogTypeRecord extends CatalogType {
  createdAt: Date;
  updatedAt: Date;
}

export type CatalogTypeRow = Selectable<Tables['catalog_types']>;

/** The row a catalog type is stored as. */
export const toCatalogTypeRow = (type: CatalogTypeRecord): CatalogTypeRow => ({
  id: type.id,
  name: type.name,
  description: type.description,
  attributes: JSON.stringify(type.attributes.map(toStoredAttribute)),
  created_at: toDbTime(type.createdAt),
  updated_at: toDbTime(type.updatedAt),
});

const toType = (row: CatalogTypeRow): CatalogTypeRecord => ({
  id: row.id,
  name: row.name,
  description: row.description,
  attributes: parseAttributes(row.id, row.attributes),
  createdAt: fromDbTime(row.created_at),
  updatedAt: fromDbTime(row.updated_at),
});

// Listed field by field so that nothing but the schema reaches the column.
function toStoredAttribute(attribute: CatalogAttribute): CatalogAttribute {
  const stored: CatalogAttribute = { id: attribute.id, name: attribute.name, kind: attribute.kind, isList: attribute.isList };
  if (attribute.targetTypeId !== undefined) stored.targetTypeId = attribute.targetTypeId;
  return stored;
}

function parseAttributes(typeId: string, text: string): CatalogAttribute[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new Error(`catalog_types ${typeId}: attributes is not a JSON array`);
  return parsed.map((item: unknown) => {
    const a = item as Record<string, unknown>;
    const kind = ATTRIBUTE_KINDS.find((known) => known === a.kind);
    if (typeof a.id !== 'string' || typeof a.name !== 'string' || !kind || typeof a.isList !== 'boolean') {
      throw new Error(`catalog_types ${typeId}: malformed attribute ${JSON.stringify(item)}`);
    }
    const attribute: CatalogAttribute = { id: a.id, name: a.name, kind: kind satisfies AttributeKind, isList: a.isList };
    if (typeof a.targetTypeId === 'string') attribute.targetTypeId = a.targetTypeId;
    return attribute;
  });
}

const nameTaken = (name: string): BeaconError =>
  new BeaconError('conflict', `name: a catalog type named ${JSON.stringify(name)} already exists`, [
    { path: 'name', message: `a catalog type named ${JSON.stringify(name)} already exists` },
  ]);

/** Inserts the type. A name already taken (even by a concurrent write) is a conflict. */
export async function insertCatalogType(tx: Tx, type: CatalogTypeRecord): Promise<void> {
  try {
    await tx.insertInto('catalog_types').values(toCatalogTypeRow(type)).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(type.name);
    throw error;
  }
}

/** Writes every field but `id` and `createdAt`. */
export async function updateCatalogTypeRow(tx: Tx, type: CatalogTypeRecord): Promise<void> {
  const { name, description, attributes, updated_at } = toCatalogTypeRow(type);
  try {
    await tx.updateTable('catalog_types').set({ name, description, attributes, updated_at }).where('id', '=', type.id).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(type.name);
    throw error;
  }
}

/** Deletes the type; its entries go with it (foreign key cascade). */
export async function deleteCatalogTypeRow(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('catalog_types').where('id', '=', id).execute();
}

export async function findCatalogType(db: Queryable, id: string): Promise<CatalogTypeRecord | null> {
  const row = await db.selectFrom('catalog_types').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toType(row) : null;
}

/** Every type, by name (sorted here rather than in SQL so both engines agree). */
export async function loadAllCatalogTypes(db: Queryable): Promise<CatalogTypeRecord[]> {
  const rows = await db.selectFrom('catalog_types').selectAll().execute();
  return assembleCatalogTypes(rows);
}

/** Types from rows in any order, by name. */
export const assembleCatalogTypes = (rows: readonly CatalogTypeRow[]): CatalogTypeRecord[] =>
  rows.map(toType).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
