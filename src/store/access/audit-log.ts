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
});

const toEvent = (row: AuditRow): AuditEvent => ({
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
  /** Only events strictly before this instant (for paging back). */
  before?: Date;
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
  if (query.before !== undefined) select = select.where('at', '<', toDbTime(query.before));
  const rows = await select
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit ?? 100)
    .execute();
  return rows.map(toEvent);
}
