import { findReferencesToEntry } from '../../domain/catalog/catalog-references.js';
import { type AttributeValue, listValues } from '../../domain/catalog/catalog.js';
import { BeaconError, type FieldIssue, invalid } from '../../domain/errors.js';
import { type CatalogEntryRecord, listCatalogEntriesOfType } from '../../store/catalog/catalog-entries.js';
import type { Tx } from '../../store/transaction.js';
import { type CatalogState, type EntryDraft, type PreparedEntry, prepareEntryWrites } from './catalog-entry-batch.js';
import type { UnsafeDomainPolicy } from './catalog-entry-values.js';
import { type AuditContext, applyEntryWrites } from './catalog-entry-writes.js';
import { loadCatalogState, requireCatalogEntry, requireCatalogType } from './catalog-state.js';
import { type ServiceContext, write } from '../context.js';

export type { CatalogEntryRecord } from '../../store/catalog/catalog-entries.js';

/** The longest reason staff may give for an override. */
const OVERRIDE_NOTE_MAX_LENGTH = 1_000;

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
  /**
   * Accept public-suffix, webmail and disposable allowlist domains (DOM-8): all of them (`true`), or
   * only those named in their stored form (`['gmail.com']`). Each one accepted is audited.
   */
  allowUnsafeDomains?: boolean | readonly string[];
  /** Why staff overrode, kept in each override's audit record; required when domains are named. */
  overrideNote?: string;
  /**
   * Refuse to change an entry a sync owns (the dashboard: its next run would overwrite the change).
   * The API may still set the attributes a sync does not manage (docs/catalog.md).
   */
  refuseSyncedEntries?: boolean;
  /**
   * Keep what a sync owns on its entries (the API): their existence, name, external id, aliases,
   * rank and slug; a change to any of them, or a bulk upsert over one, is refused (409 naming the
   * sync), since the sync's next run would undo it. Attribute values may still change: the sync
   * manages only those its mapping names, and staff set the others (docs/catalog.md).
   */
  keepSyncOwned?: boolean;
  /** Where the write came from, kept in the audit details: the API (and CLI) by default, or the dashboard. */
  via?: 'api' | 'dashboard';
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
    refuseIfSynced(existing, options);
    if (options.keepSyncOwned === true) refuseSyncOwnedChange(existing, patch);
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
    if (options.keepSyncOwned === true) refuseUpsertOverSynced(records, byExternalId);
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
    const prepared = prepareEntryWrites(state, drafts, { allowUnsafeDomains: unsafeDomainPolicy(options), now: ctx.clock() });
    await applyEntryWrites(tx, prepared, [], auditContext(ctx, options, prepared));
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
export async function deleteCatalogEntry(
  ctx: ServiceContext,
  id: string,
  options: { actor: string; force?: boolean; keepSyncOwned?: boolean },
): Promise<void> {
  await write(ctx, async (tx, changed) => {
    changed.catalog();
    const entry = await requireCatalogEntry(tx, id);
    if (options.keepSyncOwned === true && entry.source.kind === 'sync') {
      throw syncOwned(entry.name, entry.source.syncKey, 'deleted', 'its sync deletes it once its source no longer has it');
    }
    const state = await loadCatalogState(tx);
    const drafts = draftsRemovingReferences(state, new Set([entry.id]));
    if (drafts.length > 0 && !options.force) throw referencedError(state, drafts);
    const prepared = prepareEntryWrites(state, drafts, { allowUnsafeDomains: false, now: ctx.clock(), deletedIds: new Set([entry.id]) });
    await applyEntryWrites(tx, prepared, [entry], { actor: options.actor, now: ctx.clock(), via: 'api' });
  });
}

