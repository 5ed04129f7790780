import type { Selectable } from 'kysely';
import type { AuditEvent } from '../../domain/access/audit-event.js';
import { fromDbTime, toDbTime } from '../codec.js';
import type { Tables } from '../tables.js';
import type { Queryable, Tx } from '../transaction.js';

type AuditRow = Selectable<Tables['audit_log']>;

const toRow = (event: AuditEvent): AuditRow => ({
  id: event.id,
  at: toDbTime(event.at),
  actor: event.actor,
  action: event.action,
  subject_type: event.subjectType,
  subject_id: event.subjectId,
  page_id: event.pageId,
  details: JSON.stringify(event.details),
  address: addressOf(event),
});

/**
 * The address an event is about, kept in its own indexed column (migration 0010) so the log can be
 * filtered by it in the store: an `email` subject (a link asked for), else `details.email` (links,
 * sessions, staff). Lower-case, as the filter compares.
 */
function addressOf(event: AuditEvent): string | null {
  if (event.subjectType === 'email') return event.subjectId.toLowerCase();
  const { email } = event.details;
  return typeof email === 'string' ? email.toLowerCase() : null;
}

const toEvent = (row: Omit<AuditRow, 'address'>): AuditEvent => ({
  id: row.id,
  at: fromDbTime(row.at),
  actor: row.actor,
  action: row.action,
  subjectType: row.subject_type,
  subjectId: row.subject_id,
  pageId: row.page_id,
  details: parseDetails(row.details),
});

function parseDetails(text: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('audit_log.details is not a JSON object');
  return parsed as Record<string, unknown>;
}

/**
 * Appends events in the caller's transaction, so an audited change and its record commit together.
 * The log is append-only (LOG-1): this module has no update or delete.
 */
export async function insertAuditEvents(tx: Tx, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  // Chunked: SQLite caps the number of bound parameters per statement.
  for (let start = 0; start < events.length; start += 100) {
    await tx
      .insertInto('audit_log')
      .values(events.slice(start, start + 100).map(toRow))
      .execute();
  }
}

export interface AuditQuery {
  subjectType?: string;
  subjectId?: string;
  pageId?: string;
  action?: string;
  actor?: string;
  /** Only events about this address (any case). */
  address?: string;
  /** Only events about one page (sign-in, sessions, rotations): what non-admins may read of the log. */
  pageEventsOnly?: boolean;
  /** Only events strictly before this instant (for paging back). */
  before?: Date;
  /** Only events strictly after this one in the log's order (newest first): keyset paging that never skips events of one instant. */
  after?: { at: Date; id: string };
  /** At most this many, 100 by default. */
  limit?: number;
}

/** Matching events, newest first (events of one instant, e.g. one transaction, in no particular order). */
export async function listAuditEvents(db: Queryable, query: AuditQuery = {}): Promise<AuditEvent[]> {
  let select = db.selectFrom('audit_log').selectAll();
  if (query.subjectType !== undefined) select = select.where('subject_type', '=', query.subjectType);
  if (query.subjectId !== undefined) select = select.where('subject_id', '=', query.subjectId);
  if (query.pageId !== undefined) select = select.where('page_id', '=', query.pageId);
  if (query.action !== undefined) select = select.where('action', '=', query.action);
  if (query.actor !== undefined) select = select.where('actor', '=', query.actor);
  if (query.address !== undefined) select = select.where('address', '=', query.address.toLowerCase());
  if (query.pageEventsOnly) select = select.where('page_id', 'is not', null);
  if (query.before !== undefined) select = select.where('at', '<', toDbTime(query.before));
  const { after } = query;
  if (after !== undefined) {
    const at = toDbTime(after.at);
    select = select.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '<', after.id)])]));
  }
  const rows = await select
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit ?? 100)
    .execute();
  return rows.map(toEvent);
}

/** Per page of `ids`: when its newest `action` event happened (e.g. a customer page's last sign-in). Pages with none are absent. */
export async function findLatestEventAt(db: Queryable, ids: readonly string[], action: string): Promise<Map<string, Date>> {
  const last = new Map<string, Date>();
  if (ids.length === 0) return last;
  const rows = await db
    .selectFrom('audit_log')
    .select(['page_id', (eb) => eb.fn.max('at').as('at')])
    .where('page_id', 'in', ids)
    .where('action', '=', action)
    .groupBy('page_id')
    .execute();
  for (const row of rows) if (row.page_id !== null && row.at !== null) last.set(row.page_id, fromDbTime(row.at));
  return last;
}
