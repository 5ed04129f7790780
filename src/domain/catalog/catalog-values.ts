import type { AttributeScalar, AttributeValue, CatalogAttribute, CatalogType } from './catalog.js';
import type { OverridableRefusal } from '../access/domain-vetting.js';
import { judgeAllowlistDomain, overridableRefusalOf } from '../access/domain-verdict.js';
import { BeaconError, type FieldIssue } from '../errors.js';

/** Several candidates match a reference equally well: it is refused rather than guessed. */
export const AMBIGUOUS_REFERENCE = Symbol('ambiguous reference');

/** The id a reference resolves to, `AMBIGUOUS_REFERENCE`, or null when nothing matches. */
type ResolvedReference = string | typeof AMBIGUOUS_REFERENCE | null;

/** Looks references up by id, external id, name or alias. */
export interface ReferenceResolver {
  entry(typeId: string, ref: string): ResolvedReference;
  component(ref: string): ResolvedReference;
}

/** An unsafe allowlist domain accepted because staff overrode the refusal: the service audits each one (DOM-8). */
export interface DomainOverride {
  attributeId: string;
  /** The stored form, e.g. `gmail.com` or `*.github.io`. */
  domain: string;
  reason: OverridableRefusal;
  message: string;
}

export interface ValidateEntryValuesOptions {
  /** Accept public-suffix, webmail and disposable domains, reporting each in `overrides`. */
  allowUnsafeDomains: boolean;
  /** Prefix of every issue path; `values` by default, e.g. `entries[3].values` in a bulk request. */
  pathPrefix?: string;
}

export interface ValidatedValues {
  values: Record<string, AttributeValue>;
  overrides: DomainOverride[];
}

const MAX_TEXT_LENGTH = 10_000;
const MAX_URL_LENGTH = 2_048;

type Checked = { ok: true; value: AttributeScalar; override?: Omit<DomainOverride, 'attributeId'> } | { ok: false; message: string };

/**
 * Validates raw attribute values (keyed by attribute id or name) against a type's schema and
 * returns them keyed by attribute id, in stored form. A list attribute also takes a single value;
 * `null` leaves an attribute empty. Throws `BeaconError('validation')` naming every bad field,
 * e.g. `values.allowlist[1]: gmail.com is a webmail domain…`.
 */
