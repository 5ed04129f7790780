import type { CatalogAttribute } from '../../domain/catalog/catalog.js';
import { validateCatalogSchema } from '../../domain/catalog/catalog-schema.js';
import { BeaconError, invalid, notFound } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import type { Page, PageBinding, PageItem } from '../../domain/pages/page.js';
import type { SubPageSetting } from '../../domain/snapshot.js';
import { insertAuditEvents } from '../../store/access/audit-log.js';
import { findCatalogEntry } from '../../store/catalog/catalog-entries.js';
import { type CatalogTypeRecord, insertCatalogType, loadAllCatalogTypes } from '../../store/catalog/catalog-types.js';
import { deleteSubPageSettingsOfPage, updatePageBinding, upsertSubPageSetting } from '../../store/pages/page-bindings.js';
import type { ChangeSet } from '../../store/revisions/change-log.js';
import type { Queryable, Tx } from '../../store/transaction.js';
import { isPlausibleId } from '../status/component-refs.js';
import { type ServiceContext, write } from '../context.js';
import { ensureCustomerPageRows } from './customer-pages.js';
import { checkBindingAttribute, requireBindableType } from './page-bindings-check.js';
import { createPage, deletePage, requirePage } from './pages.js';
import { NAME_MAX_LENGTH, checkOptionalText, checkText, DESCRIPTION_MAX_LENGTH } from '../text-fields.js';

export interface ParentBindingInput {
  catalogTypeId: string;
  /** A `component` attribute of the type: the components each entry's sub-page shows. */
  componentAttributeId: string;
}

export interface CustomerPageSetInput {
  slug: string;
  name: string;
  description?: string | null;
  timeZone?: string;
  /** The shared structure every customer sees, above its own components. */
  items?: PageItem[];
  /** An existing type, with the two attributes below… */
  catalogTypeId?: string;
  /** `email_domain` attribute: each customer's allowlist. */
  allowlistAttributeId?: string;
  /** `component` attribute: each customer's own components. */
  componentAttributeId?: string;
  /** …or a new type, made with `email_domains` and `components` list attributes. */
  newType?: { name: string; description?: string | null };
}

/** The attributes a type made for a new customer page set starts with. */
const NEW_SET_TYPE_ATTRIBUTES: readonly CatalogAttribute[] = [
  { id: 'email_domains', name: 'Email domains', kind: 'email_domain', isList: true },
  { id: 'components', name: 'Components', kind: 'component', isList: true },
];

export const AUDIT_SET_CREATED = 'customer_page_set.created';

/**
 * Makes a page a parent: every entry of the type becomes a sub-page at `/<page>/<entry-slug>`,
 * showing the components its `componentAttributeId` names, laid out as on this page. Rebinding to
 * another type forgets the sub-page switches. A customer page set cannot become a parent.
 */
export async function bindParentPage(ctx: ServiceContext, pageId: string, input: ParentBindingInput): Promise<Page> {
  return write(ctx, async (tx, changed) => {
    changed.structure();
    changed.catalog();
    const page = await requirePage(tx, pageId);
    if (page.kind === 'customer_set') throw new BeaconError('conflict', 'a customer page set cannot become a parent page');
    const type = await requireBindableType(tx, input.catalogTypeId, 'catalog_type_id');
    checkBindingAttribute(type, input.componentAttributeId, 'component', 'component_attribute_id');
    const binding: PageBinding = { kind: 'parent', catalogTypeId: type.id, componentAttributeId: input.componentAttributeId };
    if (page.binding && page.binding.catalogTypeId !== type.id) await deleteSubPageSettingsOfPage(tx, page.id);
    const now = ctx.clock();
    await updatePageBinding(tx, page.id, 'parent', binding, now);
    return { ...page, kind: 'parent', binding, updatedAt: now };
  });
}

/** Makes a parent page standalone again: its sub-pages are gone (404) and its switches forgotten. */
export async function unbindParentPage(ctx: ServiceContext, pageId: string): Promise<Page> {
  return write(ctx, async (tx, changed) => {
    changed.structure();
    changed.catalog();
    const page = await requirePage(tx, pageId);
    if (page.kind !== 'parent') throw new BeaconError('conflict', 'the page is not a parent page');
    const now = ctx.clock();
    await updatePageBinding(tx, page.id, 'standalone', null, now);
    await deleteSubPageSettingsOfPage(tx, page.id);
    const { binding: _dropped, ...rest } = page;
    return { ...rest, kind: 'standalone', updatedAt: now };
  });
}

/** Switches one sub-page off (its URL answers 404, the parent leaves it out) or back on. */
export async function setSubPageDisabled(ctx: ServiceContext, pageId: string, entryId: string, disabled: boolean): Promise<SubPageSetting> {
  return write(ctx, async (tx, changed) => {
    changed.structure();
    changed.catalog();
    const page = await requirePage(tx, pageId);
    if (page.binding?.kind !== 'parent') throw new BeaconError('conflict', 'the page is not a parent page');
    const entry = isPlausibleId(entryId) ? await findCatalogEntry(tx, entryId) : null;
    if (!entry || entry.typeId !== page.binding.catalogTypeId) throw notFound('Sub-page', entryId);
    const setting: SubPageSetting = { pageId: page.id, entryId: entry.id, disabled };
    await upsertSubPageSetting(tx, setting);
    return setting;
  });
}

/**
 * Creates a customer page set: a page holding the shared structure, bound to a catalog type (an
 * existing one with its `email_domain` and `component` attributes named, or a new one), and one
 * customer page with an unlisted URL for every entry of the type. Recorded in the audit log.
 *
 * @example await createCustomerPageSet(ctx, { slug: 'customers', name: 'Customer status', newType: { name: 'Customer' }, items }, 'cli')
 */
