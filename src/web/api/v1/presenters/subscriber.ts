import type { QuarantinedAddress, SubscriberRecord } from '../../../../store/subscriptions/subscriber-admin.js';
import type { ImportReport } from '../../../../services/subscriptions/subscriber-csv.js';
import type { SubscriberBody } from '../subscribers/subscribers-schema.js';

const iso = (at: Date | null): string | null => (at === null ? null : at.toISOString());

export const presentSubscriber = (record: SubscriberRecord): SubscriberBody => ({
  id: record.id,
  scope: record.scope,
  email: record.email,
  components: record.componentIds,
  state: record.state,
  consent_source: record.consentSource,
  consent_at: iso(record.consentAt),
  created_at: record.createdAt.toISOString(),
  confirmed_at: iso(record.confirmedAt),
  unsubscribed_at: iso(record.unsubscribedAt),
});

export const presentQuarantined = (entry: QuarantinedAddress) => ({
  email: entry.email,
  reason: entry.reason,
  quarantined_at: entry.quarantinedAt.toISOString(),
});

export const presentImportReport = (report: ImportReport) => ({
  rows: report.rows,
  created: report.created,
  confirmed: report.confirmed,
  unchanged: report.unchanged,
  skipped_unsubscribed: report.skippedUnsubscribed,
  skipped_not_confirmed: report.skippedNotConfirmed,
  duplicates: report.duplicates,
  errors: report.errors,
  error_count: report.errorCount,
  written: report.written,
});