/** The refusal of a change to what a sync owns: names the entry, the sync, and where to change it instead. */
const syncOwned = (name: string, syncKey: string, what: string, instead: string, path = 'sync_key'): BeaconError =>
  new BeaconError(
    'conflict',
    `${JSON.stringify(name)} is managed by the sync ${JSON.stringify(syncKey)} and cannot be ${what} here: ${instead}`,
    [{ path, message: `owned by the sync ${JSON.stringify(syncKey)}` }],
  );

/** `keepSyncOwned`: a patch of a synced entry may change attribute values only. */
function refuseSyncOwnedChange(entry: CatalogEntryRecord, patch: CatalogEntryPatch): void {
  if (entry.source.kind !== 'sync') return;
  const changed = (
    [
      ['name', patch.name, entry.name],
      ['external_id', patch.externalId, entry.externalId],
      ['aliases', patch.aliases, entry.aliases],
      ['rank', patch.rank, entry.rank],
      ['slug', patch.slug, entry.slug],
    ] as const
  ).filter(([, given, current]) => given !== undefined && JSON.stringify(given) !== JSON.stringify(current));
  const [first] = changed;
  if (!first) return;
  const fields = changed.map(([field]) => field).join(', ');
  throw syncOwned(
    entry.name,
    entry.source.syncKey,
    `changed (${fields})`,
    "change it in that sync's source, or its next run would undo the change; only attribute values the sync does not manage may be set here",
    first[0],
  );
}

/** `keepSyncOwned`: a bulk upsert replaces an entry whole, so none may land on a synced one. */
function refuseUpsertOverSynced(records: readonly CatalogEntryUpsert[], byExternalId: ReadonlyMap<string, CatalogEntryRecord>): void {
  records.forEach((record, index) => {
    const existing = typeof record.externalId === 'string' ? byExternalId.get(record.externalId.trim()) : undefined;
    if (existing?.source.kind !== 'sync') return;
    throw syncOwned(
      existing.name,
      existing.source.syncKey,
      'replaced by a bulk upsert',
      "change it in that sync's source, or its next run would undo the change",
      `entries[${index}].external_id`,
    );
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
  const prepared = prepareEntryWrites(state, drafts, { allowUnsafeDomains: unsafeDomainPolicy(options), now: ctx.clock() });
  await applyEntryWrites(tx, prepared, [], auditContext(ctx, options, prepared));
  return prepared.map((p) => p.after);
}

const unsafeDomainPolicy = (options: EntryWriteOptions): UnsafeDomainPolicy => {
  const allowed = options.allowUnsafeDomains ?? false;
  return typeof allowed === 'boolean' ? allowed : new Set(allowed);
};

/** The audit context of an entry write; domains overridden by name need the staff member's reason (DOM-8, LOG-1). */
function auditContext(ctx: ServiceContext, options: EntryWriteOptions, prepared: readonly PreparedEntry[]): AuditContext {
  const note = options.overrideNote?.trim() ?? '';
  const overrides = prepared.some((p) => p.overrides.length > 0);
  if (overrides && note === '' && Array.isArray(options.allowUnsafeDomains)) {
    throw invalid('override_note', 'say why these domains are allowed anyway; the reason is kept in the audit log');
  }
  if (note.length > OVERRIDE_NOTE_MAX_LENGTH) throw invalid('override_note', `is longer than ${OVERRIDE_NOTE_MAX_LENGTH} characters`);
  return { actor: options.actor, now: ctx.clock(), via: options.via ?? 'api', ...(overrides && note !== '' ? { overrideNote: note } : {}) };
}

/** The dashboard refuses changes to an entry a sync owns: the sync's source is where it is changed. */
function refuseIfSynced(entry: CatalogEntryRecord, options: EntryWriteOptions): void {
  if (options.refuseSyncedEntries !== true || entry.source.kind !== 'sync') return;
  throw new BeaconError(
    'conflict',
    `${JSON.stringify(entry.name)} is managed by the sync ${JSON.stringify(entry.source.syncKey)}: change it in that sync's source, or its next run would undo the change`,
  );
}
