import type { AuditEvent } from '../../domain/access/audit-event.js';
import {
  convertValuesToSchema,
  findSchemaChangeBreakage,
  findTypeRemovalBreakage,
  type SchemaBreakage,
  validateCatalogSchema,
} from '../../domain/catalog/catalog-schema.js';
import { diffCatalogEntry } from '../../domain/catalog/catalog-entry-diff.js';
import type { CatalogType } from '../../domain/catalog/catalog.js';
import { findBindingBreakage } from '../../domain/catalog/binding-breakage.js';
import { BeaconError, type FieldIssue } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import { insertAuditEvents } from '../../store/access/audit-log.js';
import {
  type CatalogTypeRecord,
  deleteCatalogTypeRow,
  insertCatalogType,
  loadAllCatalogTypes,
  updateCatalogTypeRow,
} from '../../store/catalog/catalog-types.js';
import { listBoundPages } from '../../store/pages/page-bindings.js';
import type { Tx } from '../../store/transaction.js';
import { type CatalogAttributeInput, buildAttributes, buildTypeResolver } from './catalog-attributes.js';
import type { CatalogState, PreparedEntry } from './catalog-entry-batch.js';
import { applyEntryWrites } from './catalog-entry-writes.js';
import { loadCatalogState, requireCatalogType } from './catalog-state.js';
import { type ServiceContext, write } from '../context.js';
import { BLURB_MAX_LENGTH } from '../status/components.js';
import { collectIssues, throwIfIssues } from '../field-issues.js';
import { NAME_MAX_LENGTH, checkOptionalText, checkText } from '../text-fields.js';

export type { CatalogTypeRecord } from '../../store/catalog/catalog-types.js';

export interface CatalogTypeInput {
  name: string;
  description?: string | null;
  /** The ordered schema; see `buildAttributes` for how ids are kept or derived. */
  attributes?: CatalogAttributeInput[];
}

export type CatalogTypePatch = Partial<CatalogTypeInput>;

export interface TypeWriteOptions {
  actor: string;
  /** Apply a schema change (or deletion) even though it invalidates entries: their values are converted or dropped. */
  force?: boolean;
}

/** @example await createCatalogType(ctx, { name: 'Region', attributes: [{ name: 'Code', kind: 'text' }] }, { actor: 'cli' }) */
export async function createCatalogType(
  ctx: ServiceContext,
  input: CatalogTypeInput,
  options: TypeWriteOptions,
): Promise<CatalogTypeRecord> {
  return write(ctx, async (tx, changed) => {
    changed.catalog();
    const types = await loadAllCatalogTypes(tx);
    const now = ctx.clock();
    const draft: CatalogTypeRecord = { id: newId(), name: '', description: null, attributes: [], createdAt: now, updatedAt: now };
    const type = checkType(draft, input, types);
    await insertCatalogType(tx, type);
    await audit(tx, options.actor, now, 'catalog_type.created', type, { name: type.name, attributes: type.attributes });
    return type;
  });
}

/** Every type, by name. */
export async function listCatalogTypes(ctx: ServiceContext): Promise<CatalogTypeRecord[]> {
  return loadAllCatalogTypes(ctx.database.db);
}

export async function getCatalogType(ctx: ServiceContext, id: string): Promise<CatalogTypeRecord> {
  return requireCatalogType(ctx.database.db, id);
}

/**
 * Changes the fields given. A new attribute list that would invalidate existing entries (a removed
 * attribute holding values, an incompatible kind, list → single with several values) is refused
 * (`unprocessable`, one issue per entry and attribute) unless `force`, which converts what fits
 * and drops the rest, auditing each entry it changes. Removing or re-kinding an attribute a page is
 * built from is refused (`conflict`) even with `force`.
 */
