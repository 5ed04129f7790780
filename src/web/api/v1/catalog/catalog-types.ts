import type { OpenAPIHono } from '@hono/zod-openapi';
import { apiKeyActor } from '../../../../domain/access/audit-event.js';
import type { CatalogAttributeInput } from '../../../../services/catalog/catalog-attributes.js';
import {
  createCatalogType,
  deleteCatalogType,
  getCatalogType,
  listCatalogTypes,
  updateCatalogType,
} from '../../../../services/catalog/catalog-types.js';
import {
  type CatalogAttributeInputBody,
  createCatalogTypeRoute,
  deleteCatalogTypeRoute,
  getCatalogTypeRoute,
  listCatalogTypesRoute,
  updateCatalogTypeRoute,
} from './catalog-types-schema.js';
import type { ApiEnv } from '../openapi-app.js';
import { presentCatalogType } from '../presenters/catalog-type.js';

const toAttributeInput = (attribute: CatalogAttributeInputBody): CatalogAttributeInput => ({
  id: attribute.id,
  name: attribute.name,
  kind: attribute.kind,
  isList: attribute.is_list,
  targetType: attribute.target_type_id ?? undefined,
});

/** `/catalog/types`: the kinds of things the catalog holds, each with an ordered attribute schema. */
export function registerCatalogTypeRoutes(api: OpenAPIHono<ApiEnv>): void {
  api.openapi(createCatalogTypeRoute, async (c) => {
    const body = c.req.valid('json');
    const type = await createCatalogType(
      c.var.ctx,
      { name: body.name, description: body.description, attributes: body.attributes?.map(toAttributeInput) },
      { actor: apiKeyActor(c.get('apiKeyId')) },
    );
    return c.json(presentCatalogType(type), 201);
  });

  api.openapi(listCatalogTypesRoute, async (c) => {
    const types = await listCatalogTypes(c.var.ctx);
    return c.json({ data: types.map(presentCatalogType) }, 200);
  });

  api.openapi(getCatalogTypeRoute, async (c) => {
    const type = await getCatalogType(c.var.ctx, c.req.valid('param').id);
    return c.json(presentCatalogType(type), 200);
  });

  api.openapi(updateCatalogTypeRoute, async (c) => {
    const body = c.req.valid('json');
    const type = await updateCatalogType(
      c.var.ctx,
      c.req.valid('param').id,
      { name: body.name, description: body.description, attributes: body.attributes?.map(toAttributeInput) },
      { actor: apiKeyActor(c.get('apiKeyId')), force: body.force ?? false },
    );
    return c.json(presentCatalogType(type), 200);
  });

  api.openapi(deleteCatalogTypeRoute, async (c) => {
    const force = c.req.valid('query').force === 'true';
    await deleteCatalogType(c.var.ctx, c.req.valid('param').id, { actor: apiKeyActor(c.get('apiKeyId')), force });
    return c.body(null, 204);
  });
}
