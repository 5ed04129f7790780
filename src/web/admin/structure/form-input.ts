import type { FormFields } from '../../customer/form-body.js';
import type { NameCursor } from '../../../store/status/structure-listing.js';

/** A form field as text: missing, a file or a repeated field is ''; over `max` characters is cut (the service then refuses nothing it should not). */
export const fieldText = (fields: FormFields | null, name: string, max = 4000): string => {
  const value = fields?.[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
};

/** Where a list's next page starts, as the URL carries it (`?after=`): base64url of the last row's name and id. */
const encodeCursor = (cursor: NameCursor): string => Buffer.from(JSON.stringify([cursor.name, cursor.id])).toString('base64url');

/** The cursor in `?after=`, or undefined for anything that is not one (a list starts at its first page). */
function decodeCursor(text: string | undefined): NameCursor | undefined {
  if (!text || text.length > 1000) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { name: value[0], id: value[1] };
    }
  } catch {
    // Not a cursor: the first page.
  }
  return undefined;
}

/** Rows per page of the dashboard's lists. */
const LIST_PAGE_SIZE = 50;

/** A list screen's query: `?q=` (the search), `?archived=1`, `?after=` (the page). */
export function listQueryOf(query: (name: string) => string | undefined) {
  const text = (query('q') ?? '').slice(0, 200);
  const archived = query('archived') === '1';
  const after = decodeCursor(query('after'));
  return { text, archived, ...(after ? { after } : {}), limit: LIST_PAGE_SIZE };
}

/** The address of the next page of a list, or null on the last page. */
export function nextPageHref(path: string, query: { text: string; archived: boolean }, next: NameCursor | null): string | null {
  if (next === null) return null;
  const params = new URLSearchParams();
  if (query.text) params.set('q', query.text);
  if (query.archived) params.set('archived', '1');
  params.set('after', encodeCursor(next));
  return `${path}?${params.toString()}`;
}
