import type { Group } from '../../domain/status/component.js';
import { BeaconError, notFound } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import { validatePageItems } from '../../domain/pages/page-structure.js';
import {
  type GroupListing,
  deleteGroupRow,
  findGroup,
  findGroupArchivedAt,
  findGroups,
  insertGroup,
  loadAllGroups,
  searchGroups,
  setGroupArchived,
  updateGroupRow,
} from '../../store/status/groups.js';
import type { NamePage, NameQuery } from '../../store/status/structure-listing.js';
import { findPage, findPageIdsPlacingGroup } from '../../store/pages/pages.js';
import type { Queryable, Tx } from '../../store/transaction.js';
import { checkComponentRefs, isPlausibleId } from './component-refs.js';
import { BLURB_MAX_LENGTH } from './components.js';
import { type ServiceContext, write } from '../context.js';
import { collectIssues, throwIfIssues } from '../field-issues.js';
import { NAME_MAX_LENGTH, checkOptionalText, checkText } from '../text-fields.js';

export interface GroupInput {
  name: string;
  description?: string | null;
  /** The members, in display order. */
  componentIds?: string[];
}

export type GroupPatch = Partial<GroupInput>;

async function requireGroup(db: Queryable, id: string): Promise<Group> {
  const group = isPlausibleId(id) ? await findGroup(db, id) : null;
  if (!group) throw notFound('Group', id);
  return group;
}

function checkGroupFields(input: GroupPatch): Omit<GroupPatch, 'componentIds'> {
  const checked: Omit<GroupPatch, 'componentIds'> = {};
  throwIfIssues(
    collectIssues([
      () => {
        if (input.name !== undefined) checked.name = checkText('name', input.name, NAME_MAX_LENGTH);
      },
      () => {
        if (input.description !== undefined) checked.description = checkOptionalText('description', input.description, BLURB_MAX_LENGTH);
      },
    ]),
  );
  return checked;
}

const checkMembers = (tx: Tx, componentIds: readonly string[]): Promise<void> =>
  checkComponentRefs(tx, componentIds, (index) => `component_ids[${index}]`);

/**
 * A group's new members must not place a component twice on a page that shows the group
 * (once directly, or through another group).
 */
async function checkPagesPlacingGroup(tx: Tx, group: Group): Promise<void> {
  for (const pageId of await findPageIdsPlacingGroup(tx, group.id)) {
    const page = await findPage(tx, pageId);
    if (!page) continue;
    const groups = await findGroups(
      tx,
      page.items.flatMap((item) => (item.kind === 'group' ? [item.groupId] : [])),
    );
    groups.set(group.id, group);
    const componentIds = new Set([
      ...page.items.flatMap((item) => (item.kind === 'component' ? [item.componentId] : [])),
      ...[...groups.values()].flatMap((member) => member.componentIds),
    ]);
    try {
      validatePageItems(page.items, componentIds, groups);
    } catch (error) {
      if (!(error instanceof BeaconError)) throw error;
      const message = `would place a component twice on page "${page.slug}" (${error.message})`;
      throw new BeaconError('conflict', `component_ids: ${message}`, [{ path: 'component_ids', message }]);
    }
  }
}

/** @example await createGroup(ctx, { name: 'Core', componentIds: [api.id, web.id] }) */
export async function createGroup(ctx: ServiceContext, input: GroupInput): Promise<Group> {
  const fields = checkGroupFields(input);
  return write(ctx, async (tx, changed) => {
    changed.structure();
    const componentIds = input.componentIds ?? [];
    await checkMembers(tx, componentIds);
    const now = ctx.clock();
    const group: Group = {
      id: newId(),
      name: input.name,
      description: null,
      ...fields,
      componentIds: [...componentIds],
      createdAt: now,
      updatedAt: now,
    };
    await insertGroup(tx, group);
    return group;
  });
}

export async function getGroup(ctx: ServiceContext, id: string): Promise<Group> {
  return requireGroup(ctx.database.db, id);
}

/** Every group in use (not archived) with its members, oldest first. */
export async function listGroups(ctx: ServiceContext): Promise<Group[]> {
  return loadAllGroups(ctx.database.db);
}

/** Changes only the fields present in `patch`; `componentIds` replaces the members and their order. */
export async function updateGroup(ctx: ServiceContext, id: string, patch: GroupPatch): Promise<Group> {
  const fields = checkGroupFields(patch);
  return write(ctx, async (tx, changed) => {
    changed.structure();
    const current = await requireGroup(tx, id);
    const next: Group = { ...current, ...fields, updatedAt: ctx.clock() };
    if (patch.componentIds !== undefined) {
      await checkMembers(tx, patch.componentIds);
      next.componentIds = [...patch.componentIds];
      await checkPagesPlacingGroup(tx, next);
    }
    await updateGroupRow(tx, next);
    return next;
  });
}

/** Deletes the group; pages that placed it lose that item, the components stay. */
export async function deleteGroup(ctx: ServiceContext, id: string): Promise<void> {
  await write(ctx, async (tx, changed) => {
    changed.structure();
    await requireGroup(tx, id);
    await deleteGroupRow(tx, id);
  });
}

/** One page of groups by name, in use or archived, optionally those whose name contains `query.text` (the dashboard's list). */
export async function findGroupsPage(ctx: ServiceContext, query: NameQuery): Promise<NamePage<GroupListing>> {
  return searchGroups(ctx.database.db, query);
}

/** When each group among `ids` was archived (null: in use), keyed by id; ids that name no group are left out. */
export async function findGroupsArchivedAt(ctx: ServiceContext, ids: readonly string[]): Promise<Map<string, Date | null>> {
  return findGroupArchivedAt(ctx.database.db, ids.filter(isPlausibleId));
}

/**
 * Archives the group: pages that place it stop showing it at once (the live state holds only groups
 * in use); its members stay, and so does its place in page structures, for `restoreGroup`.
 */
export async function archiveGroup(ctx: ServiceContext, id: string): Promise<Group> {
  return setArchived(ctx, id, true);
}

/** Puts an archived group back in use, on the pages that still place it. */
export async function restoreGroup(ctx: ServiceContext, id: string): Promise<Group> {
  return setArchived(ctx, id, false);
}

async function setArchived(ctx: ServiceContext, id: string, archived: boolean): Promise<Group> {
  return write(ctx, async (tx, changed) => {
    changed.structure();
    const current = await requireGroup(tx, id);
    const now = ctx.clock();
    await setGroupArchived(tx, id, archived ? now : null, now);
    return { ...current, updatedAt: now };
  });
}
