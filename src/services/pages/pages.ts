import { BeaconError, type FieldIssue, invalid, notFound } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import { canBeDefaultPage, defaultPageAmong } from '../../domain/pages/default-page.js';
import type { Page, PageItem } from '../../domain/pages/page.js';
import {
  DEFAULT_BRANDING,
  type PageBranding,
  checkBrandColor,
  checkSupportUrl,
  checkUptimeDisplay,
} from '../../domain/pages/page-branding.js';
import { validatePageItems } from '../../domain/pages/page-structure.js';
import { validateSlug } from '../../domain/pages/slug.js';
import { isValidTimeZone } from '../../domain/time-zone.js';
import { findMissingComponentIds } from '../../store/status/components.js';
import { findGroups } from '../../store/status/groups.js';
import {
  clearOtherDefaultPages,
  deletePageRow,
  findPage,
  findPageIdBySlug,
  insertPage,
  loadAllPages,
  markDefaultPage,
  replacePageItems,
  updatePageRow,
} from '../../store/pages/pages.js';
import type { Queryable, Tx } from '../../store/transaction.js';
import { isPlausibleId } from '../status/component-refs.js';
import { BLURB_MAX_LENGTH } from '../status/components.js';
import { retireCustomerPageSet } from './customer-page-set-removal.js';
import { type ServiceContext, write } from '../context.js';
import { collectIssues, throwIfIssues } from '../field-issues.js';
import { NAME_MAX_LENGTH, checkOptionalText, checkText } from '../text-fields.js';

export interface PageInput {
  slug: string;
  name: string;
  description?: string | null;
  /** IANA zone; defaults to UTC. */
  timeZone?: string;
  /** The first public page is the default whatever this says. */
  isDefault?: boolean;
  /** `customer_set` pages are private: never the default. Binding them is page-kinds' job. */
  kind?: Page['kind'];
  items?: PageItem[];
  /** Branding; null clears a link or colour. The logo is set apart (page-logos.ts). */
  supportUrl?: string | null;
  brandColor?: string | null;
  /** One of `UPTIME_DISPLAYS`; checked here, so a form's text may be passed as it came. */
  uptimeDisplay?: string;
}

export type PagePatch = Partial<PageInput>;

type PageFields = Partial<Pick<Page, 'slug' | 'name' | 'description' | 'timeZone'>> & { branding?: Partial<PageBranding> };

export async function requirePage(db: Queryable, id: string): Promise<Page> {
  const page = isPlausibleId(id) ? await findPage(db, id) : null;
  if (!page) throw notFound('Page', id);
  return page;
}

/** The rules that need no database, checked together so that one error names every bad field. */
function checkPageFields(input: PagePatch): { fields: PageFields; issues: FieldIssue[] } {
  const fields: PageFields = {};
  const issues = collectIssues([
    () => {
      if (input.slug === undefined) return;
      validateSlug(input.slug, 'slug');
      fields.slug = input.slug;
    },
    () => {
      if (input.name !== undefined) fields.name = checkText('name', input.name, NAME_MAX_LENGTH);
    },
    () => {
      if (input.description !== undefined) fields.description = checkOptionalText('description', input.description, BLURB_MAX_LENGTH);
    },
    () => {
      if (input.timeZone === undefined) return;
      if (!isValidTimeZone(input.timeZone)) throw invalid('time_zone', `unknown time zone ${JSON.stringify(input.timeZone)}`);
      fields.timeZone = input.timeZone;
    },
    () => {
      const url = input.supportUrl;
      if (url !== undefined)
        fields.branding = {
          ...fields.branding,
          supportUrl: url === null || url.trim() === '' ? null : checkSupportUrl(url, 'support_url'),
        };
    },
    () => {
      const color = input.brandColor;
      if (color !== undefined)
        fields.branding = {
          ...fields.branding,
          brandColor: color === null || color.trim() === '' ? null : checkBrandColor(color, 'brand_color'),
        };
    },
    () => {
      if (input.uptimeDisplay !== undefined)
        fields.branding = { ...fields.branding, uptimeDisplay: checkUptimeDisplay(input.uptimeDisplay, 'uptime_display') };
    },
  ]);
  return { fields, issues };
}

/** Structure issues: unknown components or groups, and a component placed twice (directly or via a group). */
async function findStructureIssues(db: Queryable, items: readonly PageItem[]): Promise<FieldIssue[]> {
  const directIds = items.flatMap((item) => (item.kind === 'component' ? [item.componentId] : []));
  const groupIds = items.flatMap((item) => (item.kind === 'group' ? [item.groupId] : []));
  const missing = await findMissingComponentIds(db, directIds.filter(isPlausibleId));
  const groups = await findGroups(db, groupIds.filter(isPlausibleId));
  const known = new Set(directIds.filter((id) => isPlausibleId(id) && !missing.has(id)));
  for (const group of groups.values()) for (const id of group.componentIds) known.add(id);
  return collectIssues([() => validatePageItems(items, known, groups)]);
}

async function checkSlugFree(db: Queryable, slug: string, pageId: string): Promise<void> {
  const owner = await findPageIdBySlug(db, slug);
  if (owner !== null && owner !== pageId) {
    const message = `"${slug}" is already used by another page`;
    throw new BeaconError('conflict', `slug: ${message}`, [{ path: 'slug', message }]);
  }
}

