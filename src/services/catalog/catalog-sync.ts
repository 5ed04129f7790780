import type { AuditEvent } from '../../domain/access/audit-event.js';
import { findReferencesToEntry } from '../../domain/catalog/catalog-references.js';
import { BeaconError, type FieldIssue } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import { insertAuditEvents } from '../../store/access/audit-log.js';
import type { CatalogEntryRecord } from '../../store/catalog/catalog-entries.js';
import type { CatalogTypeRecord } from '../../store/catalog/catalog-types.js';
import type { Queryable } from '../../store/transaction.js';
import { type CatalogState, type EntryDraft, type PreparedEntry, prepareEntryWrites } from './catalog-entry-batch.js';
import { applyEntryWrites } from './catalog-entry-writes.js';
import { loadCatalogState } from './catalog-state.js';
import { type DisplayChange, describeChanges } from './catalog-sync-display.js';
import { type ServiceContext, write } from '../context.js';

/** One source record, mapped (see catalog-mapping.ts) but not yet checked. */
export interface SyncRecord {
  /** Where it came from, for messages: `customers.yaml: customers[2] (external id "acme")`. */
  label: string;
  typeName: string;
  externalId: unknown;
  name: unknown;
  /** Left out when the mapping does not manage aliases (the entry keeps its own). */
  aliases?: unknown;
  rank?: unknown;
  /** The mapped attributes only, keyed by attribute id or name; `null` when the source has no value. */
  values: Record<string, unknown>;
}

export interface SyncInput {
  /** Names the sync: it creates entries with this key and changes or deletes only those. */
  syncKey: string;
  /** The types the mapping names, with where it names them (`mapping.yaml: rules[0].type`). */
  types: { name: string; at: string }[];
  records: SyncRecord[];
  /** Delete this sync's entries that the source no longer has. */
  allowDelete: boolean;
  allowUnsafeDomains: boolean;
  actor: string;
}

export interface SyncPlanItem {
  typeName: string;
  externalId: string;
  name: string;
  changes: DisplayChange[];
}

export interface SyncPlan {
  create: SyncPlanItem[];
  change: SyncPlanItem[];
  delete: SyncPlanItem[];
  /** This sync's entries missing from the source, kept because deletion was not allowed. */
  stale: SyncPlanItem[];
  unchanged: number;
}

/** True when applying the plan would write nothing. */
const isEmptyPlan = (plan: SyncPlan): boolean => plan.create.length + plan.change.length + plan.delete.length === 0;

/** The diff a sync would apply, checked exactly as a real run checks it, without writing anything. */
export async function planCatalogSync(ctx: ServiceContext, input: SyncInput): Promise<SyncPlan> {
  return (await computeSync(ctx.database.db, input, ctx.clock())).plan;
}

/**
 * Applies a sync in one transaction and returns its diff. Only entries carrying this sync's key are
 * changed or (with `allowDelete`) deleted; a record whose external id belongs to an entry made by
 * hand or by another sync is an error. Running it again with the same input changes nothing.
 * Nothing is written when any record is bad, nor when nothing changes.
 */
export async function syncCatalog(ctx: ServiceContext, input: SyncInput): Promise<SyncPlan> {
  const preview = await computeSync(ctx.database.db, input, ctx.clock());
  if (isEmptyPlan(preview.plan)) return preview.plan;
  return write(ctx, async (tx, changed) => {
    changed.catalog();
    const now = ctx.clock();
    const { plan, prepared, deleted } = await computeSync(tx, input, now);
    const via = `sync:${input.syncKey}`;
    await applyEntryWrites(tx, prepared, deleted, { actor: input.actor, now, via });
    const summary: AuditEvent = {
      id: newId(),
      at: now,
      actor: input.actor,
      action: 'catalog.synced',
      subjectType: 'catalog_sync',
      subjectId: input.syncKey,
      pageId: null,
      details: {
        created: plan.create.length,
        changed: plan.change.length,
        deleted: plan.delete.length,
        stale: plan.stale.length,
        unchanged: plan.unchanged,
      },
    };
    await insertAuditEvents(tx, [summary]);
    return plan;
  });
}

