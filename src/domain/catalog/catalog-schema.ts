import {
  ATTRIBUTE_KINDS,
  listValues,
  type AttributeScalar,
  type AttributeValue,
  type CatalogAttribute,
  type CatalogEntry,
  type CatalogType,
} from './catalog.js';
import { vetAllowlistDomain } from '../access/domain-vetting.js';
import { canonicaliseDomain, formatAllowlistDomain } from '../access/email-domain.js';
import { BeaconError, type FieldIssue } from '../errors.js';

/** One entry that a schema change would make invalid, and why. */
export interface SchemaBreakage {
  entryId: string;
  entryName: string;
  externalId: string;
  attributeId: string;
  reason: string;
}

const ATTRIBUTE_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const MAX_NAME_LENGTH = 200;

/**
 * Checks a type's name and attribute schema: ids (stable, `[a-z0-9_-]`) and names unique, no name
 * equal to another attribute's id (values may be keyed by either), a known kind, and a target type
 * for exactly the `entry` attributes. Throws `BeaconError('validation')` naming `attributes[i].field`.
 */
export function validateCatalogSchema(
  type: Pick<CatalogType, 'id' | 'name' | 'attributes'>,
  isKnownType: (typeId: string) => boolean,
): void {
  const issues: FieldIssue[] = [];
  if (type.name.trim() === '' || type.name.length > MAX_NAME_LENGTH)
    issues.push({ path: 'name', message: `must be 1–${MAX_NAME_LENGTH} characters` });
  const ids = new Map<string, number>();
  const names = new Map<string, number>();
  type.attributes.forEach((attribute, index) => {
    const at = `attributes[${index}]`;
    if (!ATTRIBUTE_ID.test(attribute.id))
      issues.push({ path: `${at}.id`, message: 'must be 1–64 of a-z, 0-9, "_" or "-", starting with a letter or digit' });
    const sameId = ids.get(attribute.id);
    if (sameId !== undefined) issues.push({ path: `${at}.id`, message: `repeats attributes[${sameId}].id` });
    ids.set(attribute.id, index);
    if (attribute.name.trim() === '' || attribute.name.length > MAX_NAME_LENGTH)
      issues.push({ path: `${at}.name`, message: `must be 1–${MAX_NAME_LENGTH} characters` });
    const sameName = names.get(attribute.name.toLowerCase());
    if (sameName !== undefined) issues.push({ path: `${at}.name`, message: `repeats attributes[${sameName}].name` });
    names.set(attribute.name.toLowerCase(), index);
    if (!(ATTRIBUTE_KINDS as readonly string[]).includes(attribute.kind)) {
      issues.push({ path: `${at}.kind`, message: `expected one of ${ATTRIBUTE_KINDS.join(', ')}` });
    }
    if (attribute.kind === 'entry') {
      if (!attribute.targetTypeId) issues.push({ path: `${at}.targetTypeId`, message: 'an entry attribute needs a target type' });
      else if (attribute.targetTypeId !== type.id && !isKnownType(attribute.targetTypeId)) {
        issues.push({ path: `${at}.targetTypeId`, message: `no catalog type ${JSON.stringify(attribute.targetTypeId)}` });
      }
    } else if (attribute.targetTypeId !== undefined) {
      issues.push({ path: `${at}.targetTypeId`, message: 'only entry attributes have a target type' });
    }
  });
  type.attributes.forEach((attribute, index) => {
    const owner = ids.get(attribute.name);
    if (owner !== undefined && owner !== index)
      issues.push({ path: `attributes[${index}].name`, message: `is the id of attributes[${owner}]` });
  });
  if (issues.length > 0) throw new BeaconError('validation', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
}

/**
 * The entries of `oldType` that changing its schema to `newType` would invalidate: a removed
 * attribute that holds values, a kind change the stored values do not fit, a new target type for
 * an entry reference, or list → single with more than one value. Single → list breaks nothing.
 * The service refuses the change unless forced, and then applies `convertValuesToSchema`.
 */
export function findSchemaChangeBreakage(oldType: CatalogType, newType: CatalogType, entries: readonly CatalogEntry[]): SchemaBreakage[] {
  const breakages: SchemaBreakage[] = [];
  const newById = new Map(newType.attributes.map((a) => [a.id, a]));
  for (const entry of entries) {
    if (entry.typeId !== oldType.id) continue;
    for (const before of oldType.attributes) {
      const stored = listValues(entry.values[before.id]);
      if (stored.length === 0) continue;
      const conversion = convertStored(before, newById.get(before.id), stored);
      if (!conversion.ok) {
        breakages.push({
          entryId: entry.id,
          entryName: entry.name,
          externalId: entry.externalId,
          attributeId: before.id,
          reason: conversion.reason,
        });
      }
    }
  }
  return breakages;
}

/**
 * An entry's values rewritten for the new schema: removed attributes dropped, single values
 * wrapped into lists, one-element lists unwrapped, values converted to a new kind (to text; text
 * to a normalised URL or a vetted domain), and values that no longer fit dropped (only reached
 * when the change was forced).
 */
export function convertValuesToSchema(
  oldType: CatalogType,
  newType: CatalogType,
  values: Readonly<Record<string, AttributeValue>>,
): Record<string, AttributeValue> {
  const oldById = new Map(oldType.attributes.map((a) => [a.id, a]));
  const converted: Record<string, AttributeValue> = {};
  for (const after of newType.attributes) {
    const before = oldById.get(after.id);
    const value = values[after.id];
    if (!before || value === undefined) continue;
    const conversion = convertStored(before, after, listValues(value));
    if (!conversion.ok) continue;
    const [single] = conversion.values;
    if (after.isList) converted[after.id] = conversion.values;
    else if (single !== undefined) converted[after.id] = single;
  }
  return converted;
}

/**
 * Deleting a catalog type: the attributes of other types that refer to it, and the entries whose
 * references would dangle.
 */
export function findTypeRemovalBreakage(
  typeId: string,
  types: readonly CatalogType[],
  entries: readonly CatalogEntry[],
): { attributes: { typeId: string; attributeId: string }[]; entries: SchemaBreakage[] } {
  const attributes: { typeId: string; attributeId: string }[] = [];
  const broken: SchemaBreakage[] = [];
  for (const type of types) {
    if (type.id === typeId) continue;
    for (const attribute of type.attributes) {
      if (attribute.kind !== 'entry' || attribute.targetTypeId !== typeId) continue;
      attributes.push({ typeId: type.id, attributeId: attribute.id });
      for (const entry of entries) {
        if (entry.typeId !== type.id || listValues(entry.values[attribute.id]).length === 0) continue;
        broken.push({
          entryId: entry.id,
          entryName: entry.name,
          externalId: entry.externalId,
          attributeId: attribute.id,
          reason: `${attribute.name} refers to entries of the removed type`,
        });
      }
    }
  }
  return { attributes, entries: broken };
}

type Conversion = { ok: true; values: AttributeScalar[] } | { ok: false; reason: string };

/** Rewrites one attribute's stored values for its new definition, or says why they no longer fit. */
function convertStored(before: CatalogAttribute, after: CatalogAttribute | undefined, stored: readonly AttributeScalar[]): Conversion {
  if (!after)
    return {
      ok: false,
      reason: `attribute ${JSON.stringify(before.name)} is removed; its ${stored.length === 1 ? 'value' : 'values'} would be lost`,
    };
  if (before.isList && !after.isList && stored.length > 1)
    return { ok: false, reason: `${after.name} would hold one value but holds ${stored.length}` };
  if (before.kind === after.kind) {
    if (before.kind === 'entry' && before.targetTypeId !== after.targetTypeId) {
      return { ok: false, reason: `${after.name} would refer to another type; its references would not resolve` };
    }
    return { ok: true, values: [...stored] };
  }
  const values: AttributeScalar[] = [];
  for (const value of stored) {
    const converted = convertScalar(before, after, value);
    if (converted === null) {
      return {
        ok: false,
        reason: `${after.name} changes from ${before.kind} to ${after.kind} and ${JSON.stringify(value)} is not a valid ${after.kind}`,
      };
    }
    values.push(converted);
  }
  return { ok: true, values };
}

function convertScalar(before: CatalogAttribute, after: CatalogAttribute, value: AttributeScalar): AttributeScalar | null {
  // Stored ids mean nothing as another kind, and other kinds hold no ids.
  if (isReference(before) || isReference(after)) return null;
  switch (after.kind) {
    case 'text':
      return String(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'bool':
      return typeof value === 'boolean' ? value : null;
    case 'url':
      return typeof value === 'string' ? toHttpUrl(value) : null;
    case 'email_domain': {
      // Vetted like new input: a kind change must not slip gmail.com into an allowlist without an override.
      if (typeof value !== 'string') return null;
      const entry = canonicaliseDomain(value);
      return entry.ok && vetAllowlistDomain(entry).ok ? formatAllowlistDomain(entry) : null;
    }
    default:
      return null;
  }
}

function isReference(attribute: CatalogAttribute): boolean {
  return attribute.kind === 'entry' || attribute.kind === 'component';
}

function toHttpUrl(value: string): string | null {
  try {
    const url = new URL(value);
    const ok = (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
    return ok ? url.href : null;
  } catch {
    return null;
  }
}
