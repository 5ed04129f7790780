import { type ExpressionBuilder, sql } from 'kysely';
import type { Tables } from '../tables.js';

/** Where a page of a list by name starts: after this row (the last one of the page before). */
export interface NameCursor {
  name: string;
  id: string;
}

/** One page of a list by name, and where the next one starts (null on the last page). */
export interface NamePage<T> {
  items: T[];
  next: NameCursor | null;
}

/** Which rows a dashboard list shows: in use or archived, optionally those whose name contains `text`. */
export interface NameQuery {
  text?: string;
  archived: boolean;
  after?: NameCursor;
  limit: number;
}

type Named = 'components' | 'component_groups';

/** `%text%` for LIKE, its own wildcards and the escape character taken literally, lower-cased as the column is. */
const containsPattern = (text: string): string => `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/**
 * The conditions of one page of `table` by name (keyset: `(name, id)` after the cursor, which both
 * engines compare as they sort), so that a page costs the same at row 10 and row 10,000.
 */
export function nameQueryWhere<Table extends Named>(query: NameQuery) {
  return (eb: ExpressionBuilder<Tables, Table>) => {
    const table = eb as unknown as ExpressionBuilder<Tables, Named>;
    const conditions = [query.archived ? table('archived_at', 'is not', null) : table('archived_at', 'is', null)];
    const text = query.text?.trim();
    if (text) conditions.push(table(sql`lower(${sql.ref('name')})`, 'like', sql<string>`${containsPattern(text)} escape '\\'`));
    if (query.after) conditions.push(table(table.refTuple('name', 'id'), '>', table.tuple(query.after.name, query.after.id)));
    return table.and(conditions);
  };
}

/** The page of `rows` (read with one more than `limit`) and the cursor after its last row. */
export function toNamePage<Row extends { name: string; id: string }, T>(
  rows: readonly Row[],
  limit: number,
  build: (row: Row) => T,
): NamePage<T> {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return { items: shown.map(build), next: rows.length > limit && last ? { name: last.name, id: last.id } : null };
}
