/** What an attribute holds. `entry` refers to an entry of `targetTypeId` (possibly the same type); `component` to a component. */
export const ATTRIBUTE_KINDS = ['text', 'number', 'bool', 'url', 'email_domain', 'entry', 'component'] as const;
export type AttributeKind = (typeof ATTRIBUTE_KINDS)[number];

/** One field of a catalog type's schema. `id` is stable: renaming the attribute changes `name` only. */
export interface CatalogAttribute {
  id: string;
  name: string;
  kind: AttributeKind;
  isList: boolean;
  /** Required for `entry` attributes, absent otherwise. */
  targetTypeId?: string;
}

/** A kind of thing the company keeps records of (Customer, Region), with an ordered schema. */
export interface CatalogType {
  id: string;
  name: string;
  description: string | null;
  attributes: CatalogAttribute[];
}

/**
 * A stored value: text, a finite number, a boolean, a normalised http(s) URL (`href`), an allowlist
 * entry in ASCII (`*.xn--bcher-kva.example`), or the id of the referenced entry or component.
 */
export type AttributeScalar = string | number | boolean;
/** A list attribute holds an array (possibly empty); a single one holds a scalar. */
export type AttributeValue = AttributeScalar | AttributeScalar[];

/** Who made an entry: sync only ever changes or deletes entries carrying its own `syncKey`. */
export type CatalogEntrySource = { kind: 'manual' } | { kind: 'sync'; syncKey: string };

export interface CatalogEntry {
  id: string;
  typeId: string;
  name: string;
  /** Unique within the type: the key syncs use. */
  externalId: string;
  aliases: string[];
  /** Ordering among the type's entries, lowest first. */
  rank: number;
  /** Keyed by attribute id; an attribute with no value is absent. */
  values: Record<string, AttributeValue>;
  slug?: string;
  source?: CatalogEntrySource;
}

/** The values of an attribute as a list, whether it is single or a list (absent → `[]`). */
export function listValues(value: AttributeValue | undefined): AttributeScalar[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
