import { toAllowlist } from '../../domain/access/allowlist.js';
import type { PageKindsIndex } from '../../domain/pages/page-kinds-index.js';
import type { AuditEvent } from '../../domain/access/audit-event.js';
import { type CanonicalEmail, canonicaliseEmail } from '../../domain/access/email-address.js';
import { type AllowlistDomain, formatAllowlistDomain } from '../../domain/access/email-domain.js';
import { invalid } from '../../domain/errors.js';
import { type AccessExplanation, explainAccess } from '../../domain/pages/customer-page-access.js';
import { type AuditQuery, findLatestEventAt, listAuditEvents } from '../../store/access/audit-log.js';
import { countLiveSessions, listCustomerPageRows } from '../../store/pages/customer-page-listing.js';
import type { ServiceContext } from '../context.js';
import { writeUnannounced } from '../live-state/unannounced-write.js';
import { SIGN_IN_ACTIONS, appendAudit } from '../sign-in/sign-in-audit.js';
import { customerPagePath } from './customer-page-path.js';
import { absoluteUrl } from './customer-pages.js';

/** What the staff dashboard's customer page screens read and record. */

/** Why no one can sign in to a page: its allowlist attribute holds nothing, or only values that are refused as domains. */
export type SignInBlocker = 'empty_allowlist' | 'refused_allowlist';

interface CustomerPageRowListing {
  id: string;
  name: string;
  setName: string;
  url: string;
  /** Unexpired viewer sessions now. */
  viewers: number;
  /** The last `session.created` of the page, if any (revoked or expired sessions included). */
  lastSignInAt: Date | null;
  allowlist: AllowlistDomain[];
  /** Set when no address can sign in: the page answers 404 until its entry gets a usable domain. */
  blocker: SignInBlocker | null;
}

export interface CustomerPageList {
  items: CustomerPageRowListing[];
  total: number;
  /** 1-based, clamped to the pages there are. */
  page: number;
  pageCount: number;
}

/** The audit action of a staff preview (STF-8: the preview itself is audited, never as a viewer sign-in). */
export const AUDIT_PAGE_PREVIEWED = 'customer_page.previewed';

const MAX_SEARCH = 100;

/**
 * A page of the customer pages by customer name, searched and paged in the store, with each one's
 * signed-in viewers, last sign-in and whether anyone can sign in at all.
 *
 * @example await listCustomerPagesForStaff(ctx, { search: 'acme', page: 1, pageSize: 50, publicUrl })
 */
export async function listCustomerPagesForStaff(
  ctx: Pick<ServiceContext, 'database' | 'clock'>,
  query: { search: string; page: number; pageSize: number; publicUrl: string },
): Promise<CustomerPageList> {
  const db = ctx.database.db;
  const search = query.search.trim().slice(0, MAX_SEARCH);
  const wanted = Math.max(1, Math.trunc(query.page) || 1);
  const first = await listCustomerPageRows(db, { search, limit: query.pageSize, offset: (wanted - 1) * query.pageSize });
  const pageCount = Math.max(1, Math.ceil(first.total / query.pageSize));
  // Past the end (a stale link): the last page instead of an empty one.
  const page = Math.min(wanted, pageCount);
  const { rows, total } =
    page === wanted ? first : await listCustomerPageRows(db, { search, limit: query.pageSize, offset: (page - 1) * query.pageSize });
  const ids = rows.map((row) => row.id);
  const [viewers, lastSignIns] = await Promise.all([
    countLiveSessions(db, ids, ctx.clock()),
    findLatestEventAt(db, ids, SIGN_IN_ACTIONS.sessionCreated),
  ]);
  const items = rows.map((row): CustomerPageRowListing => {
    const values = (
      Array.isArray(row.allowlistValue) ? row.allowlistValue : row.allowlistValue === undefined ? [] : [row.allowlistValue]
    ).filter((value): value is string => typeof value === 'string');
    const allowlist = toAllowlist(values);
    return {
      id: row.id,
      name: row.name,
      setName: row.setName,
      url: absoluteUrl(query.publicUrl, customerPagePath(row.urlToken)),
      viewers: viewers.get(row.id) ?? 0,
      lastSignInAt: lastSignIns.get(row.id) ?? null,
      allowlist,
      blocker: allowlist.length > 0 ? null : values.length === 0 ? 'empty_allowlist' : 'refused_allowlist',
    };
  });
  return { items, total, page, pageCount };
}

/** The address typed into a staff form, canonical (DOM-1), or a validation error on `field`. */
function parseStaffAddress(raw: string, field = 'email'): CanonicalEmail {
  const result = canonicaliseEmail(raw);
  if (!result.ok) throw invalid(field, result.reason);
  return result.address;
}

/**
 * "Who can access" over the current snapshot: which customer pages `rawEmail` may sign in to, by which
 * allowlist entry, and which nearly admit it and why not. A malformed address is a validation error on `email`.
 */
export function explainWhoCanAccess(kinds: PageKindsIndex, rawEmail: string): { email: CanonicalEmail } & AccessExplanation {
  const email = parseStaffAddress(rawEmail);
  return { email, ...explainAccess(kinds, email) };
}

/** An allowlist entry as staff read it: ASCII, with the Unicode form beside it when they differ (DOM-10). */
export function describeAllowlistDomain(entry: AllowlistDomain): string {
  const ascii = formatAllowlistDomain(entry, 'ascii');
  const unicode = formatAllowlistDomain(entry, 'unicode');
  return ascii === unicode ? ascii : `${unicode} (${ascii})`;
}

/**
 * STF-8: records that `actor` previewed a customer page as its customers see it. Not a sign-in: no
 * session, no `session.created`; and no revision bump (no snapshot holds the audit log).
 */
export async function recordCustomerPagePreview(
  ctx: Pick<ServiceContext, 'database' | 'clock'>,
  customerPageId: string,
  actor: string,
): Promise<void> {
  await writeUnannounced(ctx, (tx) =>
    appendAudit(tx, ctx.clock(), [
      { actor, action: AUDIT_PAGE_PREVIEWED, subjectType: 'customer_page', subjectId: customerPageId, pageId: customerPageId, details: {} },
    ]),
  );
}

export interface AuditPageQuery {
  pageId?: string;
  address?: string;
  action?: string;
  /** Only the events of customer pages (what a non-admin may read); else the whole log. */
  pageEventsOnly: boolean;
  /** The last event of the previous page: the next page starts after it. */
  after?: { at: Date; id: string };
  limit: number;
}

/** One page of the audit log, newest first, filtered in the store; `hasMore` says whether another follows. */
export async function listAuditPage(
  ctx: Pick<ServiceContext, 'database'>,
  query: AuditPageQuery,
): Promise<{ events: AuditEvent[]; hasMore: boolean }> {
  const filter: AuditQuery = {
    ...(query.pageId ? { pageId: query.pageId } : {}),
    ...(query.address ? { address: parseStaffAddress(query.address, 'address').address } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.after ? { after: query.after } : {}),
    pageEventsOnly: query.pageEventsOnly,
    limit: query.limit + 1,
  };
  const events = await listAuditEvents(ctx.database.db, filter);
  return { events: events.slice(0, query.limit), hasMore: events.length > query.limit };
}