export async function updateCatalogType(
  ctx: ServiceContext,
  id: string,
  patch: CatalogTypePatch,
  options: TypeWriteOptions,
): Promise<CatalogTypeRecord> {
  return write(ctx, async (tx, changed) => {
    changed.catalog();
    const current = await requireCatalogType(tx, id);
    const state = await loadCatalogState(tx);
    const now = ctx.clock();
    // Fields left undefined keep their value (callers pass every field, set or not).
    const input: CatalogTypeInput = {
      name: patch.name ?? current.name,
      description: patch.description === undefined ? current.description : patch.description,
      attributes: patch.attributes,
    };
    const next = { ...checkType(current, input, state.types), updatedAt: now };
    await refuseBreakingPages(tx, current, next);
    const breakage = findSchemaChangeBreakage(current, next, state.entries);
    if (breakage.length > 0 && !options.force)
      throw breakageError('The schema change would invalidate entries; send force to convert or drop their values', next, breakage);
    await updateCatalogTypeRow(tx, next);
    await rewriteEntries(tx, state, current, next, { actor: options.actor, now });
    const changes = [
      ...(current.name !== next.name ? [{ field: 'name', before: current.name, after: next.name }] : []),
      ...(current.description !== next.description ? [{ field: 'description', before: current.description, after: next.description }] : []),
      ...(JSON.stringify(current.attributes) !== JSON.stringify(next.attributes)
        ? [{ field: 'attributes', before: current.attributes, after: next.attributes }]
        : []),
    ];
    if (changes.length > 0)
      await audit(
        tx,
        options.actor,
        now,
        'catalog_type.updated',
        next,
        breakage.length > 0 ? { changes, forced_breakage: breakage } : { changes },
      );
    return next;
  });
}

/**
 * Deletes a type and its entries. Refused (`unprocessable`) while it has entries or other types'
 * attributes refer to it, unless `force`: then those attributes are removed from their types too.
 * Refused (`conflict`) even with `force` while a page is built from it.
 */
export async function deleteCatalogType(ctx: ServiceContext, id: string, options: TypeWriteOptions): Promise<void> {
  await write(ctx, async (tx, changed) => {
    changed.catalog();
    const type = await requireCatalogType(tx, id);
    await refuseBreakingPages(tx, type, null);
    const state = await loadCatalogState(tx);
    const now = ctx.clock();
    const removal = findTypeRemovalBreakage(id, state.types, state.entries);
    const own = state.entries.filter((e) => e.typeId === id);
    if ((own.length > 0 || removal.attributes.length > 0) && !options.force) {
      const issues: FieldIssue[] = [];
      if (own.length > 0)
        issues.push({
          path: 'entries',
          message: `${type.name} has ${own.length} ${own.length === 1 ? 'entry' : 'entries'}, which would be deleted with it`,
        });
      removal.attributes.forEach(({ typeId, attributeId }, index) => {
        const other = state.types.find((t) => t.id === typeId);
        const attribute = other?.attributes.find((a) => a.id === attributeId);
        issues.push({
          path: `referenced_by[${index}]`,
          message: `attribute ${JSON.stringify(attribute?.name ?? attributeId)} of ${other?.name ?? typeId} refers to ${type.name}`,
        });
      });
      for (const broken of removal.entries) issues.push(breakageIssue(broken));
      throw new BeaconError(
        'unprocessable',
        `${type.name} is in use; delete with force to delete its entries and the attributes that refer to it: ${issues.map((i) => i.message).join('; ')}`,
        issues,
      );
    }
    for (const other of state.types) {
      const kept = other.attributes.filter((a) => !removal.attributes.some((r) => r.typeId === other.id && r.attributeId === a.id));
      if (kept.length === other.attributes.length) continue;
      const next: CatalogTypeRecord = { ...other, attributes: kept, updatedAt: now };
      await updateCatalogTypeRow(tx, next);
      await rewriteEntries(tx, state, other, next, { actor: options.actor, now });
      await audit(tx, options.actor, now, 'catalog_type.updated', next, {
        changes: [{ field: 'attributes', before: other.attributes, after: kept }],
        cause: `catalog type ${type.id} deleted`,
      });
    }
    await deleteCatalogTypeRow(tx, id);
    await audit(tx, options.actor, now, 'catalog_type.deleted', type, {
      name: type.name,
      attributes: type.attributes,
      entries_deleted: own.map((e) => ({ id: e.id, external_id: e.externalId, name: e.name, values: e.values })),
    });
  });
}

