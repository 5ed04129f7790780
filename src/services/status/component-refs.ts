import { BeaconError, type FieldIssue } from '../../domain/errors.js';
import { findMissingComponentIds } from '../../store/status/components.js';
import type { Queryable } from '../../store/transaction.js';

/**
 * Checks a list of component references as the API names them: each must be unique and name an
 * existing component. Every offending entry is reported, e.g. `components[2].component_id`.
 *
 * @example await checkComponentRefs(tx, ids, (i) => `components[${i}].component_id`)
 */
export async function checkComponentRefs(db: Queryable, ids: readonly string[], pathOf: (index: number) => string): Promise<void> {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (seen.has(id)) issues.push({ path: pathOf(index), message: `component ${JSON.stringify(id)} is listed more than once` });
    seen.add(id);
  });
  const missing = await findMissingComponentIds(db, ids.filter(isPlausibleId));
  ids.forEach((id, index) => {
    if (missing.has(id) || !isPlausibleId(id))
      issues.push({ path: pathOf(index), message: `component ${JSON.stringify(id)} does not exist` });
  });
  if (issues.length > 0) {
    issues.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
    throw new BeaconError('validation', issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '), issues);
  }
}

/** Ids are short printable strings; anything else cannot name a row, and must not reach a query. */
export const isPlausibleId = (id: string): boolean => id.length > 0 && id.length <= 128 && !/[\u0000-\u001f\u007f]/.test(id);

/** Code-unit order: how the store sorts ids, so lists built here match lists read back. */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