async function computeSync(
  db: Queryable,
  input: SyncInput,
  now: Date,
): Promise<{ plan: SyncPlan; prepared: PreparedEntry[]; deleted: CatalogEntryRecord[] }> {
  const state = await loadCatalogState(db);
  const issues: FieldIssue[] = [];
  const typeByName = resolveTypes(state, input.types, issues);

  const entryByKey = new Map(state.entries.map((e) => [`${e.typeId}\u0000${e.externalId}`, e]));
  const claimed = new Map<string, string>();
  const drafts: EntryDraft[] = [];
  for (const record of input.records) {
    const type = typeByName.get(record.typeName.toLowerCase());
    if (!type) continue;
    const externalId = typeof record.externalId === 'string' ? record.externalId.trim() : undefined;
    let existing: CatalogEntryRecord | null = null;
    if (externalId !== undefined) {
      const earlier = claimed.get(`${type.id}\u0000${externalId}`);
      if (earlier !== undefined) issues.push({ path: `${record.label}: external_id`, message: `repeats the external id of ${earlier}` });
      claimed.set(`${type.id}\u0000${externalId}`, record.label);
      existing = entryByKey.get(`${type.id}\u0000${externalId}`) ?? null;
      const owner = existing?.source;
      if (owner && (owner.kind === 'manual' || owner.syncKey !== input.syncKey)) {
        const by = owner.kind === 'manual' ? 'was made by hand' : `belongs to sync ${JSON.stringify(owner.syncKey)}`;
        issues.push({
          path: `${record.label}: external_id`,
          message: `${type.name} entry ${JSON.stringify(existing?.name)} with external id ${JSON.stringify(externalId)} ${by}; this sync may not change it`,
        });
        continue;
      }
    }
    const draft: EntryDraft = {
      at: record.label,
      separator: ': ',
      typeId: type.id,
      existing,
      externalId: record.externalId,
      name: record.name,
      values: record.values,
      replaceValues: false,
      source: { kind: 'sync', syncKey: input.syncKey },
    };
    if (record.aliases !== undefined) draft.aliases = record.aliases;
    if (record.rank !== undefined) draft.rank = record.rank;
    drafts.push(draft);
  }

  const matched = new Set(drafts.flatMap((d) => (d.existing ? [d.existing.id] : [])));
  const stale = state.entries.filter((e) => e.source.kind === 'sync' && e.source.syncKey === input.syncKey && !matched.has(e.id));
  const deleted = input.allowDelete ? stale : [];
  let prepared: PreparedEntry[] = [];
  try {
    prepared = prepareEntryWrites(state, drafts, {
      allowUnsafeDomains: input.allowUnsafeDomains,
      now,
      deletedIds: new Set(deleted.map((e) => e.id)),
    });
  } catch (error) {
    if (!(error instanceof BeaconError) || error.code !== 'validation') throw error;
    issues.push(...error.issues);
  }
  if (issues.length === 0) issues.push(...findDanglingReferences(state, prepared, deleted));
  if (issues.length > 0) throw new BeaconError('validation', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  return { plan: buildPlan(state, prepared, deleted, stale), prepared, deleted };
}

function resolveTypes(state: CatalogState, types: SyncInput['types'], issues: FieldIssue[]): Map<string, CatalogTypeRecord> {
  const byName = new Map<string, CatalogTypeRecord>();
  for (const { name, at } of types) {
    const type = state.types.find((t) => t.name.toLowerCase() === name.toLowerCase());
    if (type) byName.set(name.toLowerCase(), type);
    else
      issues.push({ path: at, message: `no catalog type is named ${JSON.stringify(name)} (a sync fills existing types; create it first)` });
  }
  return byName;
}

/** Deleting an entry that an entry staying behind still refers to is refused, naming both. */
function findDanglingReferences(
  state: CatalogState,
  prepared: readonly PreparedEntry[],
  deleted: readonly CatalogEntryRecord[],
): FieldIssue[] {
  if (deleted.length === 0) return [];
  const written = new Set(prepared.map((p) => p.after.id));
  const gone = new Set(deleted.map((e) => e.id));
  const after = [...state.entries.filter((e) => !written.has(e.id) && !gone.has(e.id)), ...prepared.map((p) => p.after)];
  const byId = new Map(after.map((e) => [e.id, e]));
  const typeOf = (typeId: string) => state.types.find((t) => t.id === typeId);
  return deleted.flatMap((entry) =>
    findReferencesToEntry(entry.id, state.types, after).map(({ entryId, attributeId }) => {
      const referrer = byId.get(entryId);
      const attribute = typeOf(referrer?.typeId ?? '')?.attributes.find((a) => a.id === attributeId)?.name ?? attributeId;
      return {
        path: `delete ${typeOf(entry.typeId)?.name ?? entry.typeId} ${JSON.stringify(entry.externalId)}`,
        message: `cannot delete ${JSON.stringify(entry.name)}: entry ${JSON.stringify(referrer?.name)} still refers to it (${attribute})`,
      };
    }),
  );
}

function buildPlan(
  state: CatalogState,
  prepared: readonly PreparedEntry[],
  deleted: readonly CatalogEntryRecord[],
  stale: readonly CatalogEntryRecord[],
): SyncPlan {
  const allEntries = [...state.entries, ...prepared.map((p) => p.after)];
  const typeName = (typeId: string) => state.types.find((t) => t.id === typeId)?.name ?? typeId;
  const item = (entry: CatalogEntryRecord, changes: PreparedEntry['changes']): SyncPlanItem => ({
    typeName: typeName(entry.typeId),
    externalId: entry.externalId,
    name: entry.name,
    // Every entry a sync writes carries its key: saying so on each new one is noise.
    changes: describeChanges(
      changes.filter((c) => c.field !== 'source'),
      entry.typeId,
      state,
      allEntries,
    ),
  });
  const isDeleted = new Set(deleted.map((e) => e.id));
  return {
    create: prepared.filter((p) => p.before === null).map((p) => item(p.after, p.changes)),
    change: prepared.filter((p) => p.before !== null && p.changes.length > 0).map((p) => item(p.after, p.changes)),
    delete: deleted.map((e) => item(e, [])),
    stale: stale.filter((e) => !isDeleted.has(e.id)).map((e) => item(e, [])),
    unchanged: prepared.filter((p) => p.before !== null && p.changes.length === 0).length,
  };
}
