import type { FieldIssue } from '../../../domain/errors.js';
import type { CatalogAttributeInput } from '../../../services/catalog/catalog-attributes.js';
import type { CatalogTypeRecord } from '../../../services/catalog/catalog-types.js';
import type { FormFields } from '../../customer/form-body.js';
import { issuesByField, textField } from './catalog-form-fields.js';

/** A type holds at most this many attributes (as the API), plus the form's one blank row for a new one. */
const MAX_ROWS = 101;

export interface SchemaRow {
  /** '' for a new attribute (its id is derived from its name). */
  id: string;
  name: string;
  kind: string;
  list: boolean;
  /** For `entry` attributes: the id of the type referred to. */
  target: string;
  remove: boolean;
}

/** The schema form as sent (or as the type reads, with one blank row to add an attribute). */
export interface SchemaForm {
  name: string;
  description: string;
  rows: SchemaRow[];
  /** Apply a change that invalidates entries (their values converted or dropped). */
  force: boolean;
  /** `name`, `description`, `a.<row>.<name|kind|target>`, `form` → message. */
  errors: Record<string, string>;
  /** Entries and pages the change would break, one line each (422 and 409). */
  breakage: string[];
}

const blankRow = (): SchemaRow => ({ id: '', name: '', kind: 'text', list: false, target: '', remove: false });

export function schemaFormOf(type: CatalogTypeRecord): SchemaForm {
  return {
    name: type.name,
    description: type.description ?? '',
    rows: [
      ...type.attributes.map((a) => ({
        id: a.id,
        name: a.name,
        kind: a.kind,
        list: a.isList,
        target: a.targetTypeId ?? '',
        remove: false,
      })),
      blankRow(),
    ],
    force: false,
    errors: {},
    breakage: [],
  };
}

export function readSchemaForm(fields: FormFields | null): SchemaForm {
  const count = Math.min(Math.max(Number.parseInt(textField(fields, 'count'), 10) || 0, 0), MAX_ROWS);
  const rows: SchemaRow[] = [];
  for (let i = 0; i < count; i += 1) {
    const at = (name: string) => textField(fields, `a.${i}.${name}`);
    rows.push({
      id: at('id'),
      name: at('name'),
      kind: at('kind'),
      list: at('list') === 'list',
      target: at('target'),
      remove: at('remove') === '1',
    });
  }
  return {
    name: textField(fields, 'name'),
    description: textField(fields, 'description'),
    rows,
    force: textField(fields, 'force') === '1',
    errors: {},
    breakage: [],
  };
}

/** The attributes the form asks for, in order (removed and blank new rows left out), and which row each came from. */
export function toAttributeInputs(form: SchemaForm): { attributes: CatalogAttributeInput[]; rowOf: number[] } {
  const attributes: CatalogAttributeInput[] = [];
  const rowOf: number[] = [];
  form.rows.forEach((row, index) => {
    if (row.remove || (row.id === '' && row.name.trim() === '')) return;
    attributes.push({
      ...(row.id === '' ? {} : { id: row.id }),
      name: row.name,
      kind: row.kind,
      isList: row.list,
      ...(row.kind === 'entry' && row.target !== '' ? { targetType: row.target } : {}),
    });
    rowOf.push(index);
  });
  return { attributes, rowOf };
}

/** Field errors of a refused schema change, on the rows they concern. */
export function schemaErrors(issues: readonly FieldIssue[], rowOf: readonly number[]): Record<string, string> {
  return issuesByField(issues, (path) => {
    const attribute = /^attributes\[(\d+)\]\.(\w+)/.exec(path);
    if (attribute) {
      const row = rowOf[Number(attribute[1])] ?? 0;
      const field = attribute[2] === 'kind' ? 'kind' : attribute[2] === 'targetTypeId' ? 'target' : 'name';
      return `a.${row}.${field}`;
    }
    return path === 'name' || path === 'description' ? path : 'form';
  });
}
