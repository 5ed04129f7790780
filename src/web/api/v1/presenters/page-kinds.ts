import type { Page, PageBinding } from '../../../../domain/pages/page.js';
import type { SubPageSetting } from '../../../../domain/snapshot.js';
import type { AccessGrantListing, CustomerPageListing } from '../../../../services/pages/customer-pages.js';
import type { AccessGrantBody, BoundPageBody, CustomerPageBody, SubPageSettingBody } from '../pages/page-kinds-schema.js';
import { presentPage } from './page.js';

const presentBinding = (binding: PageBinding): NonNullable<BoundPageBody['binding']> => ({
  kind: binding.kind,
  catalog_type_id: binding.catalogTypeId,
  component_attribute_id: binding.componentAttributeId,
  allowlist_attribute_id: binding.kind === 'customer_set' ? binding.allowlistAttributeId : null,
});

export const presentBoundPage = (page: Page): BoundPageBody => ({
  ...presentPage(page),
  binding: page.binding ? presentBinding(page.binding) : null,
});

export const presentSubPageSetting = (setting: SubPageSetting): SubPageSettingBody => ({
  page_id: setting.pageId,
  entry_id: setting.entryId,
  disabled: setting.disabled,
});

export const presentCustomerPage = (page: CustomerPageListing): CustomerPageBody => ({
  id: page.id,
  page_id: page.pageId,
  set_name: page.setName,
  entry_id: page.entryId,
  name: page.name,
  url: page.url,
  domains: page.domains,
  no_one_can_sign_in: page.noOneCanSignIn,
});

export const presentAccessGrant = (grant: AccessGrantListing): AccessGrantBody => ({
  customer_page_id: grant.customerPageId,
  page_name: grant.pageName,
  set_name: grant.setName,
  entry_id: grant.entryId,
  entry_name: grant.entryName,
  url: grant.url,
  matched_domain: grant.matchedDomain,
});
