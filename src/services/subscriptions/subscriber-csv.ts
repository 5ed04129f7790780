import { canonicaliseEmail } from '../../domain/access/email-address.js';
import { csvLine, parseCsv, unguardCsvField } from '../../domain/csv.js';
import { BeaconError, type FieldIssue, invalid } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import { type SubscriptionTarget, subscriptionTarget } from '../../domain/notifications/subscription-target.js';
import type { PageKindsIndex } from '../../domain/pages/page-kinds-index.js';
import {
  type ConfirmedSubscriberInput,
  SUBSCRIBER_STATES,
  type SubscriberCursor,
  type SubscriberRecord,
  listSubscribers,
  upsertConfirmedSubscribers,
} from '../../store/subscriptions/subscriber-admin.js';
import { type ServiceContext, write } from '../context.js';
import { SUBSCRIBER_ACTIONS, type SubscriberAdminActor, allowlistRefusal, auditSubscriberChange } from './subscriber-admin.js';

/** The largest CSV an import reads: some 20,000 rows; larger lists are split into several files. */
export const SUBSCRIBER_IMPORT_MAX_BYTES = 1024 * 1024;
/** What staff may write about where the consent came from (it is stored after `import:<staff id>:`). */
const CONSENT_TEXT_MAX = 200;
/** Row errors kept in an import's report; the rest are counted. */
const REPORTED_ERRORS = 100;
/** Rows read per query while exporting: the export holds one page at a time, never the whole list. */
const EXPORT_PAGE = 500;

/** The columns of an export, in order; an import reads `email`, `consent_source` and, when there, `scope`, `components`, `state`, `consent_at`. */
const EXPORT_COLUMNS = [
  'email',
  'scope',
  'page',
  'components',
  'state',
  'consent_source',
  'consent_at',
  'created_at',
  'confirmed_at',
  'unsubscribed_at',
] as const;

const REQUIRED_COLUMNS = ['email', 'consent_source'] as const;

export interface ImportOptions {
  /** The CSV text (RFC 4180, a header row first). */
  text: string;
  /** The scope of rows without a `scope` column or with it empty. */
  scope?: string;
  /** Import the good rows of a file with bad ones (reported); without it, a file with any bad row imports nothing. */
  skipInvalid: boolean;
  /** Check everything and report, write nothing. */
  dryRun: boolean;
}

export interface RowError {
  line: number;
  message: string;
}

export interface ImportReport {
  /** Data rows read (the header excluded). */
  rows: number;
  created: number;
  /** Pending addresses now confirmed with the file's consent. */
  confirmed: number;
  /** Already confirmed: left as they were (an import run twice changes nothing). */
  unchanged: number;
  /** Addresses that unsubscribed: left unsubscribed, never subscribed again by an import. */
  skippedUnsubscribed: number;
  /** Rows whose `state` column is not `confirmed` (an export's pending or unsubscribed rows): not imported. */
  skippedNotConfirmed: number;
  /** Rows repeating an earlier row's scope and address. */
  duplicates: number;
  /** The first bad rows, by line; `errorCount` counts them all. */
  errors: RowError[];
  errorCount: number;
  /** Whether anything was written (false for a dry run and for a refused file). */
  written: boolean;
}

/**
 * Reads a CSV of subscribers and stores the good rows as confirmed, each with its consent source
 * (`import:<staff id>:<the row's consent_source>`), idempotent on (scope, address). Every row is
 * checked first (address, scope, SUB-4 allowlist, components, consent); a file with any bad row
 * imports nothing (422 listing them by line) unless `skipInvalid`. One transaction, one audit event
 * with the counts (STF-7).
 */
