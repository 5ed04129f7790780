import { type AttributeValue, type CatalogAttribute, type CatalogType, listValues } from '../../domain/catalog/catalog.js';
import { resolveEntryReference, type EntryReferenceCandidate } from '../../domain/catalog/catalog-references.js';
import {
  AMBIGUOUS_REFERENCE,
  type DomainOverride,
  type ReferenceResolver,
  type ValidatedValues,
  validateEntryValues,
} from '../../domain/catalog/catalog-values.js';
import type { Component } from '../../domain/status/component.js';
import { isOverridableRefusal, vetAllowlistDomain } from '../../domain/access/domain-vetting.js';
import { canonicaliseDomain, formatAllowlistDomain } from '../../domain/access/email-domain.js';
import { BeaconError, type FieldIssue } from '../../domain/errors.js';

/** Where an override is needed but was not given, the refusal says how to give it. */
const OVERRIDE_HINT =
  'An explicit override (allow_unsafe_domains in the API, --allow-unsafe-domains in catalog sync, "Allow anyway" in the dashboard) accepts it and is recorded in the audit log.';

/**
 * Which refused but overridable allowlist domains a write accepts (DOM-8): every one (`true`: the
 * API's `allow_unsafe_domains`, a sync's `--allow-unsafe-domains`), none, or exactly the stored forms
 * named (the dashboard's "Allow anyway", domain by domain).
 */
export type UnsafeDomainPolicy = boolean | ReadonlySet<string>;

const isOverriddenBy = (policy: UnsafeDomainPolicy, domain: string): boolean => policy === true || (policy !== false && policy.has(domain));

/**
 * Resolves references against `entries` (grouped by type) and `components`: entries by id, external
 * id, name or alias (domain/catalog/catalog-references.ts); components by id, then name regardless of case.
 * Ambiguous references resolve to AMBIGUOUS_REFERENCE, so they are refused (saying so) rather than guessed.
 */
export function buildReferenceResolver(
  entries: readonly (EntryReferenceCandidate & { typeId: string })[],
  components: readonly Component[],
): ReferenceResolver {
  const byType = new Map<string, EntryReferenceCandidate[]>();
  for (const entry of entries) {
    const list = byType.get(entry.typeId) ?? [];
    list.push(entry);
    byType.set(entry.typeId, list);
  }
  return {
    entry: (typeId, ref) => {
      const result = resolveEntryReference(byType.get(typeId) ?? [], ref);
      if (result.ok) return result.id;
      return result.reason === 'ambiguous' ? AMBIGUOUS_REFERENCE : null;
    },
    component: (ref) => {
      if (components.some((c) => c.id === ref)) return ref;
      const named = components.filter((c) => c.name.toLowerCase() === ref.toLowerCase());
      if (named.length > 1) return AMBIGUOUS_REFERENCE;
      return named[0]?.id ?? null;
    },
  };
}

export interface DraftValuesInput {
  type: CatalogType;
  /** Keyed by attribute id or name; `null` empties an attribute. */
  raw: Readonly<Record<string, unknown>>;
  /** The values stored so far: domains already on the entry need no new override. */
  stored: Readonly<Record<string, AttributeValue>>;
  resolver: ReferenceResolver;
  allowUnsafeDomains: UnsafeDomainPolicy;
  /** Prefix of issue paths, e.g. `entries[3].values`. */
  pathPrefix: string;
}

export interface DraftValues {
  /** Validated values of the attributes named in `raw`, keyed by id (emptied ones absent). */
  values: Record<string, AttributeValue>;
  /** The attribute ids `raw` named (set or emptied). */
  covered: Set<string>;
  /** Unsafe domains newly added under an override (DOM-8), to be audited. */
  overrides: DomainOverride[];
}

/**
 * Validates attribute values, refusing unsafe allowlist domains unless overridden. A domain that
 * the same attribute of the entry already holds was vetted (or overridden) when it was added, so
 * writing it again (a re-sync, a bulk upsert) needs no new override and records none.
 */
