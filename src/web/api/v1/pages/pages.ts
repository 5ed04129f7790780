import type { OpenAPIHono } from '@hono/zod-openapi';
import { apiKeyActor } from '../../../../domain/access/audit-event.js';
import type { PageItem } from '../../../../domain/pages/page.js';
import { createPage, deletePage, getPage, listPages, setPageStructure, updatePage } from '../../../../services/pages/pages.js';
import { removePageLogo, setPageLogo } from '../../../../services/pages/page-logos.js';
import type { ApiEnv } from '../openapi-app.js';
import {
  type PageItemInput,
  createPageRoute,
  deletePageRoute,
  getPageRoute,
  listPagesRoute,
  getSubscriptionSettingsRoute,
  removePageLogoRoute,
  setPageLogoRoute,
  setSubscriptionSettingsRoute,
  setPageStructureRoute,
  updatePageRoute,
} from './pages-schema.js';
import { presentPage } from '../presenters/page.js';
import { getMailDetail, setMailDetail } from '../../../../services/subscriptions/mail-detail.js';

const toPageItem = (item: PageItemInput): PageItem =>
  item.type === 'component'
    ? { kind: 'component', componentId: item.component_id, showUptime: item.show_uptime }
    : { kind: 'group', groupId: item.group_id, showUptime: item.show_uptime };

/** `/pages`: what viewers read, and the structure of components and groups each shows. */
export function registerPageRoutes(api: OpenAPIHono<ApiEnv>): void {
  api.openapi(createPageRoute, async (c) => {
    const body = c.req.valid('json');
    const page = await createPage(c.var.ctx, {
      slug: body.slug,
      name: body.name,
      description: body.description,
      timeZone: body.time_zone,
      isDefault: body.is_default,
      items: body.items?.map(toPageItem),
      supportUrl: body.support_url,
      brandColor: body.brand_color,
      uptimeDisplay: body.uptime_display,
    });
    return c.json(presentPage(page), 201);
  });

  api.openapi(listPagesRoute, async (c) => {
    const pages = await listPages(c.var.ctx);
    return c.json({ data: pages.map(presentPage) }, 200);
  });

  api.openapi(getPageRoute, async (c) => {
    const page = await getPage(c.var.ctx, c.req.valid('param').id);
    return c.json(presentPage(page), 200);
  });

  api.openapi(updatePageRoute, async (c) => {
    const body = c.req.valid('json');
    const page = await updatePage(c.var.ctx, c.req.valid('param').id, {
      slug: body.slug,
      name: body.name,
      description: body.description,
      timeZone: body.time_zone,
      isDefault: body.is_default,
      items: body.items?.map(toPageItem),
      supportUrl: body.support_url,
      brandColor: body.brand_color,
      uptimeDisplay: body.uptime_display,
    });
    return c.json(presentPage(page), 200);
  });

  api.openapi(setPageStructureRoute, async (c) => {
    const page = await setPageStructure(c.var.ctx, c.req.valid('param').id, c.req.valid('json').items.map(toPageItem));
    return c.json(presentPage(page), 200);
  });

  api.openapi(setPageLogoRoute, async (c) => {
    const bytes = Buffer.from(c.req.valid('json').image_base64, 'base64');
    const page = await setPageLogo(c.var.ctx, c.req.valid('param').id, bytes);
    return c.json(presentPage(page), 200);
  });

  api.openapi(removePageLogoRoute, async (c) => {
    const page = await removePageLogo(c.var.ctx, c.req.valid('param').id);
    return c.json(presentPage(page), 200);
  });

  api.openapi(getSubscriptionSettingsRoute, async (c) => {
    const setting = await getMailDetail(c.var.ctx, c.req.valid('param').id);
    return c.json({ mail_detail: setting.mailDetail }, 200);
  });

  api.openapi(setSubscriptionSettingsRoute, async (c) => {
    const setting = await setMailDetail(c.var.ctx, c.req.valid('param').id, c.req.valid('json').mail_detail);
    return c.json({ mail_detail: setting.mailDetail }, 200);
  });

  api.openapi(deletePageRoute, async (c) => {
    await deletePage(c.var.ctx, c.req.valid('param').id, apiKeyActor(c.get('apiKeyId')));
    return c.body(null, 204);
  });
}