export async function createCustomerPageSet(ctx: ServiceContext, input: CustomerPageSetInput, actor: string): Promise<Page> {
  // The catalog side is checked first, so a mistake there creates nothing.
  await checkSetCatalogInput(ctx.database.db, input, ctx.clock());
  // The page goes through the pages service (one set of page rules), then is bound; undone if binding fails.
  const page = await createPage(ctx, {
    slug: input.slug,
    name: input.name,
    description: input.description,
    timeZone: input.timeZone,
    isDefault: false,
    kind: 'customer_set',
    items: input.items,
  });
  try {
    return await write(ctx, (tx, changed) => bindSet(tx, changed, { page, input, actor, now: ctx.clock() }));
  } catch (error) {
    await deletePage(ctx, page.id, actor).catch(() => undefined);
    throw error;
  }
}

export type CustomerSetBindingInput = Pick<
  CustomerPageSetInput,
  'catalogTypeId' | 'allowlistAttributeId' | 'componentAttributeId' | 'newType'
>;

/**
 * Turns an existing standalone page into a customer page set: its structure becomes the shared one
 * every customer sees, and each entry of the type gets a customer page. The page stops being public
 * (a set is never served itself), so the default page cannot become one. Audited as a set created.
 */
export async function bindCustomerPageSet(
  ctx: ServiceContext,
  pageId: string,
  input: CustomerSetBindingInput,
  actor: string,
): Promise<Page> {
  return write(ctx, async (tx, changed) => {
    const page = await requirePage(tx, pageId);
    if (page.kind !== 'standalone')
      throw new BeaconError('conflict', `the page is already a ${page.kind === 'parent' ? 'parent page' : 'customer page set'}`);
    if (page.isDefault) {
      const message = 'the default page is the public page at /; make another page the default first';
      throw new BeaconError('conflict', `is_default: ${message}`, [{ path: 'is_default', message }]);
    }
    return bindSet(tx, changed, { page, input: { ...input, slug: page.slug, name: page.name }, actor, now: ctx.clock() });
  });
}

/** Binds `page` as a customer page set (making the new type first, if asked) and creates its customer pages. */
async function bindSet(
  tx: Tx,
  changed: ChangeSet,
  set: { page: Page; input: CustomerPageSetInput; actor: string; now: Date },
): Promise<Page> {
  const { page, input, actor, now } = set;
  changed.structure();
  changed.catalog();
  const type = await checkSetCatalogInput(tx, input, now);
  const binding: PageBinding = {
    kind: 'customer_set',
    catalogTypeId: type.id,
    allowlistAttributeId: input.newType ? 'email_domains' : input.allowlistAttributeId!,
    componentAttributeId: input.newType ? 'components' : input.componentAttributeId!,
  };
  if (input.newType) await insertCatalogType(tx, type);
  await updatePageBinding(tx, page.id, 'customer_set', binding, now);
  const created = await ensureCustomerPageRows(tx, now, page.id);
  await auditSetCreated(tx, { now, actor, page, binding, created, newType: input.newType !== undefined });
  return { ...page, kind: 'customer_set', binding, updatedAt: now };
}

/** The set's catalog type: the existing one with the right attributes, or the new one to insert. */
async function checkSetCatalogInput(db: Queryable, input: CustomerPageSetInput, now: Date): Promise<CatalogTypeRecord> {
  if ((input.catalogTypeId === undefined) === (input.newType === undefined)) {
    throw invalid('catalog_type_id', 'give either catalog_type_id (an existing type) or new_type, not both');
  }
  if (input.newType) {
    if (input.allowlistAttributeId !== undefined || input.componentAttributeId !== undefined) {
      throw invalid('new_type', 'a new type gets its own attributes (email_domains, components); leave the attribute ids out');
    }
    const type: CatalogTypeRecord = {
      id: newId(),
      name: checkText('new_type.name', input.newType.name, NAME_MAX_LENGTH),
      description: checkOptionalText('new_type.description', input.newType.description ?? null, DESCRIPTION_MAX_LENGTH),
      attributes: NEW_SET_TYPE_ATTRIBUTES.map((attribute) => ({ ...attribute })),
      createdAt: now,
      updatedAt: now,
    };
    validateCatalogSchema(type, () => false);
    if ((await loadAllCatalogTypes(db)).some((existing) => existing.name === type.name)) {
      throw new BeaconError('conflict', `new_type.name: a catalog type named ${JSON.stringify(type.name)} already exists`, [
        { path: 'new_type.name', message: `a catalog type named ${JSON.stringify(type.name)} already exists` },
      ]);
    }
    return type;
  }
  const type = await requireBindableType(db, input.catalogTypeId!, 'catalog_type_id');
  if (input.allowlistAttributeId === undefined) throw invalid('allowlist_attribute_id', 'is required with catalog_type_id');
  if (input.componentAttributeId === undefined) throw invalid('component_attribute_id', 'is required with catalog_type_id');
  checkBindingAttribute(type, input.allowlistAttributeId, 'email_domain', 'allowlist_attribute_id');
  checkBindingAttribute(type, input.componentAttributeId, 'component', 'component_attribute_id');
  return type;
}

async function auditSetCreated(
  tx: Tx,
  event: { now: Date; actor: string; page: Page; binding: PageBinding; created: number; newType: boolean },
): Promise<void> {
  await insertAuditEvents(tx, [
    {
      id: newId(),
      at: event.now,
      actor: event.actor,
      action: AUDIT_SET_CREATED,
      subjectType: 'page',
      subjectId: event.page.id,
      pageId: event.page.id,
      details: {
        slug: event.page.slug,
        catalog_type_id: event.binding.catalogTypeId,
        new_type: event.newType,
        customer_pages_created: event.created,
      },
    },
  ]);
}
