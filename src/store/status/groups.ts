import type { Selectable } from 'kysely';
import type { Group } from '../../domain/status/component.js';
import { fromDbTime, fromDbTimeOrNull, toDbTime, toDbTimeOrNull } from '../codec.js';
import type { Tables } from '../tables.js';
import type { Queryable, Tx } from '../transaction.js';
import { type NamePage, type NameQuery, nameQueryWhere, toNamePage } from './structure-listing.js';

export type GroupRow = Selectable<Tables['component_groups']>;
export type GroupMemberRow = Pick<Selectable<Tables['component_group_members']>, 'group_id' | 'component_id'>;

const toGroup = (row: GroupRow, componentIds: string[]): Group => ({
  id: row.id,
  name: row.name,
  description: row.description,
  componentIds,
  createdAt: fromDbTime(row.created_at),
  updatedAt: fromDbTime(row.updated_at),
});

/** The row a group is stored as (its members are `toGroupMemberRows`). */
export const toGroupRow = (group: Group): GroupRow => ({
  id: group.id,
  name: group.name,
  description: group.description,
  created_at: toDbTime(group.createdAt),
  updated_at: toDbTime(group.updatedAt),
  archived_at: null,
});

/** Inserts the group and its members, in order. */
export async function insertGroup(tx: Tx, group: Group): Promise<void> {
  await tx.insertInto('component_groups').values(toGroupRow(group)).execute();
  await insertMembers(tx, group.id, group.componentIds);
}

/** Writes every field but `id` and `createdAt`, and replaces the members with `group.componentIds`. */
export async function updateGroupRow(tx: Tx, group: Group): Promise<void> {
  const { name, description, updated_at } = toGroupRow(group);
  await tx.updateTable('component_groups').set({ name, description, updated_at }).where('id', '=', group.id).execute();
  await tx.deleteFrom('component_group_members').where('group_id', '=', group.id).execute();
  await insertMembers(tx, group.id, group.componentIds);
}

async function insertMembers(tx: Tx, groupId: string, componentIds: readonly string[]): Promise<void> {
  if (componentIds.length === 0) return;
  await tx.insertInto('component_group_members').values(toGroupMemberRows(groupId, componentIds)).execute();
}

/** The member rows of a group, positions in the given order. */
export const toGroupMemberRows = (groupId: string, componentIds: readonly string[]): Selectable<Tables['component_group_members']>[] =>
  componentIds.map((componentId, position) => ({ group_id: groupId, component_id: componentId, position }));

/** Deletes the group; foreign keys remove its members and the page items that placed it. */
export async function deleteGroupRow(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('component_groups').where('id', '=', id).execute();
}

export async function findGroup(db: Queryable, id: string): Promise<Group | null> {
  const row = await db.selectFrom('component_groups').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const members = await db
    .selectFrom('component_group_members')
    .select('component_id')
    .where('group_id', '=', id)
    .orderBy('position')
    .execute();
  return toGroup(
    row,
    members.map((member) => member.component_id),
  );
}

/** Every group in use with its members in order, oldest group first (archived groups are on no page). */
export async function loadAllGroups(db: Queryable): Promise<Group[]> {
  const rows = await db
    .selectFrom('component_groups')
    .selectAll()
    .where('archived_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const members = await db
    .selectFrom('component_group_members')
    .select(['group_id', 'component_id'])
    .where('group_id', 'not in', (eb) => eb.selectFrom('component_groups').select('id').where('archived_at', 'is not', null))
    .orderBy('group_id')
    .orderBy('position')
    .execute();
  return assembleGroups(rows, members);
}

/** Domain groups from rows, in their order, with the members in the order they arrive (by position). */
export function assembleGroups(rows: readonly GroupRow[], members: readonly GroupMemberRow[]): Group[] {
  const byGroup = new Map<string, string[]>();
  for (const member of members) {
    const list = byGroup.get(member.group_id) ?? [];
    list.push(member.component_id);
    byGroup.set(member.group_id, list);
  }
  return rows.map((row) => toGroup(row, byGroup.get(row.id) ?? []));
}

/** The groups among `ids` that exist, with their members, keyed by id. */
export async function findGroups(db: Queryable, ids: readonly string[]): Promise<Map<string, Group>> {
  const unique = [...new Set(ids)];
  const groups = new Map<string, Group>();
  if (unique.length === 0) return groups;
  const rows = await db.selectFrom('component_groups').selectAll().where('id', 'in', unique).execute();
  const members = await db
    .selectFrom('component_group_members')
    .select(['group_id', 'component_id'])
    .where('group_id', 'in', unique)
    .orderBy('group_id')
    .orderBy('position')
    .execute();
  for (const row of rows) {
    groups.set(
      row.id,
      toGroup(
        row,
        members.filter((member) => member.group_id === row.id).map((member) => member.component_id),
      ),
    );
  }
  return groups;
}

/** A group as the dashboard lists it: how many members, and when it was archived (null while in use). */
export interface GroupListing {
  id: string;
  name: string;
  description: string | null;
  memberCount: number;
  archivedAt: Date | null;
}

/** One page of groups by name (see NameQuery), each with its number of members. */
export async function searchGroups(db: Queryable, query: NameQuery): Promise<NamePage<GroupListing>> {
  const rows = await db
    .selectFrom('component_groups')
    .select(['id', 'name', 'description', 'archived_at'])
    .select((eb) =>
      eb
        .selectFrom('component_group_members')
        .select((inner) => inner.fn.countAll<number | string>().as('count'))
        .whereRef('component_group_members.group_id', '=', 'component_groups.id')
        .as('member_count'),
    )
    .where(nameQueryWhere<'component_groups'>(query))
    .orderBy('name')
    .orderBy('id')
    .limit(query.limit + 1)
    .execute();
  return toNamePage(rows, query.limit, (row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    memberCount: Number(row.member_count ?? 0),
    archivedAt: fromDbTimeOrNull(row.archived_at),
  }));
}

/** Whether each group among `ids` is archived, keyed by id (absent: no such group). */
export async function findGroupArchivedAt(db: Queryable, ids: readonly string[]): Promise<Map<string, Date | null>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('component_groups').select(['id', 'archived_at']).where('id', 'in', unique).execute();
  return new Map(rows.map((row) => [row.id, fromDbTimeOrNull(row.archived_at)]));
}

/** Archives the group (`at`), or puts it back in use (`null`). */
export async function setGroupArchived(tx: Tx, id: string, at: Date | null, updatedAt: Date): Promise<void> {
  await tx
    .updateTable('component_groups')
    .set({ archived_at: toDbTimeOrNull(at), updated_at: toDbTime(updatedAt) })
    .where('id', '=', id)
    .execute();
}
