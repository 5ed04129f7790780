import type { Selectable } from 'kysely';
import { BeaconError } from '../../domain/errors.js';
import type { Page, PageItem, PageKind } from '../../domain/pages/page.js';
import { PAGE_KINDS } from '../../domain/pages/page.js';
import { LOGO_CONTENT_TYPES, type PageBranding, UPTIME_DISPLAYS } from '../../domain/pages/page-branding.js';
import { fromDbBool, fromDbTime, toDbBool, toDbTime } from '../codec.js';
import { toBindingColumns, toPageBinding } from './page-bindings.js';
import type { Tables } from '../tables.js';
import type { Queryable, Tx } from '../transaction.js';
import { isUniqueViolation } from '../unique-violation.js';

export type PageRow = Selectable<Tables['pages']>;
export type PageItemRow = Selectable<Tables['page_items']>;

const toPageKind = (kind: string): PageKind => {
  const found = PAGE_KINDS.find((known) => known === kind);
  if (!found) throw new Error(`pages.kind holds an unknown kind ${JSON.stringify(kind)}`);
  return found;
};

const known = <T extends string>(values: readonly T[], column: string, value: string): T => {
  const found = values.find((candidate) => candidate === value);
  if (found === undefined) throw new Error(`${column} holds an unknown value ${JSON.stringify(value)}`);
  return found;
};

const toBranding = (row: PageRow): PageBranding => ({
  supportUrl: row.support_url,
  logo:
    row.logo_sha256 === null || row.logo_content_type === null
      ? null
      : { sha256: row.logo_sha256, contentType: known(LOGO_CONTENT_TYPES, 'pages.logo_content_type', row.logo_content_type) },
  brandColor: row.brand_color,
  uptimeDisplay: known(UPTIME_DISPLAYS, 'pages.uptime_display', row.uptime_display),
});

const toPage = (row: PageRow, items: PageItem[]): Page => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  description: row.description,
  timeZone: row.time_zone,
  isDefault: fromDbBool(row.is_default),
  kind: toPageKind(row.kind),
  items,
  branding: toBranding(row),
  ...withBinding(toPageBinding(row)),
  createdAt: fromDbTime(row.created_at),
  updatedAt: fromDbTime(row.updated_at),
});

/** The row a page is stored as, binding included (its items are `toPageItemRow`). */
export const toPageRow = (page: Page): PageRow => ({
  id: page.id,
  slug: page.slug,
  name: page.name,
  description: page.description,
  time_zone: page.timeZone,
  is_default: toDbBool(page.isDefault),
  kind: page.kind,
  created_at: toDbTime(page.createdAt),
  updated_at: toDbTime(page.updatedAt),
  ...toBindingColumns(page.binding),
  support_url: page.branding.supportUrl,
  brand_color: page.branding.brandColor,
  uptime_display: page.branding.uptimeDisplay,
  logo_sha256: page.branding.logo?.sha256 ?? null,
  logo_content_type: page.branding.logo?.contentType ?? null,
});

// Absent rather than `undefined` on standalone pages, so pages compare equal however they were built.
const withBinding = (binding: Page['binding']): Pick<Page, 'binding'> => (binding ? { binding } : {});

const toPageItem = (row: PageItemRow): PageItem => {
  const showUptime = fromDbBool(row.show_uptime);
  if (row.kind === 'component' && row.component_id !== null) return { kind: 'component', componentId: row.component_id, showUptime };
  if (row.kind === 'group' && row.group_id !== null) return { kind: 'group', groupId: row.group_id, showUptime };
  throw new Error(`page_items row ${row.page_id}/${row.position} is inconsistent (kind ${JSON.stringify(row.kind)})`);
};

export const toPageItemRow = (pageId: string, item: PageItem, position: number): PageItemRow => ({
  page_id: pageId,
  position,
  kind: item.kind,
  component_id: item.kind === 'component' ? item.componentId : null,
  group_id: item.kind === 'group' ? item.groupId : null,
  show_uptime: toDbBool(item.showUptime),
});

