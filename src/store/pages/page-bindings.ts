import type { Selectable } from 'kysely';
import type { BoundPage } from '../../domain/catalog/binding-breakage.js';
import type { PageBinding, PageKind } from '../../domain/pages/page.js';
import type { SubPageSetting } from '../../domain/snapshot.js';
import { fromDbBool, toDbBool, toDbTime } from '../codec.js';
import type { Tables } from '../tables.js';
import type { Queryable, Tx } from '../transaction.js';

type BindingColumns = Pick<Selectable<Tables['pages']>, 'catalog_type_id' | 'allowlist_attribute_id' | 'component_attribute_id'>;

/** The binding stored on a page row, or undefined for a standalone page (or a binding left incomplete). */
export function toPageBinding(row: BindingColumns & { kind: string }): PageBinding | undefined {
  const {
    catalog_type_id: catalogTypeId,
    allowlist_attribute_id: allowlistAttributeId,
    component_attribute_id: componentAttributeId,
  } = row;
  if (catalogTypeId === null || componentAttributeId === null) return undefined;
  if (row.kind === 'parent') return { kind: 'parent', catalogTypeId, componentAttributeId };
  if (row.kind === 'customer_set' && allowlistAttributeId !== null) {
    return { kind: 'customer_set', catalogTypeId, allowlistAttributeId, componentAttributeId };
  }
  return undefined;
}

/** The page columns holding `binding` (all null without one). */
export function toBindingColumns(binding: PageBinding | undefined): BindingColumns {
  return {
    catalog_type_id: binding?.catalogTypeId ?? null,
    allowlist_attribute_id: binding?.kind === 'customer_set' ? binding.allowlistAttributeId : null,
    component_attribute_id: binding?.componentAttributeId ?? null,
  };
}

/** Makes the page a `kind` page with `binding` (null: standalone, unbound). */
export async function updatePageBinding(
  tx: Tx,
  pageId: string,
  kind: PageKind,
  binding: PageBinding | null,
  updatedAt: Date,
): Promise<void> {
  await tx
    .updateTable('pages')
    .set({ kind, ...toBindingColumns(binding ?? undefined), updated_at: toDbTime(updatedAt) })
    .where('id', '=', pageId)
    .execute();
}

/** Every page generated from a catalog type (parent pages and customer page sets), oldest first. */
export async function listBoundPages(db: Queryable): Promise<BoundPage[]> {
  const rows = await db
    .selectFrom('pages')
    .select(['id', 'slug', 'kind', 'catalog_type_id', 'allowlist_attribute_id', 'component_attribute_id'])
    .where('kind', '!=', 'standalone')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.flatMap((row) => {
    const binding = toPageBinding(row);
    return binding ? [{ pageId: row.id, slug: row.slug, binding }] : [];
  });
}

/** Every customer page set with its binding, oldest first. */
export async function listCustomerSetBindings(
  db: Queryable,
): Promise<{ pageId: string; binding: Extract<PageBinding, { kind: 'customer_set' }> }[]> {
  return (await listBoundPages(db)).flatMap(({ pageId, binding }) => (binding.kind === 'customer_set' ? [{ pageId, binding }] : []));
}

/** Switches one sub-page off or back on (an upsert: one row per parent and entry). */
export async function upsertSubPageSetting(tx: Tx, setting: SubPageSetting): Promise<void> {
  const disabled = toDbBool(setting.disabled);
  await tx
    .insertInto('sub_page_settings')
    .values({ page_id: setting.pageId, entry_id: setting.entryId, disabled })
    .onConflict((oc) => oc.columns(['page_id', 'entry_id']).doUpdateSet({ disabled }))
    .execute();
}

/** Forgets a parent's sub-page switches (when it is bound to another type, they no longer mean anything). */
export async function deleteSubPageSettingsOfPage(tx: Tx, pageId: string): Promise<void> {
  await tx.deleteFrom('sub_page_settings').where('page_id', '=', pageId).execute();
}

export async function loadAllSubPageSettings(db: Queryable): Promise<SubPageSetting[]> {
  const rows = await db.selectFrom('sub_page_settings').selectAll().orderBy('page_id').orderBy('entry_id').execute();
  return assembleSubPageSettings(rows);
}

export type SubPageSettingRow = Selectable<Tables['sub_page_settings']>;

/** Sub-page switches from rows, in their order. */
export const assembleSubPageSettings = (rows: readonly SubPageSettingRow[]): SubPageSetting[] =>
  rows.map((row) => ({ pageId: row.page_id, entryId: row.entry_id, disabled: fromDbBool(row.disabled) }));
