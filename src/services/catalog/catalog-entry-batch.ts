import type { AttributeValue, CatalogEntrySource } from '../../domain/catalog/catalog.js';
import { diffCatalogEntry, type EntryFieldChange } from '../../domain/catalog/catalog-entry-diff.js';
import type { DomainOverride } from '../../domain/catalog/catalog-values.js';
import type { Component } from '../../domain/status/component.js';
import { BeaconError, type FieldIssue } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import type { CatalogEntryRecord } from '../../store/catalog/catalog-entries.js';
import type { CatalogTypeRecord } from '../../store/catalog/catalog-types.js';
import {
  checkAliases,
  checkEntryName,
  checkEntrySlug,
  checkExternalId,
  checkRank,
  firstFreeSlug,
  pathAt,
  suggestEntrySlug,
} from './catalog-entry-fields.js';
import { type UnsafeDomainPolicy, buildReferenceResolver, validateDraftValues } from './catalog-entry-values.js';
import { collectIssues } from '../field-issues.js';

/** Everything a catalog write is checked against, read inside its transaction. */
export interface CatalogState {
  types: readonly CatalogTypeRecord[];
  entries: readonly CatalogEntryRecord[];
  components: readonly Component[];
}

/**
 * One entry to create (`existing` null) or change, as the caller received it. Fields left
 * `undefined` keep their current value (or get a default on a new entry); `at` prefixes every
 * issue path (`''`, `entries[3]`, or a sync record's label).
 */
export interface EntryDraft {
  at: string;
  /** Between `at` and a field name: `.` by default (`entries[3].name`); a sync uses `: `. */
  separator?: string;
  typeId: string;
  existing: CatalogEntryRecord | null;
  name?: unknown;
  externalId?: unknown;
  aliases?: unknown;
  rank?: unknown;
  slug?: unknown;
  /** Keyed by attribute id or name; `null` empties an attribute. */
  values?: Readonly<Record<string, unknown>>;
  /** True: the entry's values become exactly `values`. False: only the attributes `values` names change. */
  replaceValues: boolean;
  /** For new entries (manual by default); an existing entry keeps its source unless this is given. */
  source?: CatalogEntrySource;
}

/** A checked draft: the entry before and after, and what changes. */
export interface PreparedEntry {
  draft: EntryDraft;
  before: CatalogEntryRecord | null;
  after: CatalogEntryRecord;
  changes: EntryFieldChange[];
  /** Unsafe allowlist domains accepted under an override, to be audited (DOM-8). */
  overrides: DomainOverride[];
}

export interface PrepareOptions {
  allowUnsafeDomains: UnsafeDomainPolicy;
  now: Date;
  /** Entries about to be deleted in the same write: their external ids and slugs are free. */
  deletedIds?: ReadonlySet<string>;
}

interface Working {
  draft: EntryDraft;
  id: string;
  name: string;
  externalId: string | undefined;
  aliases: string[];
  rank: number;
  slug: string | undefined;
}

/**
 * Checks a batch of entry writes together, as one transaction will apply them: fields, external
 * ids and slugs unique within their type (across the batch too), then attribute values, whose
 * references may name any entry of the batch (e.g. one created in the same request). Every issue
 * of every draft is reported at once (`BeaconError('validation')`); nothing is returned otherwise.
 */
