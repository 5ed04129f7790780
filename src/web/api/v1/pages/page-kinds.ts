import type { OpenAPIHono } from '@hono/zod-openapi';
import { apiKeyActor } from '../../../../domain/access/audit-event.js';
import type { PageItem } from '../../../../domain/pages/page.js';
import { findWhoCanAccess, listCustomerPages, rotateCustomerPageToken } from '../../../../services/pages/customer-pages.js';
import { bindParentPage, createCustomerPageSet, setSubPageDisabled, unbindParentPage } from '../../../../services/pages/page-kinds.js';
import type { AppDeps } from '../../../app-deps.js';
import type { ApiEnv } from '../openapi-app.js';
import {
  bindParentRoute,
  createCustomerPageSetRoute,
  listCustomerPagesRoute,
  rotateCustomerPageTokenRoute,
  setSubPageRoute,
  unbindParentRoute,
  whoCanAccessRoute,
} from './page-kinds-schema.js';
import type { PageItemInput } from './pages-schema.js';
import { presentAccessGrant, presentBoundPage, presentCustomerPage, presentSubPageSetting } from '../presenters/page-kinds.js';

const toPageItem = (item: PageItemInput): PageItem =>
  item.type === 'component'
    ? { kind: 'component', componentId: item.component_id, showUptime: item.show_uptime }
    : { kind: 'group', groupId: item.group_id, showUptime: item.show_uptime };

/** Pages generated from the catalog: parents with sub-pages, customer page sets, and the staff tools for customer pages. */
export function registerPageKindRoutes(api: OpenAPIHono<ApiEnv>, { config, snapshots }: AppDeps): void {
  const urls = { publicUrl: config.publicUrl };
  /** The reads use the server's live state, never a load of it per request. */
  const live = async () => ({ ...urls, kinds: snapshots.pageKinds(await snapshots.fresh()) });

  api.openapi(bindParentRoute, async (c) => {
    const body = c.req.valid('json');
    const page = await bindParentPage(c.var.ctx, c.req.valid('param').id, {
      catalogTypeId: body.catalog_type_id,
      componentAttributeId: body.component_attribute_id,
    });
    return c.json(presentBoundPage(page), 200);
  });

  api.openapi(unbindParentRoute, async (c) => {
    const page = await unbindParentPage(c.var.ctx, c.req.valid('param').id);
    return c.json(presentBoundPage(page), 200);
  });

  api.openapi(setSubPageRoute, async (c) => {
    const { id, entry_id } = c.req.valid('param');
    const setting = await setSubPageDisabled(c.var.ctx, id, entry_id, c.req.valid('json').disabled);
    return c.json(presentSubPageSetting(setting), 200);
  });

  api.openapi(createCustomerPageSetRoute, async (c) => {
    const body = c.req.valid('json');
    const page = await createCustomerPageSet(
      c.var.ctx,
      {
        slug: body.slug,
        name: body.name,
        description: body.description,
        timeZone: body.time_zone,
        items: body.items?.map(toPageItem),
        catalogTypeId: body.catalog_type_id,
        allowlistAttributeId: body.allowlist_attribute_id,
        componentAttributeId: body.component_attribute_id,
        newType: body.new_type && { name: body.new_type.name, description: body.new_type.description },
      },
      apiKeyActor(c.get('apiKeyId')),
    );
    return c.json(presentBoundPage(page), 201);
  });

  api.openapi(listCustomerPagesRoute, async (c) => {
    const pages = await listCustomerPages(c.var.ctx, await live());
    return c.json({ data: pages.map(presentCustomerPage) }, 200);
  });

  api.openapi(rotateCustomerPageTokenRoute, async (c) => {
    const page = await rotateCustomerPageToken(c.var.ctx, c.req.valid('param').id, apiKeyActor(c.get('apiKeyId')), urls);
    return c.json(presentCustomerPage(page), 200);
  });

  api.openapi(whoCanAccessRoute, async (c) => {
    const grants = await findWhoCanAccess(c.var.ctx, c.req.valid('query').email, await live());
    return c.json({ data: grants.map(presentAccessGrant) }, 200);
  });
}
