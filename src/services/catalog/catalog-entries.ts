import { findReferencesToEntry } from '../../domain/catalog/catalog-references.js';
import { type AttributeValue, listValues } from '../../domain/catalog/catalog.js';
import { BeaconError, type FieldIssue } from '../../domain/errors.js';
import { type CatalogEntryRecord, listCatalogEntriesOfType } from '../../store/catalog/catalog-entries.js';
import type { Tx } from '../../store/transaction.js';
import { type CatalogState, type EntryDraft, prepareEntryWrites } from './catalog-entry-batch.js';
import { applyEntryWrites } from './catalog-entry-writes.js';
import { loadCatalogState, requireCatalogEntry, requireCatalogType } from './catalog-state.js';
import { type ServiceContext, write } from '../context.js';

export type { CatalogEntryRecord } from '../../store/catalog/catalog-entries.js';

/** Entry fields as the API takes them; values keyed by attribute id or name, references as id, external id, name or alias. */
export interface CatalogEntryInput {
  name: string;
  externalId?: string;
  aliases?: string[];
  rank?: number;
  slug?: string;
  values?: Record<string, unknown>;
}

/** Only the fields given change; `values` changes only the attributes it names (`null` empties one). */
export type CatalogEntryPatch = Partial<CatalogEntryInput>;

/** One record of a bulk upsert: the entry's whole state, found by external id (slug kept if left out). */
export interface CatalogEntryUpsert {
  externalId: string;
  name: string;
  aliases?: string[];
  rank?: number;
  slug?: string;
  values?: Record<string, unknown>;
}

export interface EntryWriteOptions {
  actor: string;
  /** Accept public-suffix, webmail and disposable allowlist domains; each is audited (DOM-8). */
  allowUnsafeDomains?: boolean;
}

export interface UpsertResult {
  /** In request order. */
  entries: CatalogEntryRecord[];
  created: number;
  updated: number;
  unchanged: number;
}

/** @example await createCatalogEntry(ctx, customerTypeId, { name: 'Acme', values: { domains: ['acme.com'] } }, { actor: 'cli' }) */
export async function createCatalogEntry(
  ctx: ServiceContext,
  typeId: string,
  input: CatalogEntryInput,
  options: EntryWriteOptions,
): Promise<CatalogEntryRecord> {
  return write(ctx, async (tx, changed) => {
    changed.catalog();
    await requireCatalogType(tx, typeId);
    const draft: EntryDraft = { at: '', typeId, existing: null, ...input, replaceValues: true };
    const [prepared] = await prepareAndApply(ctx, tx, [draft], options);
    return prepared!;
  });
}

/** The entries of a type, by rank then name. */
export async function listCatalogEntries(ctx: ServiceContext, typeId: string): Promise<CatalogEntryRecord[]> {
  await requireCatalogType(ctx.database.db, typeId);
  return listCatalogEntriesOfType(ctx.database.db, typeId);
}

export async function getCatalogEntry(ctx: ServiceContext, id: string): Promise<CatalogEntryRecord> {
  return requireCatalogEntry(ctx.database.db, id);
}

export async function updateCatalogEntry(
  ctx: ServiceContext,
  id: string,
  patch: CatalogEntryPatch,
  options: EntryWriteOptions,
): Promise<CatalogEntryRecord> {
  return write(ctx, async (tx, changed) => {
    changed.catalog();
    const existing = await requireCatalogEntry(tx, id);
    const draft: EntryDraft = { at: '', typeId: existing.typeId, existing, ...patch, replaceValues: false };
    const [updated] = await prepareAndApply(ctx, tx, [draft], options);
    return updated!;
  });
}

/**
 * Creates or replaces entries of one type by external id, in one transaction: nothing is written
 * when any record is bad, and every issue names its record (`entries[3].values.domains[1]`).
 * Records may refer to each other, e.g. a new entry to another created in the same request.
 */
