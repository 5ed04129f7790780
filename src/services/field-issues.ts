import { BeaconError, type FieldIssue } from '../domain/errors.js';

/**
 * Runs every check, gathering the validation issues they throw, so one response names every bad
 * field instead of only the first. Errors other than `validation` pass straight through.
 */
export function collectIssues(checks: ReadonlyArray<() => void>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const check of checks) {
    try {
      check();
    } catch (error) {
      if (error instanceof BeaconError && error.code === 'validation') issues.push(...error.issues);
      else throw error;
    }
  }
  return issues;
}

/** Throws one validation error listing `issues`, if there are any. */
export function throwIfIssues(issues: readonly FieldIssue[]): void {
  if (issues.length === 0) return;
  throw new BeaconError('validation', issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '), [...issues]);
}
