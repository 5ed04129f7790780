import { BeaconError, type FieldIssue, invalid } from '../../domain/errors.js';
import { SLUG_MAX_LENGTH, slugify, validateSlug } from '../../domain/pages/slug.js';
import { NAME_MAX_LENGTH, checkText } from '../text-fields.js';

/** Caps on an entry's own fields (its attribute values have theirs in domain/catalog/catalog-values.ts). */
const EXTERNAL_ID_MAX_LENGTH = 200;
const MAX_ALIASES = 50;
const RANK_LIMIT = 1_000_000_000;

/** `at.field` (or `at: field` with that separator), or `field` at the top level. */
export const pathAt = (at: string, field: string, separator = '.'): string => (at === '' ? field : `${at}${separator}${field}`);

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Trimmed single-line text; the caller decides the cap. */
function checkLine(path: string, value: unknown, maxLength: number): string {
  if (typeof value !== 'string') throw invalid(path, 'expected text');
  const text = checkText(path, value, maxLength);
  if (CONTROL.test(text)) throw invalid(path, 'must not contain control characters');
  return text;
}

export const checkEntryName = (path: string, value: unknown): string => checkLine(path, value, NAME_MAX_LENGTH);

export const checkExternalId = (path: string, value: unknown): string => checkLine(path, value, EXTERNAL_ID_MAX_LENGTH);

/** Aliases: trimmed, unique regardless of case (they are matched that way). */
export function checkAliases(path: string, value: unknown): string[] {
  if (!Array.isArray(value)) throw invalid(path, 'expected a list of names');
  if (value.length > MAX_ALIASES) throw invalid(path, `at most ${MAX_ALIASES} aliases`);
  const issues: FieldIssue[] = [];
  const aliases: string[] = [];
  const seen = new Map<string, number>();
  value.forEach((item: unknown, index) => {
    const itemPath = `${path}[${index}]`;
    try {
      const alias = checkLine(itemPath, item, NAME_MAX_LENGTH);
      const earlier = seen.get(alias.toLowerCase());
      if (earlier !== undefined) throw invalid(itemPath, `repeats ${path}[${earlier}]`);
      seen.set(alias.toLowerCase(), index);
      aliases.push(alias);
    } catch (error) {
      if (!(error instanceof BeaconError)) throw error;
      issues.push(...error.issues);
    }
  });
  if (issues.length > 0) throw new BeaconError('validation', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  return aliases;
}

export function checkRank(path: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > RANK_LIMIT) {
    throw invalid(path, `expected a whole number between -${RANK_LIMIT} and ${RANK_LIMIT}`);
  }
  return value;
}

export function checkEntrySlug(path: string, value: unknown): string {
  if (typeof value !== 'string') throw invalid(path, 'expected text');
  validateSlug(value, path);
  return value;
}

/**
 * The first of `base`, `base-2`, `base-3`… that `isTaken` refuses, kept within the slug length.
 *
 * @example firstFreeSlug('acme', (s) => s === 'acme') // 'acme-2'
 */
export function firstFreeSlug(base: string, isTaken: (candidate: string) => boolean): string {
  for (let n = 1; ; n += 1) {
    const suffix = n === 1 ? '' : `-${n}`;
    const candidate = `${base.slice(0, SLUG_MAX_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!isTaken(candidate)) return candidate;
  }
}

/** A slug suggested from an entry's name; always a valid slug. */
export const suggestEntrySlug = (name: string): string => slugify(name);
