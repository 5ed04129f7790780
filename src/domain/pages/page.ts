import type { PageBranding } from './page-branding.js';

/** One entry of a page's structure: a single component or a group, each optionally with an uptime bar. */
export type PageItem =
  { kind: 'component'; componentId: string; showUptime: boolean } | { kind: 'group'; groupId: string; showUptime: boolean };

/**
 * `standalone`: staff pick its structure. `parent`: one sub-page per entry of a catalog type.
 * `customer_set`: one authenticated customer page per entry of a catalog type (never served itself).
 */
export const PAGE_KINDS = ['standalone', 'parent', 'customer_set'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

/**
 * What a generated page kind is made from: a catalog type and the attributes of its entries that
 * hold each entry's components (and, for customer pages, the allowlist). Ids, so renames break nothing.
 */
export type PageBinding =
  | { kind: 'parent'; catalogTypeId: string; componentAttributeId: string }
  | { kind: 'customer_set'; catalogTypeId: string; allowlistAttributeId: string; componentAttributeId: string };

export interface Page {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  /** IANA zone, e.g. `Europe/Berlin`: the days of uptime history and times shown without scripts. */
  timeZone: string;
  isDefault: boolean;
  kind: PageKind;
  items: PageItem[];
  /** Support link, logo, colour and uptime display; sub-pages and customer pages carry their parent's or set's. */
  branding: PageBranding;
  /** Present on `parent` and `customer_set` pages only. */
  binding?: PageBinding;
  /** Present on a sub-page only (built, never stored): its parent and siblings, for navigation. */
  family?: PageFamily;
  createdAt: Date;
  updatedAt: Date;
}

/** Where a sub-page sits: its parent, and its siblings (by their slugs as pages). */
export interface PageFamily {
  parent: { id: string; name: string; slug: string };
  /** The enabled sub-pages of the parent, this one included, in display order; empty when too many to list. */
  siblings: { name: string; slug: string }[];
}