/**
 * Pages built on the type keep working or the write is refused (`conflict`), even with `force`:
 * force may drop entry values, but a page left without its allowlist or components is not a value.
 */
async function refuseBreakingPages(tx: Tx, current: CatalogTypeRecord, next: CatalogTypeRecord | null): Promise<void> {
  const issues = findBindingBreakage(await listBoundPages(tx), current, next);
  if (issues.length === 0) return;
  const what = next === null ? `${current.name} cannot be deleted` : `this change to ${current.name} is refused`;
  throw new BeaconError('conflict', `${what}: ${issues.map((issue) => issue.message).join('; ')}`, issues);
}

/** Name, description and schema checked together; every bad field is named at once. */
function checkType(current: CatalogTypeRecord, input: CatalogTypeInput, types: readonly CatalogType[]): CatalogTypeRecord {
  const next: CatalogTypeRecord = { ...current };
  throwIfIssues(
    collectIssues([
      () => {
        next.name = checkText('name', input.name, NAME_MAX_LENGTH);
      },
      () => {
        if (input.description !== undefined) next.description = checkOptionalText('description', input.description, BLURB_MAX_LENGTH);
      },
    ]),
  );
  const clash = types.find((t) => t.id !== current.id && t.name.toLowerCase() === next.name.toLowerCase());
  if (clash)
    throw new BeaconError('conflict', `name: a catalog type named ${JSON.stringify(clash.name)} already exists`, [
      { path: 'name', message: `a catalog type named ${JSON.stringify(clash.name)} already exists` },
    ]);
  if (input.attributes !== undefined)
    next.attributes = buildAttributes(input.attributes, current.attributes, buildTypeResolver(types, next));
  validateCatalogSchema(next, (typeId) => types.some((t) => t.id === typeId));
  return next;
}

/** Rewrites the entries of a type whose schema changed, auditing each one changed. */
async function rewriteEntries(
  tx: Tx,
  state: CatalogState,
  before: CatalogType,
  after: CatalogType,
  context: { actor: string; now: Date },
): Promise<void> {
  const prepared: PreparedEntry[] = [];
  for (const entry of state.entries.filter((e) => e.typeId === before.id)) {
    const values = convertValuesToSchema(before, after, entry.values);
    const next = { ...entry, values, updatedAt: context.now };
    const changes = diffCatalogEntry(entry, next);
    if (changes.length === 0) continue;
    prepared.push({
      draft: { at: '', typeId: entry.typeId, existing: entry, replaceValues: true },
      before: entry,
      after: next,
      changes,
      overrides: [],
    });
  }
  await applyEntryWrites(tx, prepared, [], { ...context, via: 'schema_change' });
}

function breakageIssue(broken: SchemaBreakage): FieldIssue {
  return {
    path: `entries.${broken.entryId}.values.${broken.attributeId}`,
    message: `entry ${JSON.stringify(broken.entryName)} (external id ${JSON.stringify(broken.externalId)}): ${broken.reason}`,
  };
}

function breakageError(detail: string, type: CatalogType, breakage: readonly SchemaBreakage[]): BeaconError {
  const issues = breakage.map(breakageIssue);
  return new BeaconError('unprocessable', `${detail} (${type.name}): ${issues.map((i) => i.message).join('; ')}`, issues);
}

async function audit(tx: Tx, actor: string, at: Date, action: string, type: CatalogType, details: Record<string, unknown>): Promise<void> {
  const event: AuditEvent = { id: newId(), at, actor, action, subjectType: 'catalog_type', subjectId: type.id, pageId: null, details };
  await insertAuditEvents(tx, [event]);
}