export function validateDraftValues(input: DraftValuesInput): DraftValues {
  const { type, raw, stored, resolver, pathPrefix } = input;
  const attributeOf = (key: string): CatalogAttribute | undefined =>
    type.attributes.find((a) => a.id === key) ?? type.attributes.find((a) => a.name === key);
  const covered = new Set<string>();
  for (const key of Object.keys(raw)) {
    const attribute = attributeOf(key);
    if (attribute) covered.add(attribute.id);
  }
  const isStored = (attributeId: string, domain: string) => listValues(stored[attributeId]).includes(domain);

  let lenient: ValidatedValues;
  try {
    lenient = validateEntryValues(type, raw, resolver, { allowUnsafeDomains: true, pathPrefix });
  } catch (error) {
    if (!(error instanceof BeaconError) || error.code !== 'validation' || input.allowUnsafeDomains === true) throw error;
    // Report the unsafe domains too, in the same response, but not those the entry already holds or that are overridden.
    const isAccepted = (attributeId: string, domain: string) =>
      isStored(attributeId, domain) || isOverriddenBy(input.allowUnsafeDomains, domain);
    throw strictIssues(type, raw, resolver, pathPrefix, isAccepted);
  }
  const overrides = lenient.overrides.filter((o) => !isStored(o.attributeId, o.domain));
  const refused = overrides.filter((o) => !isOverriddenBy(input.allowUnsafeDomains, o.domain));
  if (refused.length > 0) {
    const issues = refused.map((o) => ({
      path: overridePath(type, raw, lenient.values, o, pathPrefix),
      message: `${o.message} ${OVERRIDE_HINT}`,
    }));
    throw new BeaconError('validation', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  }
  return { values: lenient.values, covered, overrides };
}

/** The issues of a strict validation, less refusals of domains the entry already holds; overridable ones say how. */
function strictIssues(
  type: CatalogType,
  raw: Readonly<Record<string, unknown>>,
  resolver: ReferenceResolver,
  pathPrefix: string,
  isAccepted: (attributeId: string, domain: string) => boolean,
): BeaconError {
  let issues: FieldIssue[] = [];
  try {
    validateEntryValues(type, raw, resolver, { allowUnsafeDomains: false, pathPrefix });
  } catch (error) {
    if (!(error instanceof BeaconError)) throw error;
    issues = error.issues;
  }
  const kept: FieldIssue[] = [];
  for (const issue of issues) {
    const found = findDomainAtPath(type, raw, pathPrefix, issue.path);
    if (!found) {
      kept.push(issue);
      continue;
    }
    const domain = canonicaliseDomain(found.item);
    if (domain.ok && isAccepted(found.attributeId, formatAllowlistDomain(domain))) continue;
    const vetting = vetAllowlistDomain(found.item);
    kept.push(!vetting.ok && isOverridableRefusal(vetting.reason) ? { ...issue, message: `${issue.message} ${OVERRIDE_HINT}` } : issue);
  }
  return new BeaconError('validation', kept.map((i) => `${i.path}: ${i.message}`).join('; '), kept);
}

/** The email domain value that `path` points at, if it points at one. */
function findDomainAtPath(
  type: CatalogType,
  raw: Readonly<Record<string, unknown>>,
  pathPrefix: string,
  path: string,
): { attributeId: string; item: string } | null {
  for (const [key, value] of Object.entries(raw)) {
    const attribute = type.attributes.find((a) => a.id === key) ?? type.attributes.find((a) => a.name === key);
    if (attribute?.kind !== 'email_domain') continue;
    const items: unknown[] = Array.isArray(value) ? value : [value];
    for (const [index, item] of items.entries()) {
      const itemPath = Array.isArray(value) ? `${pathPrefix}.${key}[${index}]` : `${pathPrefix}.${key}`;
      if (itemPath === path && typeof item === 'string') return { attributeId: attribute.id, item };
    }
  }
  return null;
}

/** The path of the value an override concerns: `values.domains[1]`, or `values.domain` for a single value. */
function overridePath(
  type: CatalogType,
  raw: Readonly<Record<string, unknown>>,
  values: Record<string, AttributeValue>,
  override: DomainOverride,
  pathPrefix: string,
): string {
  const attribute = type.attributes.find((a) => a.id === override.attributeId);
  const key =
    Object.keys(raw).find((k) => k === attribute?.id) ?? Object.keys(raw).find((k) => k === attribute?.name) ?? override.attributeId;
  const stored = values[override.attributeId];
  // Without other issues every raw item was stored, in order, so the index is the raw index.
  return Array.isArray(stored) ? `${pathPrefix}.${key}[${stored.indexOf(override.domain)}]` : `${pathPrefix}.${key}`;
}
