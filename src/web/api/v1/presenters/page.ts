import type { Page, PageItem } from '../../../../domain/pages/page.js';
import type { PageBody } from '../pages/pages-schema.js';
import { logoPath } from '../../../views/brand-assets.js';

const presentPageItem = (item: PageItem): PageBody['items'][number] =>
  item.kind === 'component'
    ? { type: 'component', component_id: item.componentId, show_uptime: item.showUptime }
    : { type: 'group', group_id: item.groupId, show_uptime: item.showUptime };

export const presentPage = (page: Page): PageBody => ({
  id: page.id,
  slug: page.slug,
  name: page.name,
  description: page.description,
  time_zone: page.timeZone,
  is_default: page.isDefault,
  kind: page.kind,
  items: page.items.map(presentPageItem),
  support_url: page.branding.supportUrl,
  brand_color: page.branding.brandColor,
  uptime_display: page.branding.uptimeDisplay,
  logo_url: page.branding.logo === null ? null : logoPath(page.branding.logo),
  created_at: page.createdAt.toISOString(),
  updated_at: page.updatedAt.toISOString(),
});
