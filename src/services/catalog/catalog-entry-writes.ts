import type { AuditEvent } from '../../domain/access/audit-event.js';
import { describeSource } from '../../domain/catalog/catalog-entry-diff.js';
import { newId } from '../../domain/id.js';
import { insertAuditEvents } from '../../store/access/audit-log.js';
import {
  type CatalogEntryRecord,
  deleteCatalogEntryRows,
  insertCatalogEntry,
  updateCatalogEntryRow,
} from '../../store/catalog/catalog-entries.js';
import type { Tx } from '../../store/transaction.js';
import type { PreparedEntry } from './catalog-entry-batch.js';
import { endSessionsLosingAccess } from './catalog-access-changes.js';
import { ensureCustomerPageRows } from '../pages/customer-pages.js';

export interface AuditContext {
  /** Who asked: `api-key:<id>`, `cli`, `system`. */
  actor: string;
  now: Date;
  /** How the change came about, kept in the audit details: `api`, `sync:<key>`, `schema_change`. */
  via: string;
  /** Why staff accepted refused domains, kept with each `catalog_entry.domain_override` (DOM-8). */
  overrideNote?: string;
}

/**
 * Writes prepared entries and deletions in the caller's transaction, deletions first (so their
 * external ids and slugs are free), and records every change in the audit log: the fields changed
 * with before and after (allowlist domains included, LOG-1) and each unsafe domain accepted under
 * an override (DOM-8). Sessions the change took access from end in the same transaction (SES-4).
 * Unchanged entries are not written.
 */
export async function applyEntryWrites(
  tx: Tx,
  prepared: readonly PreparedEntry[],
  deleted: readonly CatalogEntryRecord[],
  audit: AuditContext,
): Promise<void> {
  const events: AuditEvent[] = [];
  const event = (action: string, entry: CatalogEntryRecord, details: Record<string, unknown>): AuditEvent => ({
    id: newId(),
    at: audit.now,
    actor: audit.actor,
    action,
    subjectType: 'catalog_entry',
    subjectId: entry.id,
    pageId: null,
    details: { type_id: entry.typeId, external_id: entry.externalId, name: entry.name, via: audit.via, ...details },
  });

  // First, while deleted entries' customer pages still exist: access a change took away ends now.
  await endSessionsLosingAccess(tx, prepared, deleted, audit);
  if (deleted.length > 0) {
    await deleteCatalogEntryRows(
      tx,
      deleted.map((entry) => entry.id),
    );
    for (const entry of deleted) {
      events.push(
        event('catalog_entry.deleted', entry, { source: describeSource(entry.source), aliases: entry.aliases, values: entry.values }),
      );
    }
  }
  for (const item of prepared) {
    if (item.before === null) {
      await insertCatalogEntry(tx, item.after);
      events.push(event('catalog_entry.created', item.after, { changes: item.changes }));
    } else if (item.changes.length > 0) {
      await updateCatalogEntryRow(tx, item.after);
      events.push(event('catalog_entry.updated', item.after, { changes: item.changes }));
    }
    for (const override of item.overrides) {
      events.push(
        event('catalog_entry.domain_override', item.after, {
          attribute_id: override.attributeId,
          domain: override.domain,
          reason: override.reason,
          message: override.message,
          ...(audit.overrideNote === undefined ? {} : { note: audit.overrideNote }),
        }),
      );
    }
  }
  // A new entry of a customer page set's type is a new customer page at once (with its own URL).
  if (prepared.some((item) => item.before === null)) await ensureCustomerPageRows(tx, audit.now);
  await insertAuditEvents(tx, events);
}
