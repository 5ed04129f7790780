import type { Page, PageItem } from '../../../../domain/pages/page.js';
import type { PageBody } from '../pages/pages-schema.js';

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
  created_at: page.createdAt.toISOString(),
  updated_at: page.updatedAt.toISOString(),
});
