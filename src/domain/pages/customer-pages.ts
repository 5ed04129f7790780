import { isAllowlisted, toAllowlist } from '../access/allowlist.js';
import { type CatalogEntry, listValues } from '../catalog/catalog.js';
import type { Group } from '../status/component.js';
import { type DerivedPage, structureComponentIds, withGroups } from './derived-page.js';
import type { CanonicalEmail } from '../access/email-address.js';
import type { AllowlistDomain } from '../access/email-domain.js';
import type { Page, PageBinding } from './page.js';
import { type PageKindsIndex, memoize } from './page-kinds-index.js';
import type { CustomerPageRef, Snapshot } from '../snapshot.js';
import { entryComponentIds } from './sub-pages.js';

type CustomerSetBinding = Extract<PageBinding, { kind: 'customer_set' }>;

/** A customer page row with its set and entry, as staff see it (whether or not it serves anything). */
export interface CustomerPageState {
  customerPage: CustomerPageRef;
  set: Page;
  entry: CatalogEntry;
  allowlist: AllowlistDomain[];
  /** The entry has no usable allowlisted domain: the page serves nothing (404) until it gets one. */
  noOneCanSignIn: boolean;
}

export interface ResolvedCustomerPage extends DerivedPage {
  customerPage: CustomerPageRef;
  set: Page;
  entry: CatalogEntry;
  allowlist: AllowlistDomain[];
}

/** The sign-in services' `CustomerPageAccess` (services/pages/customer-page-directory.ts) but for its path: the token it is built from. */
export interface CustomerPageAccessInfo {
  id: string;
  name: string;
  urlToken: string;
  allowlist: readonly AllowlistDomain[];
}

/** One customer page an address may sign in to, and why. */
export interface AccessGrant {
  customerPageId: string;
  /** The customer page's title: its entry's name. */
  pageName: string;
  setId: string;
  setName: string;
  entry: CatalogEntry;
  urlToken: string;
  /** The allowlist entry that admits the address. */
  matchedDomain: AllowlistDomain;
}

/** The binding of a customer page set, or null for any other page. */
function customerSetBindingOf(page: Page): CustomerSetBinding | null {
  return page.kind === 'customer_set' && page.binding?.kind === 'customer_set' ? page.binding : null;
}

/** The allowlist an entry's `email_domain` attribute holds; stored values that no longer canonicalise admit no one. */
export function entryAllowlist(entry: CatalogEntry, attributeId: string): AllowlistDomain[] {
  return toAllowlist(listValues(entry.values[attributeId]).filter((value): value is string => typeof value === 'string'));
}

/** The state of a customer page row, or null when its set or entry is gone (or no longer matches). */
export function customerPageState(snapshot: Snapshot, customerPage: CustomerPageRef): CustomerPageState | null {
  const set = snapshot.pages.get(customerPage.pageId);
  const binding = set ? customerSetBindingOf(set) : null;
  const entry = snapshot.catalogEntries.get(customerPage.entryId);
  if (!set || !binding || !entry || entry.typeId !== binding.catalogTypeId) return null;
  const allowlist = entryAllowlist(entry, binding.allowlistAttributeId);
  return { customerPage, set, entry, allowlist, noOneCanSignIn: allowlist.length === 0 };
}

/**
 * Every customer page with its set and entry, sets by name then entries in display order. Built once
 * per snapshot index and shared (never mutate it): "who can access", the publish review and the
 * page directory each walk every customer page, a thousand of them at size.
 */
export function listCustomerPageStates(kinds: PageKindsIndex): readonly CustomerPageState[] {
  return memoize(kinds, 'customer-page-states', () => {
    const { snapshot } = kinds;
    const states: CustomerPageState[] = [];
    for (const ref of snapshot.customerPages.values()) {
      const state = customerPageState(snapshot, ref);
      if (state) states.push(state);
    }
    const order = new Map<string, number>();
    for (const entries of kinds.entriesByType.values()) entries.forEach((entry, position) => order.set(entry.id, position));
    return states.sort(
      (a, b) =>
        compareText(a.set.name, b.set.name) ||
        compareText(a.set.id, b.set.id) ||
        (order.get(a.entry.id) ?? 0) - (order.get(b.entry.id) ?? 0),
    );
  });
}