export async function upsertCatalogEntries(
  ctx: ServiceContext,
  typeId: string,
  records: readonly CatalogEntryUpsert[],
  options: EntryWriteOptions,
): Promise<UpsertResult> {
  return write(ctx, async (tx, changed) => {
    changed.catalog();
    await requireCatalogType(tx, typeId);
    const state = await loadCatalogState(tx);
    const byExternalId = new Map(state.entries.filter((e) => e.typeId === typeId).map((e) => [e.externalId, e]));
    const drafts = records.map((record, index): EntryDraft => ({
      at: `entries[${index}]`,
      typeId,
      existing: typeof record.externalId === 'string' ? (byExternalId.get(record.externalId.trim()) ?? null) : null,
      externalId: record.externalId,
      name: record.name,
      aliases: record.aliases ?? [],
      rank: record.rank ?? 0,
      slug: record.slug,
      values: record.values ?? {},
      replaceValues: true,
    }));
    const prepared = prepareEntryWrites(state, drafts, { allowUnsafeDomains: options.allowUnsafeDomains ?? false, now: ctx.clock() });
    await applyEntryWrites(tx, prepared, [], { actor: options.actor, now: ctx.clock(), via: 'api' });
    return {
      entries: prepared.map((p) => p.after),
      created: prepared.filter((p) => p.before === null).length,
      updated: prepared.filter((p) => p.before !== null && p.changes.length > 0).length,
      unchanged: prepared.filter((p) => p.before !== null && p.changes.length === 0).length,
    };
  });
}

/**
 * Deletes an entry. Entries that refer to it would be left pointing at nothing, so the deletion is
 * refused (`unprocessable`, naming each) unless `force`, which removes those references too.
 */
export async function deleteCatalogEntry(ctx: ServiceContext, id: string, options: { actor: string; force?: boolean }): Promise<void> {
  await write(ctx, async (tx, changed) => {
    changed.catalog();
    const entry = await requireCatalogEntry(tx, id);
    const state = await loadCatalogState(tx);
    const drafts = draftsRemovingReferences(state, new Set([entry.id]));
    if (drafts.length > 0 && !options.force) throw referencedError(state, drafts);
    const prepared = prepareEntryWrites(state, drafts, { allowUnsafeDomains: false, now: ctx.clock(), deletedIds: new Set([entry.id]) });
    await applyEntryWrites(tx, prepared, [entry], { actor: options.actor, now: ctx.clock(), via: 'api' });
  });
}

/** Drafts that take every reference to the `removed` entries out of the entries that stay. */
function draftsRemovingReferences(state: CatalogState, removed: ReadonlySet<string>): EntryDraft[] {
  const attributesByReferrer = new Map<string, Set<string>>();
  for (const removedId of removed) {
    for (const { entryId, attributeId } of findReferencesToEntry(removedId, state.types, state.entries)) {
      if (removed.has(entryId)) continue;
      attributesByReferrer.set(entryId, (attributesByReferrer.get(entryId) ?? new Set()).add(attributeId));
    }
  }
  return state.entries.flatMap((referrer): EntryDraft[] => {
    const attributeIds = attributesByReferrer.get(referrer.id);
    if (!attributeIds) return [];
    const attributes = state.types.find((t) => t.id === referrer.typeId)?.attributes ?? [];
    const values: Record<string, AttributeValue | null> = {};
    for (const attribute of attributes.filter((a) => attributeIds.has(a.id))) {
      const remaining = listValues(referrer.values[attribute.id]).filter((value) => typeof value !== 'string' || !removed.has(value));
      values[attribute.id] = attribute.isList ? remaining : null;
    }
    return [{ at: '', typeId: referrer.typeId, existing: referrer, values, replaceValues: false }];
  });
}

/** The refusal that lists which entries (and attributes) still refer to what is being deleted. */
function referencedError(state: CatalogState, drafts: readonly EntryDraft[]): BeaconError {
  const issues: FieldIssue[] = drafts.map((draft, index) => {
    const referrer = draft.existing;
    if (!referrer) throw new Error('referencedError: a draft without an entry');
    const type = state.types.find((t) => t.id === referrer.typeId);
    const attributes = Object.keys(draft.values ?? {}).map((id) => type?.attributes.find((a) => a.id === id)?.name ?? id);
    return {
      path: `referenced_by[${index}]`,
      message: `entry ${JSON.stringify(referrer.name)} (${type?.name ?? referrer.typeId}, external id ${JSON.stringify(referrer.externalId)}) refers to it in ${attributes.map((a) => JSON.stringify(a)).join(', ')}`,
    };
  });
  const detail = `Other entries refer to it; delete with force to remove those references too: ${issues.map((i) => i.message).join('; ')}`;
  return new BeaconError('unprocessable', detail, issues);
}

async function prepareAndApply(
  ctx: ServiceContext,
  tx: Tx,
  drafts: EntryDraft[],
  options: EntryWriteOptions,
): Promise<CatalogEntryRecord[]> {
  const state = await loadCatalogState(tx);
  const prepared = prepareEntryWrites(state, drafts, { allowUnsafeDomains: options.allowUnsafeDomains ?? false, now: ctx.clock() });
  await applyEntryWrites(tx, prepared, [], { actor: options.actor, now: ctx.clock(), via: 'api' });
  return prepared.map((p) => p.after);
}