export async function importSubscribers(
  ctx: ServiceContext,
  kinds: PageKindsIndex,
  options: ImportOptions,
  who: SubscriberAdminActor,
): Promise<ImportReport> {
  if (Buffer.byteLength(options.text, 'utf8') > SUBSCRIBER_IMPORT_MAX_BYTES) {
    throw new BeaconError('payload_too_large', `The CSV is larger than ${SUBSCRIBER_IMPORT_MAX_BYTES} bytes; split it into several files.`);
  }
  const parsed = parseCsv(options.text);
  if (!parsed.ok)
    throw new BeaconError('validation', `The CSV is malformed on line ${parsed.line}: ${parsed.reason}`, [
      { path: `line ${parsed.line}`, message: parsed.reason },
    ]);
  const [header, ...records] = parsed.records;
  if (header === undefined)
    throw invalid('csv', 'the file is empty: it needs a header row (email,consent_source,…) and one row per address');
  const columns = new Map(header.fields.map((name, index) => [name.trim().toLowerCase(), index]));
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.has(name));
  if (missing.length > 0) throw invalid('csv', `the header row lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  if (!columns.has('scope') && options.scope === undefined)
    throw invalid('scope', 'the file has no scope column: say which page it is for');
  const defaultTarget = options.scope === undefined ? null : subscriptionTarget(kinds, options.scope);
  if (options.scope !== undefined && defaultTarget === null)
    throw invalid('scope', `no page has the scope ${JSON.stringify(options.scope)}`);

  const now = ctx.clock();
  const report: ImportReport = {
    rows: records.length,
    created: 0,
    confirmed: 0,
    unchanged: 0,
    skippedUnsubscribed: 0,
    skippedNotConfirmed: 0,
    duplicates: 0,
    errors: [],
    errorCount: 0,
    written: false,
  };
  const fail = (line: number, message: string) => {
    report.errorCount++;
    if (report.errors.length < REPORTED_ERRORS) report.errors.push({ line, message });
  };
  const cell = (fields: readonly string[], name: string): string => {
    const index = columns.get(name);
    return index === undefined ? '' : unguardCsvField((fields[index] ?? '').trim());
  };
  // The scopes a file names are few; each is looked up once.
  const targets = new Map<string, SubscriptionTarget | null>();
  const seen = new Set<string>();
  const good: ConfirmedSubscriberInput[] = [];

  for (const { line, fields } of records) {
    const scope = cell(fields, 'scope') || options.scope || '';
    if (!targets.has(scope)) targets.set(scope, subscriptionTarget(kinds, scope));
    const target = targets.get(scope) ?? null;
    if (target === null) {
      fail(
        line,
        scope === ''
          ? 'no scope: fill the scope column or say which page the file is for'
          : `no page has the scope ${JSON.stringify(scope)}`,
      );
      continue;
    }
    const email = canonicaliseEmail(cell(fields, 'email'));
    if (!email.ok) {
      fail(line, email.reason);
      continue;
    }
    const refusal = allowlistRefusal(target, email.address);
    if (refusal !== null) {
      fail(line, refusal);
      continue;
    }
    const consent = cell(fields, 'consent_source');
    if (consent === '') {
      fail(line, 'consent_source is empty: say where this person agreed to be subscribed (e.g. "signup form 2024")');
      continue;
    }
    if (consent.length > CONSENT_TEXT_MAX || /[\u0000-\u001f\u007f]/.test(consent)) {
      fail(line, `consent_source must be one line of at most ${CONSENT_TEXT_MAX} characters`);
      continue;
    }
    const state = cell(fields, 'state');
    if (state !== '' && !(SUBSCRIBER_STATES as readonly string[]).includes(state)) {
      fail(line, `state must be confirmed (or pending, unsubscribed: those rows are skipped), not ${JSON.stringify(state.slice(0, 40))}`);
      continue;
    }
    const consentAtText = cell(fields, 'consent_at');
    const consentAt = consentAtText === '' ? now : new Date(consentAtText);
    if (Number.isNaN(consentAt.getTime()) || consentAt.getTime() > now.getTime() || consentAt.getUTCFullYear() < 1970) {
      fail(line, `consent_at must be an ISO 8601 time in the past, not ${JSON.stringify(consentAtText.slice(0, 40))}`);
      continue;
    }
    const componentIds = cell(fields, 'components')
      .split(/[\s;]+/)
      .filter(Boolean);
    const unknown = componentIds.find((id) => !kinds.snapshot.components.has(id));
    if (unknown !== undefined) {
      fail(line, `no component has the id ${JSON.stringify(unknown.slice(0, 40))}`);
      continue;
    }
    if (state !== '' && state !== 'confirmed') {
      report.skippedNotConfirmed++;
      continue;
    }
    const key = `${scope} ${email.address.address}`;
    if (seen.has(key)) {
      report.duplicates++;
      continue;
    }
    seen.add(key);
    good.push({
      id: newId(),
      scope,
      email: email.address.address,
      domain: email.address.domain,
      componentIds: componentIds.length === 0 ? null : [...new Set(componentIds)],
      consentSource: `import:${who.staffId}:${consent}`,
      consentAt,
    });
  }

  if (report.errorCount > 0 && !options.skipInvalid) {
    if (options.dryRun) return report;
    throw new BeaconError(
      'unprocessable',
      `${report.errorCount} of ${report.rows} rows cannot be imported, so nothing was: fix them, or import the others on purpose (skip invalid rows).`,
      report.errors.map((error): FieldIssue => ({ path: `line ${error.line}`, message: error.message })),
    );
  }
  if (options.dryRun || good.length === 0) return report;

  await write(ctx, async (tx) => {
    const outcomes = await upsertConfirmedSubscribers(tx, good, now);
    for (const outcome of outcomes) {
      if (outcome === 'created') report.created++;
      else if (outcome === 'confirmed') report.confirmed++;
      else if (outcome === 'unchanged') report.unchanged++;
      else report.skippedUnsubscribed++;
    }
    report.written = true;
    await auditSubscriberChange(tx, now, who, {
      action: SUBSCRIBER_ACTIONS.imported,
      subjectType: 'subscriber',
      subjectId: options.scope ?? '',
      details: {
        scopes: [...targets.keys()].slice(0, 20),
        rows: report.rows,
        created: report.created,
        confirmed: report.confirmed,
        unchanged: report.unchanged,
        skippedUnsubscribed: report.skippedUnsubscribed,
        skippedNotConfirmed: report.skippedNotConfirmed,
        errors: report.errorCount,
      },
    });
    return report;
  });
  return report;
}

/**
 * The subscribers of `scope` (every scope when absent) as CSV, in chunks: the header, then one chunk
 * per page of `EXPORT_PAGE` rows read by keyset, so memory holds one page whatever the list's size.
 * Cells a spreadsheet would run as formulas are guarded (`csvLine`).
 */
export async function* exportSubscribers(ctx: ServiceContext, kinds: PageKindsIndex, query: { scope?: string }): AsyncGenerator<string> {
  yield csvLine(EXPORT_COLUMNS);
  let after: SubscriberCursor | undefined;
  for (;;) {
    const page = await listSubscribers(ctx.database.db, {
      ...(query.scope !== undefined ? { scope: query.scope } : {}),
      ...(after ? { after } : {}),
      limit: EXPORT_PAGE,
    });
    if (page.length === 0) return;
    yield page.map((record) => csvLine(exportRow(kinds, record))).join('');
    if (page.length < EXPORT_PAGE) return;
    const last = page[page.length - 1]!;
    after = { scope: last.scope, email: last.email };
  }
}

const iso = (at: Date | null): string => (at === null ? '' : at.toISOString());

function exportRow(kinds: PageKindsIndex, record: SubscriberRecord): string[] {
  return [
    record.email,
    record.scope,
    subscriptionTarget(kinds, record.scope)?.title ?? '',
    (record.componentIds ?? []).join(' '),
    record.state,
    record.consentSource,
    iso(record.consentAt),
    iso(record.createdAt),
    iso(record.confirmedAt),
    iso(record.unsubscribedAt),
  ];
}