export function validateEntryValues(
  type: CatalogType,
  rawValues: Readonly<Record<string, unknown>>,
  resolve: ReferenceResolver,
  options: ValidateEntryValuesOptions,
): ValidatedValues {
  const prefix = options.pathPrefix ?? 'values';
  const issues: FieldIssue[] = [];
  const values: Record<string, AttributeValue> = {};
  const overrides: DomainOverride[] = [];
  const byId = new Map(type.attributes.map((a) => [a.id, a]));
  const byName = new Map(type.attributes.map((a) => [a.name, a]));
  const seen = new Map<string, string>();

  if (typeof rawValues !== 'object' || rawValues === null || Array.isArray(rawValues)) {
    throw new BeaconError('validation', `${prefix}: expected an object of attribute values`, [
      { path: prefix, message: 'expected an object of attribute values' },
    ]);
  }

  for (const [key, raw] of Object.entries(rawValues)) {
    const path = `${prefix}.${key}`;
    const attribute = byId.get(key) ?? byName.get(key);
    if (!attribute) {
      issues.push({ path, message: `${type.name} has no attribute ${JSON.stringify(key)}` });
      continue;
    }
    const earlier = seen.get(attribute.id);
    if (earlier !== undefined) {
      issues.push({ path, message: `attribute ${JSON.stringify(attribute.name)} is already given as ${JSON.stringify(earlier)}` });
      continue;
    }
    seen.set(attribute.id, key);
    if (raw === null || raw === undefined) continue;

    if (!attribute.isList && Array.isArray(raw)) {
      issues.push({ path, message: `${attribute.name} holds one value, not a list` });
      continue;
    }
    const items: unknown[] = Array.isArray(raw) ? raw : [raw];
    const stored: AttributeScalar[] = [];
    const firstIndex = new Map<AttributeScalar, number>();
    items.forEach((item, index) => {
      const itemPath = attribute.isList ? `${path}[${index}]` : path;
      const checked = checkValue(attribute, item, resolve, options.allowUnsafeDomains);
      if (!checked.ok) {
        issues.push({ path: itemPath, message: checked.message });
        return;
      }
      const duplicateOf = firstIndex.get(checked.value);
      if (duplicateOf !== undefined && isIdentityKind(attribute)) {
        issues.push({ path: itemPath, message: `repeats ${path}[${duplicateOf}]` });
        return;
      }
      firstIndex.set(checked.value, index);
      stored.push(checked.value);
      if (checked.override) overrides.push({ attributeId: attribute.id, ...checked.override });
    });
    const [single] = stored;
    if (attribute.isList) values[attribute.id] = stored;
    else if (single !== undefined) values[attribute.id] = single;
  }

  if (issues.length > 0) {
    throw new BeaconError('validation', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  }
  return { values, overrides };
}

function isIdentityKind(attribute: CatalogAttribute): boolean {
  return attribute.kind === 'email_domain' || attribute.kind === 'entry' || attribute.kind === 'component';
}

function checkValue(attribute: CatalogAttribute, raw: unknown, resolve: ReferenceResolver, allowUnsafe: boolean): Checked {
  switch (attribute.kind) {
    case 'text':
      if (typeof raw !== 'string') return fail(`expected text, got ${describeValue(raw)}`);
      if (raw.length > MAX_TEXT_LENGTH) return fail(`is longer than ${MAX_TEXT_LENGTH} characters`);
      return { ok: true, value: raw };
    case 'number':
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return fail(`expected a finite number, got ${describeValue(raw)}`);
      return { ok: true, value: raw };
    case 'bool':
      if (typeof raw !== 'boolean') return fail(`expected true or false, got ${describeValue(raw)}`);
      return { ok: true, value: raw };
    case 'url':
      return checkUrl(raw);
    case 'email_domain':
      return checkEmailDomain(raw, allowUnsafe);
    case 'entry': {
      if (typeof raw !== 'string' || raw.trim() === '')
        return fail(`expected an entry's id, external id, name or alias, got ${describeValue(raw)}`);
      if (!attribute.targetTypeId) return fail(`${attribute.name} has no target type`);
      const id = resolve.entry(attribute.targetTypeId, raw);
      if (id === AMBIGUOUS_REFERENCE) return fail(`several entries match ${JSON.stringify(raw)}; give the entry's id or external id`);
      return id === null ? fail(`no entry of type ${attribute.targetTypeId} matches ${JSON.stringify(raw)}`) : { ok: true, value: id };
    }
    case 'component': {
      if (typeof raw !== 'string' || raw.trim() === '') return fail(`expected a component's id or name, got ${describeValue(raw)}`);
      const id = resolve.component(raw);
      if (id === AMBIGUOUS_REFERENCE) return fail(`several components are named ${JSON.stringify(raw)}; give the component's id`);
      return id === null ? fail(`no component matches ${JSON.stringify(raw)}`) : { ok: true, value: id };
    }
  }
}

function checkUrl(raw: unknown): Checked {
  if (typeof raw !== 'string') return fail(`expected a URL, got ${describeValue(raw)}`);
  if (raw.length > MAX_URL_LENGTH) return fail(`is longer than ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(`${JSON.stringify(raw)} is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail(`must be an http or https URL, not ${url.protocol}`);
  if (url.username !== '' || url.password !== '') return fail('must not contain a user name or password');
  return { ok: true, value: url.href };
}

function checkEmailDomain(raw: unknown, allowUnsafe: boolean): Checked {
  if (typeof raw !== 'string') return fail(`expected a domain such as example.com, got ${describeValue(raw)}`);
  const verdict = judgeAllowlistDomain(raw);
  if (verdict.ok) return { ok: true, value: verdict.ascii };
  const refusal = overridableRefusalOf(verdict);
  if (!allowUnsafe || refusal === null) return fail(verdict.message);
  return { ok: true, value: refusal.ascii, override: { domain: refusal.ascii, reason: refusal.reason, message: refusal.message } };
}

function fail(message: string): Checked {
  return { ok: false, message };
}

function describeValue(raw: unknown): string {
  if (raw === null) return 'null';
  if (Array.isArray(raw)) return 'a list';
  if (typeof raw === 'string') return JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);
  if (typeof raw === 'object') return 'an object';
  return String(raw);
}
