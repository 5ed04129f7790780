import type { AttributeKind, CatalogType } from './catalog.js';
import type { FieldIssue } from '../errors.js';
import type { PageBinding } from '../pages/page.js';

/** A page generated from a catalog type: a parent page or a customer page set. */
export interface BoundPage {
  pageId: string;
  slug: string;
  binding: PageBinding;
}

/**
 * What deleting a catalog type (`next` null) or changing its schema would take from the pages built
 * on it: one issue per page and attribute the page reads. A page's binding names attributes by id, so
 * renames and reorders break nothing; removing one, or changing what kind of value it holds, would
 * leave a parent page without sub-page components or a customer page set without an allowlist.
 *
 * @example findBindingBreakage([{ pageId, slug: 'customers', binding }], customerType, null)
 *   // [{ path: 'pages.customers', message: 'page /customers is built from Customer; delete the page or unbind it first' }]
 */
export function findBindingBreakage(pages: readonly BoundPage[], current: CatalogType, next: CatalogType | null): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const { slug, binding } of pages) {
    if (binding.catalogTypeId !== current.id) continue;
    const path = `pages.${slug}`;
    if (next === null) {
      issues.push({ path, message: `page /${slug} is built from ${current.name}; delete the page or unbind it first` });
      continue;
    }
    const used: [string, AttributeKind, string][] = [[binding.componentAttributeId, 'component', 'components']];
    if (binding.kind === 'customer_set') used.push([binding.allowlistAttributeId, 'email_domain', 'allowlist']);
    for (const [attributeId, kind, role] of used) {
      const before = current.attributes.find((attribute) => attribute.id === attributeId);
      const after = next.attributes.find((attribute) => attribute.id === attributeId);
      if (after?.kind === kind || before === undefined) continue;
      const change = after === undefined ? 'removes it' : `makes it a ${after.kind} attribute`;
      issues.push({
        path,
        message: `page /${slug} reads its ${role} from attribute ${JSON.stringify(before.name)}; this change ${change}`,
      });
    }
  }
  return issues;
}