/**
 * Creates a page. The first public page becomes the default; a page created with `isDefault` takes
 * the flag from the previous default in the same transaction.
 *
 * @example await createPage(ctx, { slug: 'status', name: 'Acme status', timeZone: 'Europe/Berlin', items: [{ kind: 'component', componentId, showUptime: true }] })
 */
export async function createPage(ctx: ServiceContext, input: PageInput): Promise<Page> {
  const { fields, issues } = checkPageFields({ timeZone: 'UTC', ...input });
  return write(ctx, async (tx, changed) => {
    changed.structure();
    const items = input.items ?? [];
    throwIfIssues([...issues, ...(await findStructureIssues(tx, items))]);
    await checkSlugFree(tx, input.slug, '');
    const now = ctx.clock();
    const isDefault = input.isDefault === true && canBeDefaultPage({ kind: input.kind ?? 'standalone' });
    const page: Page = {
      id: newId(),
      slug: input.slug,
      name: input.name,
      description: null,
      timeZone: 'UTC',
      ...fields,
      isDefault,
      kind: input.kind ?? 'standalone',
      items: items.map(copyItem),
      branding: { ...DEFAULT_BRANDING, ...fields.branding },
      createdAt: now,
      updatedAt: now,
    };
    // Clear first: a unique index allows only one default page at any instant.
    if (isDefault) await clearOtherDefaultPages(tx, page.id);
    await insertPage(tx, page);
    return { ...page, isDefault: (await settleDefaultPage(tx))?.id === page.id };
  });
}

export async function getPage(ctx: ServiceContext, id: string): Promise<Page> {
  return requirePage(ctx.database.db, id);
}

/** Every page with its structure, oldest first. */
export async function listPages(ctx: ServiceContext): Promise<Page[]> {
  return loadAllPages(ctx.database.db);
}

/**
 * Changes only the fields present in `patch`. `isDefault: true` moves the default flag here;
 * `isDefault: false` on the default page is refused, since some page must stay the default.
 */
export async function updatePage(ctx: ServiceContext, id: string, patch: PagePatch): Promise<Page> {
  const { fields, issues } = checkPageFields(patch);
  return write(ctx, async (tx, changed) => {
    changed.structure();
    const current = await requirePage(tx, id);
    if (patch.items !== undefined) issues.push(...(await findStructureIssues(tx, patch.items)));
    throwIfIssues(issues);
    if (fields.slug !== undefined) await checkSlugFree(tx, fields.slug, id);
    if (patch.isDefault === true && !canBeDefaultPage(current)) {
      const message = 'a customer page set is private and cannot be the public default page';
      throw new BeaconError('unprocessable', `is_default: ${message}`, [{ path: 'is_default', message }]);
    }
    if (patch.isDefault === false && current.isDefault) {
      const message = 'the default page stays the default until another page is made the default';
      throw new BeaconError('conflict', `is_default: ${message}`, [{ path: 'is_default', message }]);
    }
    const next: Page = {
      ...current,
      ...fields,
      branding: { ...current.branding, ...fields.branding },
      isDefault: current.isDefault || patch.isDefault === true,
      items: patch.items?.map(copyItem) ?? current.items,
      updatedAt: ctx.clock(),
    };
    if (next.isDefault && !current.isDefault) await clearOtherDefaultPages(tx, id);
    await updatePageRow(tx, next);
    if (patch.items !== undefined) await replacePageItems(tx, id, next.items);
    return next;
  });
}

/** Replaces the page's structure: its ordered items. */
export async function setPageStructure(ctx: ServiceContext, id: string, items: PageItem[]): Promise<Page> {
  return updatePage(ctx, id, { items });
}

/**
 * Deletes the page. When it was the default, the oldest remaining public page becomes the default. A
 * customer page set takes its customer pages with it: their sessions end in the same write and the
 * deletion is audited (LOG-1), as `actor`.
 */
export async function deletePage(ctx: ServiceContext, id: string, actor: string): Promise<void> {
  await write(ctx, async (tx: Tx, changed) => {
    // Its customer pages and sub-page settings go with it (foreign keys): the catalog slice changes too.
    changed.structure();
    changed.catalog();
    const page = await requirePage(tx, id);
    if (page.kind === 'customer_set') await retireCustomerPageSet(tx, page, { actor, now: ctx.clock() });
    await deletePageRow(tx, id);
    await settleDefaultPage(tx);
  });
}

/**
 * Puts the default flag on the page the rule picks (`defaultPageAmong`: the flagged page, else the
 * oldest public one) and answers it. Run after a page is created or deleted, so that the first public
 * page takes the flag and a deleted default hands it on: the flag then always names the page `/` shows.
 */
async function settleDefaultPage(tx: Tx): Promise<Page | undefined> {
  const page = defaultPageAmong(await loadAllPages(tx));
  if (page !== undefined && !page.isDefault) {
    // Clear first: a unique index allows only one default page at any instant.
    await clearOtherDefaultPages(tx, page.id);
    await markDefaultPage(tx, page.id);
  }
  return page;
}

const copyItem = (item: PageItem): PageItem =>
  item.kind === 'component'
    ? { kind: 'component', componentId: item.componentId, showUptime: item.showUptime }
    : { kind: 'group', groupId: item.groupId, showUptime: item.showUptime };
