import { type CustomerPageState, listCustomerPageStates, whoCanAccess } from '../../domain/pages/customer-pages.js';
import { type PageKindsIndex, buildPageKindsIndex } from '../../domain/pages/page-kinds-index.js';
import { canonicaliseEmail } from '../../domain/access/email-address.js';
import { formatAllowlistDomain } from '../../domain/access/email-domain.js';
import { invalid, notFound } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import { newUrlToken } from '../../domain/access/url-token.js';
import { insertAuditEvents } from '../../store/access/audit-log.js';
import {
  findCustomerPage,
  findEntriesWithoutCustomerPage,
  insertCustomerPages,
  updateCustomerPageToken,
} from '../../store/pages/customer-pages.js';
import { listCustomerSetBindings } from '../../store/pages/page-bindings.js';
import type { Tx } from '../../store/transaction.js';
import { isPlausibleId } from '../status/component-refs.js';
import { type ServiceContext, write } from '../context.js';
import { loadSnapshot } from '../live-state/snapshot-loader.js';
import { customerPagePath } from './customer-page-path.js';
import { endReadTokensOfPages } from '../sessions/read-tokens.js';

/** A customer page as staff see it, with its unlisted URL. */
export interface CustomerPageListing {
  id: string;
  /** The customer page set. */
  pageId: string;
  setName: string;
  entryId: string;
  /** The customer's name: the page's title. */
  name: string;
  /** `PUBLIC_URL/c/<token>`. */
  url: string;
  /** Allowlist entries as written (`*.example.com`), ASCII. */
  domains: string[];
  /** The entry has no allowlisted domain: the page serves nothing until it gets one. */
  noOneCanSignIn: boolean;
}

export interface AccessGrantListing {
  customerPageId: string;
  pageName: string;
  setName: string;
  entryId: string;
  entryName: string;
  url: string;
  /** The allowlist entry that admits the address, as written. */
  matchedDomain: string;
}

export const AUDIT_TOKEN_ROTATED = 'customer_page.token_rotated';

/** `publicUrl` + `path`, without a doubled slash. */
export const absoluteUrl = (publicUrl: string, path: string): string => `${publicUrl.replace(/\/+$/, '')}${path}`;

/**
 * Creates the missing customer page (with a fresh URL token) for every entry of every customer page
 * set's type, or of the set `pageId` only. Idempotent, and safe under concurrent callers: call it
 * in the same transaction as any write that adds catalog entries. Returns how many it created.
 *
 * @example await write(ctx, async (tx, changed) => {
__DECL__ await applyEntryWrites(tx, …); await ensureCustomerPageRows(tx, ctx.clock()); })
 */
export async function ensureCustomerPageRows(tx: Tx, now: Date, pageId?: string): Promise<number> {
  let created = 0;
  for (const set of await listCustomerSetBindings(tx)) {
    if (pageId !== undefined && set.pageId !== pageId) continue;
    const entryIds = await findEntriesWithoutCustomerPage(tx, set.pageId, set.binding.catalogTypeId);
    created += await insertCustomerPages(
      tx,
      entryIds.map((entryId) => ({ id: newId(), pageId: set.pageId, entryId, urlToken: newUrlToken(), createdAt: now, rotatedAt: null })),
    );
  }
  return created;
}

/**
 * Gives a customer page a new unlisted URL; the old one answers 404 from the next snapshot on (the
 * revision bump reloads it at once), and the page's read tokens end. Audited, without either token (the URL is for the page's readers only).
 */
export async function rotateCustomerPageToken(
  ctx: ServiceContext,
  customerPageId: string,
  actor: string,
  options: { publicUrl: string },
): Promise<CustomerPageListing> {
  await write(ctx, async (tx, changed) => {
    changed.catalog();
    const row = isPlausibleId(customerPageId) ? await findCustomerPage(tx, customerPageId) : null;
    if (!row) throw notFound('Customer page', customerPageId);
    const now = ctx.clock();
    await updateCustomerPageToken(tx, row.id, newUrlToken(), now);
    // Read tokens were handed out with the old URL: they end with it (docs/read-tokens.md).
    await endReadTokensOfPages(tx, { customerPageIds: [row.id], reason: 'url_rotated', actor, now });
    await insertAuditEvents(tx, [
      {
        id: newId(),
        at: now,
        actor,
        action: AUDIT_TOKEN_ROTATED,
        subjectType: 'customer_page',
        subjectId: row.id,
        pageId: row.id,
        details: { set_page_id: row.pageId, entry_id: row.entryId },
      },
    ]);
  });
  const listing = (await listCustomerPages(ctx, options)).find((page) => page.id === customerPageId);
  if (!listing) throw notFound('Customer page', customerPageId);
  return listing;
}

/** How the page reads below build URLs, and (when the caller holds it) the live state to read. */
export interface PageReadOptions {
  publicUrl: string;
  /** The server's live page kinds; without them the reads load the live state from the store once (the CLI). */
  kinds?: PageKindsIndex;
}

/** The live page kinds: the caller's, or one load from the store, which costs the whole live state and so is never per request on a server. */
export async function pageKindsFor(ctx: ServiceContext, options: PageReadOptions): Promise<PageKindsIndex> {
  return options.kinds ?? buildPageKindsIndex(await loadSnapshot(ctx.database, ctx.clock));
}

/** Every customer page with its URL and whether anyone can sign in, sets by name, customers in catalog order. */
export async function listCustomerPages(ctx: ServiceContext, options: PageReadOptions): Promise<CustomerPageListing[]> {
  const kinds = await pageKindsFor(ctx, options);
  return listCustomerPageStates(kinds).map((state) => presentState(state, options.publicUrl));
}

/**
 * "Who can access": the customer pages `email` may sign in to and why (the entry and its matching
 * domain). A malformed address is a validation error on `email`.
 */
export async function findWhoCanAccess(ctx: ServiceContext, email: string, options: PageReadOptions): Promise<AccessGrantListing[]> {
  const result = canonicaliseEmail(email);
  if (!result.ok) throw invalid('email', result.reason);
  const kinds = await pageKindsFor(ctx, options);
  return whoCanAccess(kinds, result.address).map((grant) => ({
    customerPageId: grant.customerPageId,
    pageName: grant.pageName,
    setName: grant.setName,
    entryId: grant.entry.id,
    entryName: grant.entry.name,
    url: absoluteUrl(options.publicUrl, customerPagePath(grant.urlToken)),
    matchedDomain: formatAllowlistDomain(grant.matchedDomain),
  }));
}

function presentState(state: CustomerPageState, publicUrl: string): CustomerPageListing {
  return {
    id: state.customerPage.id,
    pageId: state.set.id,
    setName: state.set.name,
    entryId: state.entry.id,
    name: state.entry.name,
    url: absoluteUrl(publicUrl, customerPagePath(state.customerPage.urlToken)),
    domains: state.allowlist.map((domain) => formatAllowlistDomain(domain)),
    noOneCanSignIn: state.noOneCanSignIn,
  };
}
