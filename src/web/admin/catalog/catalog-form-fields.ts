import type { FieldIssue } from '../../../domain/errors.js';
import type { FormFields } from '../../customer/form-body.js';

/** Longest text kept from one field: the whole form is at most 16 KiB anyway (FORM_LIMIT). */
const MAX_FIELD = 16 * 1024;

/** A single text field of a posted form ('' when absent, repeated or a file). */
export const textField = (fields: FormFields | null, name: string): string => {
  const value = fields?.[name];
  return typeof value === 'string' ? value.slice(0, MAX_FIELD) : '';
};

/** Every text value of a field that may repeat (ticked checkboxes). */
export const textFields = (fields: FormFields | null, name: string): string[] => {
  const value = fields?.[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((item): item is string => typeof item === 'string');
};

/** The non-empty lines of a textarea, trimmed: a list as staff type it, one item a line. */
export const linesOf = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/**
 * Field issues as messages per form field: `fieldOf` names the field an issue path belongs to
 * (`values.domains[1]` → `values.domains`); several issues on one field are joined.
 */
export function issuesByField(issues: readonly FieldIssue[], fieldOf: (path: string) => string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    errors[field] = errors[field] === undefined ? issue.message : `${errors[field]} ${issue.message}`;
  }
  return errors;
}
