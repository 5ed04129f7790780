import { type AttributeKind, type CatalogAttribute, type CatalogType } from '../../domain/catalog/catalog.js';

/** An attribute as staff write it: the id is optional (kept by name, or derived), the target type an id or a name. */
export interface CatalogAttributeInput {
  id?: string;
  name: string;
  kind: string;
  isList?: boolean;
  /** For `entry` attributes: the id or name of the type referred to (this type's own name works too). */
  targetType?: string;
}

/**
 * Builds a type's attribute list from input. An attribute without an id keeps the id of the
 * current attribute of the same name (so resending a schema without ids renames nothing), or gets
 * a new one derived from its name (`Email domains` → `email_domains`) that no attribute, current
 * or new, uses. Kinds and target types are passed through for `validateCatalogSchema` to judge.
 */
export function buildAttributes(
  inputs: readonly CatalogAttributeInput[],
  current: readonly CatalogAttribute[],
  resolveType: (ref: string) => string,
): CatalogAttribute[] {
  const taken = new Set([...current.map((a) => a.id), ...inputs.flatMap((a) => (a.id === undefined ? [] : [a.id]))]);
  return inputs.map((input) => {
    let id = input.id ?? current.find((a) => a.name.toLowerCase() === input.name.trim().toLowerCase())?.id;
    if (id === undefined || (input.id === undefined && inputs.some((other) => other !== input && other.id === id))) {
      id = firstFreeId(deriveAttributeId(input.name), taken);
      taken.add(id);
    }
    // An unknown kind passes through as written; validateCatalogSchema names it.
    const attribute: CatalogAttribute = { id, name: input.name.trim(), kind: input.kind as AttributeKind, isList: input.isList ?? false };
    if (input.targetType !== undefined) attribute.targetTypeId = resolveType(input.targetType);
    return attribute;
  });
}

/** `Email domains` → `email_domains`; always a valid attribute id. */
function deriveAttributeId(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 56);
  return base === '' ? 'attribute' : base;
}

function firstFreeId(base: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? base : `${base}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Resolves a target type written as an id or a name (regardless of case); the type being written
 * is found by its own (new) name too. An unknown reference is returned as is, for the schema
 * check to report.
 */
export function buildTypeResolver(types: readonly CatalogType[], self: { id: string; name: string }): (ref: string) => string {
  return (ref) => {
    if (ref === self.id || types.some((t) => t.id === ref)) return ref;
    const folded = ref.trim().toLowerCase();
    if (self.name.trim().toLowerCase() === folded) return self.id;
    return types.find((t) => t.id !== self.id && t.name.toLowerCase() === folded)?.id ?? ref;
  };
}
