import type { CatalogAttribute } from '../../../../domain/catalog/catalog.js';
import type { CatalogTypeRecord } from '../../../../services/catalog/catalog-types.js';
import type { CatalogTypeBody } from '../catalog/catalog-types-schema.js';

const presentAttribute = (attribute: CatalogAttribute): CatalogTypeBody['attributes'][number] => ({
  id: attribute.id,
  name: attribute.name,
  kind: attribute.kind,
  is_list: attribute.isList,
  target_type_id: attribute.targetTypeId ?? null,
});

export const presentCatalogType = (type: CatalogTypeRecord): CatalogTypeBody => ({
  id: type.id,
  name: type.name,
  description: type.description,
  attributes: type.attributes.map(presentAttribute),
  created_at: type.createdAt.toISOString(),
  updated_at: type.updatedAt.toISOString(),
});