export function prepareEntryWrites(state: CatalogState, drafts: readonly EntryDraft[], options: PrepareOptions): PreparedEntry[] {
  const issues: FieldIssue[] = [];
  const typesById = new Map(state.types.map((t) => [t.id, t]));
  const draftedIds = new Set(drafts.flatMap((d) => (d.existing ? [d.existing.id] : [])));
  const deleted = options.deletedIds ?? new Set<string>();
  const untouched = state.entries.filter((e) => !draftedIds.has(e.id) && !deleted.has(e.id));

  const working = drafts.map((draft) => checkFields(draft, issues));
  assignKeys(working, untouched, issues);

  const resolver = buildReferenceResolver(
    [...untouched, ...working.map((w) => ({ ...w, externalId: w.externalId ?? '', typeId: w.draft.typeId }))],
    state.components,
  );
  const prepared: PreparedEntry[] = [];
  for (const w of working) {
    const { draft } = w;
    const type = typesById.get(draft.typeId);
    if (!type) throw new Error(`prepareEntryWrites: unknown type ${draft.typeId}`);
    const base: Record<string, AttributeValue> = draft.replaceValues ? {} : { ...(draft.existing?.values ?? {}) };
    let values = base;
    let overrides: DomainOverride[] = [];
    if (draft.values !== undefined) {
      try {
        const checked = validateDraftValues({
          type,
          raw: draft.values,
          stored: draft.existing?.values ?? {},
          resolver,
          allowUnsafeDomains: options.allowUnsafeDomains,
          pathPrefix: pathAt(draft.at, 'values', draft.separator),
        });
        values = Object.fromEntries(Object.entries(base).filter(([id]) => !checked.covered.has(id)));
        Object.assign(values, checked.values);
        overrides = checked.overrides;
      } catch (error) {
        if (!(error instanceof BeaconError) || error.code !== 'validation') throw error;
        issues.push(...error.issues);
        continue;
      }
    }
    const before = draft.existing;
    const candidate: CatalogEntryRecord = {
      id: w.id,
      typeId: draft.typeId,
      name: w.name,
      externalId: w.externalId ?? '',
      aliases: w.aliases,
      rank: w.rank,
      values: orderValues(
        values,
        type.attributes.map((a) => a.id),
      ),
      slug: w.slug ?? '',
      source: draft.source ?? before?.source ?? { kind: 'manual' },
      createdAt: before?.createdAt ?? options.now,
      updatedAt: before?.updatedAt ?? options.now,
    };
    const changes = diffCatalogEntry(before, candidate);
    const after = before && changes.length > 0 ? { ...candidate, updatedAt: options.now } : candidate;
    prepared.push({ draft, before, after, changes, overrides });
  }
  if (issues.length > 0) throw new BeaconError('validation', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  return prepared;
}

/** Checks the entry's own fields, keeping the current value of those not given. */
function checkFields(draft: EntryDraft, issues: FieldIssue[]): Working {
  const existing = draft.existing;
  const w: Working = {
    draft,
    id: existing?.id ?? newId(),
    name: existing?.name ?? '',
    externalId: existing?.externalId,
    aliases: existing?.aliases ?? [],
    rank: existing?.rank ?? 0,
    slug: existing?.slug,
  };
  const at = (field: string) => pathAt(draft.at, field, draft.separator);
  issues.push(
    ...collectIssues([
      () => {
        if (draft.name !== undefined) w.name = checkEntryName(at('name'), draft.name);
        else if (!existing) issues.push({ path: at('name'), message: 'is required' });
      },
      () => {
        if (draft.externalId !== undefined) w.externalId = checkExternalId(at('external_id'), draft.externalId);
      },
      () => {
        if (draft.aliases !== undefined) w.aliases = checkAliases(at('aliases'), draft.aliases);
      },
      () => {
        if (draft.rank !== undefined) w.rank = checkRank(at('rank'), draft.rank);
      },
      () => {
        if (draft.slug !== undefined) w.slug = checkEntrySlug(at('slug'), draft.slug);
      },
    ]),
  );
  return w;
}

/**
 * Keeps external ids and slugs unique within each type: given ones must be free (or the entry's
 * own); new entries without them get a slug from their name and that slug as external id.
 */
function assignKeys(working: Working[], untouched: readonly CatalogEntryRecord[], issues: FieldIssue[]): void {
  const owners = { external_id: new Map<string, string>(), slug: new Map<string, string>() };
  const key = (typeId: string, value: string) => `${typeId}\u0000${value}`;
  const describe = new Map<string, string>();
  for (const entry of untouched) {
    owners.external_id.set(key(entry.typeId, entry.externalId), entry.id);
    owners.slug.set(key(entry.typeId, entry.slug), entry.id);
    describe.set(entry.id, `entry ${JSON.stringify(entry.name)} (id ${entry.id})`);
  }
  const claim = (w: Working, field: 'external_id' | 'slug', value: string) => {
    const owner = owners[field].get(key(w.draft.typeId, value));
    if (owner !== undefined && owner !== w.id) {
      const path = pathAt(w.draft.at, field, w.draft.separator);
      issues.push({ path, message: `${JSON.stringify(value)} is already used by ${describe.get(owner) ?? 'another entry'}` });
      return;
    }
    owners[field].set(key(w.draft.typeId, value), w.id);
    describe.set(w.id, w.draft.at === '' ? `entry ${JSON.stringify(w.name)}` : w.draft.at);
  };
  for (const w of working) {
    if (w.externalId !== undefined) claim(w, 'external_id', w.externalId);
    if (w.slug !== undefined) claim(w, 'slug', w.slug);
  }
  for (const w of working) {
    const isTaken = (field: 'external_id' | 'slug') => (candidate: string) => owners[field].has(key(w.draft.typeId, candidate));
    if (w.slug === undefined) {
      w.slug = firstFreeSlug(
        suggestEntrySlug(w.name),
        (c) => isTaken('slug')(c) || (w.externalId === undefined && isTaken('external_id')(c)),
      );
      claim(w, 'slug', w.slug);
    }
    if (w.externalId === undefined) {
      w.externalId = w.slug;
      claim(w, 'external_id', w.externalId);
    }
  }
}

/** Values keyed in schema order, so that equal values always serialise alike. */
function orderValues(values: Record<string, AttributeValue>, order: readonly string[]): Record<string, AttributeValue> {
  const ordered: Record<string, AttributeValue> = {};
  for (const id of order) if (values[id] !== undefined) ordered[id] = values[id];
  for (const [id, value] of Object.entries(values)) if (ordered[id] === undefined) ordered[id] = value;
  return ordered;
}