/**
 * The customer page of `urlToken`, or null when the token is unknown (or rotated away), its set or
 * entry is gone, or the entry allowlists no domain: all answer the same 404. The page is the set's
 * shared structure followed by a group of the customer's own components; it goes by `slug`, which
 * the caller builds from the token (`customerPageSlug`, services/pages/customer-page-path.ts), as
 * the domain knows no URLs.
 *
 * @example const found = resolveCustomerPage(snapshots.pageKinds(snapshot), token, customerPageSlug(token)); if (found && isAllowlisted(email, found.allowlist)) render(found.snapshot, found.page)
 */
export function resolveCustomerPage(kinds: PageKindsIndex, urlToken: string, slug: string): ResolvedCustomerPage | null {
  const { snapshot } = kinds;
  const ref = snapshot.customerPages.get(urlToken);
  if (!ref) return null;
  return memoize(kinds, `customer-page:${ref.id}:${slug}`, () => {
    const state = customerPageState(snapshot, ref);
    if (!state || state.noOneCanSignIn) return null;
    return {
      ...buildCustomerPage(snapshot, state, slug),
      customerPage: ref,
      set: state.set,
      entry: state.entry,
      allowlist: state.allowlist,
    };
  });
}

function buildCustomerPage(snapshot: Snapshot, state: CustomerPageState, slug: string): DerivedPage {
  const { set, entry, customerPage } = state;
  const binding = customerSetBindingOf(set)!;
  const shared = structureComponentIds(snapshot, set.items);
  const sharedSet = new Set(shared);
  // The customer's components already in the shared structure stay where staff put them.
  const own = entryComponentIds(snapshot, entry, binding.componentAttributeId).filter((id) => !sharedSet.has(id));
  const items = [...set.items];
  const groups: Group[] = [];
  if (own.length > 0) {
    const group: Group = {
      id: `customer-${customerPage.id}`,
      name: entry.name,
      description: null,
      componentIds: own,
      dedicated: true,
      createdAt: set.createdAt,
      updatedAt: set.updatedAt,
    };
    groups.push(group);
    items.push({ kind: 'group', groupId: group.id, showUptime: true });
  }
  const page: Page = {
    id: customerPage.id,
    slug,
    name: entry.name,
    description: set.description,
    timeZone: set.timeZone,
    isDefault: false,
    kind: 'standalone',
    items,
    // The set's look: every customer page of a set is branded alike.
    branding: set.branding,
    createdAt: set.createdAt,
    updatedAt: set.updatedAt,
  };
  return { page, snapshot: withGroups(snapshot, groups), componentIds: [...shared, ...own] };
}

/**
 * What the sign-in services need of one customer page (its title, token and current allowlist), or
 * null when the page serves nothing (as `resolveCustomerPage`). Read afresh from each snapshot, so an
 * allowlist change counts on the next request.
 */
export function customerPageAccessFor(kinds: PageKindsIndex, customerPageId: string): CustomerPageAccessInfo | null {
  const ref = kinds.customerPagesById.get(customerPageId);
  const state = ref ? customerPageState(kinds.snapshot, ref) : null;
  if (!state || state.noOneCanSignIn) return null;
  return { id: state.customerPage.id, name: state.entry.name, urlToken: state.customerPage.urlToken, allowlist: state.allowlist };
}

/**
 * "Who can access": every customer page `email` may sign in to, with the entry and the allowlist
 * entry that admit it (an exact entry is named over a wildcard one). Pages that serve nothing are left out.
 */
export function whoCanAccess(kinds: PageKindsIndex, email: CanonicalEmail): AccessGrant[] {
  const grants: AccessGrant[] = [];
  for (const state of listCustomerPageStates(kinds)) {
    const matchedDomain = isAllowlisted(email, state.allowlist);
    if (!matchedDomain) continue;
    grants.push({
      customerPageId: state.customerPage.id,
      pageName: state.entry.name,
      setId: state.set.id,
      setName: state.set.name,
      entry: state.entry,
      urlToken: state.customerPage.urlToken,
      matchedDomain,
    });
  }
  return grants;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