const slugTaken = (slug: string): BeaconError =>
  new BeaconError('conflict', `slug: "${slug}" is already used by another page`, [
    { path: 'slug', message: `"${slug}" is already used by another page` },
  ]);

/** Inserts the page and its items. A slug already taken (even by a concurrent write) is a conflict. */
export async function insertPage(tx: Tx, page: Page): Promise<void> {
  try {
    await tx.insertInto('pages').values(toPageRow(page)).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(page.slug);
    throw error;
  }
  await replacePageItems(tx, page.id, page.items);
}

/** Writes every field but `id`, `createdAt`, the items and the logo (`page-logos.ts`). */
export async function updatePageRow(tx: Tx, page: Page): Promise<void> {
  const { slug, name, description, time_zone, is_default, kind, updated_at, support_url, brand_color, uptime_display } = toPageRow(page);
  try {
    await tx
      .updateTable('pages')
      .set({ slug, name, description, time_zone, is_default, kind, updated_at, support_url, brand_color, uptime_display })
      .where('id', '=', page.id)
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(page.slug);
    throw error;
  }
}

export async function replacePageItems(tx: Tx, pageId: string, items: readonly PageItem[]): Promise<void> {
  await tx.deleteFrom('page_items').where('page_id', '=', pageId).execute();
  if (items.length === 0) return;
  await tx
    .insertInto('page_items')
    .values(items.map((item, position) => toPageItemRow(pageId, item, position)))
    .execute();
}

/** Deletes the page; its items go with it. */
export async function deletePageRow(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('pages').where('id', '=', id).execute();
}

/** Clears the default flag on every page but `keepId`. */
export async function clearOtherDefaultPages(tx: Tx, keepId: string): Promise<void> {
  await tx.updateTable('pages').set({ is_default: 0 }).where('is_default', '=', 1).where('id', '!=', keepId).execute();
}

export async function markDefaultPage(tx: Tx, id: string): Promise<void> {
  await tx.updateTable('pages').set({ is_default: 1 }).where('id', '=', id).execute();
}

export async function findPage(db: Queryable, id: string): Promise<Page | null> {
  const row = await db.selectFrom('pages').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const items = await db.selectFrom('page_items').selectAll().where('page_id', '=', id).orderBy('position').execute();
  return toPage(row, items.map(toPageItem));
}

/** The id of the page using `slug`, if any. */
export async function findPageIdBySlug(db: Queryable, slug: string): Promise<string | null> {
  const row = await db.selectFrom('pages').select('id').where('slug', '=', slug).executeTakeFirst();
  return row?.id ?? null;
}

/** The ids of the pages whose structure places the group. */
export async function findPageIdsPlacingGroup(db: Queryable, groupId: string): Promise<string[]> {
  const rows = await db.selectFrom('page_items').select('page_id').distinct().where('group_id', '=', groupId).execute();
  return rows.map((row) => row.page_id);
}

/** Every page with its items in order, oldest first. */
export async function loadAllPages(db: Queryable): Promise<Page[]> {
  const rows = await db.selectFrom('pages').selectAll().orderBy('created_at').orderBy('id').execute();
  const items = await db.selectFrom('page_items').selectAll().orderBy('page_id').orderBy('position').execute();
  return assemblePages(rows, items);
}

/** Domain pages from rows, in their order, with the items in the order they arrive (by position). */
export function assemblePages(rows: readonly PageRow[], items: readonly PageItemRow[]): Page[] {
  const byPage = new Map<string, PageItem[]>();
  for (const item of items) {
    const list = byPage.get(item.page_id) ?? [];
    list.push(toPageItem(item));
    byPage.set(item.page_id, list);
  }
  return rows.map((row) => toPage(row, byPage.get(row.id) ?? []));
}
