import type { AttributeKind } from '../../domain/catalog/catalog.js';
import { invalid } from '../../domain/errors.js';
import { type CatalogTypeRecord, findCatalogType } from '../../store/catalog/catalog-types.js';
import type { Queryable } from '../../store/transaction.js';
import { isPlausibleId } from '../status/component-refs.js';

/** The catalog type a page is to be bound to; unknown → a validation error on `path`. */
export async function requireBindableType(db: Queryable, typeId: string, path: string): Promise<CatalogTypeRecord> {
  const type = isPlausibleId(typeId) ? await findCatalogType(db, typeId) : null;
  if (!type) throw invalid(path, `unknown catalog type ${JSON.stringify(typeId)}`);
  return type;
}

/**
 * Checks that `type` has the attribute `attributeId` and that it holds `kind` values, e.g. the
 * `email_domain` attribute of a customer page set's allowlist. Refusals name the field at `path`.
 */
export function checkBindingAttribute(type: CatalogTypeRecord, attributeId: string, kind: AttributeKind, path: string): void {
  const attribute = type.attributes.find((candidate) => candidate.id === attributeId);
  if (!attribute) throw invalid(path, `catalog type ${JSON.stringify(type.name)} has no attribute ${JSON.stringify(attributeId)}`);
  if (attribute.kind !== kind) {
    throw invalid(path, `attribute ${JSON.stringify(attribute.name)} holds ${attribute.kind} values; expected a ${kind} attribute`);
  }
}
