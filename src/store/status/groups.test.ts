import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import type { Component, Group } from '../../domain/status/component.js';
import { newId } from '../../domain/id.js';
import { insertComponent } from './components.js';
import { deleteGroupRow, findGroup, insertGroup, loadAllGroups, updateGroupRow } from './groups.js';
import { type Tx, writeTransaction } from '../transaction.js';

const at = (iso: string) => new Date(iso);

async function insertComponents(tx: Tx, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const component: Component = {
      id: newId(),
      name: `C${i}`,
      description: null,
      createdAt: at('2025-01-01T00:00:00.000Z'),
      updatedAt: at('2025-01-01T00:00:00.000Z'),
    };
    await insertComponent(tx, component);
    ids.push(component.id);
  }
  return ids;
}

const buildGroup = (componentIds: string[], overrides: Partial<Group> = {}): Group => ({
  id: newId(),
  name: 'Core',
  description: null,
  componentIds,
  createdAt: at('2025-03-01T10:00:00.000Z'),
  updatedAt: at('2025-03-01T10:00:00.000Z'),
  ...overrides,
});

describeEachEngine('store/groups', (database) => {
  it('round-trips a group with its members in the given order', async () => {
    const group = await writeTransaction(database(), async (tx) => {
      const [a, b, c] = await insertComponents(tx, 3);
      const built = buildGroup([c!, a!, b!], { description: 'Everything core' });
      await insertGroup(tx, built);
      return built;
    });
    expect(await findGroup(database().db, group.result.id)).toEqual(group.result);
    expect(await findGroup(database().db, 'missing')).toBeNull();
  });

  it('replaces the members on update', async () => {
    const { result } = await writeTransaction(database(), async (tx) => {
      const ids = await insertComponents(tx, 3);
      const group = buildGroup([ids[0]!, ids[1]!]);
      await insertGroup(tx, group);
      return { group, ids };
    });
    const changed = {
      ...result.group,
      name: 'Edge',
      componentIds: [result.ids[2]!, result.ids[0]!],
      updatedAt: at('2025-03-02T00:00:00.000Z'),
    };
    await writeTransaction(database(), (tx) => updateGroupRow(tx, changed));
    expect(await findGroup(database().db, changed.id)).toEqual(changed);
  });

  it('loads every group with its members, empty groups included', async () => {
    const { result } = await writeTransaction(database(), async (tx) => {
      const ids = await insertComponents(tx, 2);
      const first = buildGroup([ids[1]!, ids[0]!], { name: 'First', createdAt: at('2025-01-01T00:00:00.000Z') });
      const empty = buildGroup([], { name: 'Empty', createdAt: at('2025-01-02T00:00:00.000Z') });
      await insertGroup(tx, empty);
      await insertGroup(tx, first);
      return [first, empty];
    });
    expect(await loadAllGroups(database().db)).toEqual(result);
  });

  it('deletes a group and its members, leaving the components', async () => {
    const { result } = await writeTransaction(database(), async (tx) => {
      const ids = await insertComponents(tx, 1);
      const group = buildGroup(ids);
      await insertGroup(tx, group);
      return group;
    });
    await writeTransaction(database(), (tx) => deleteGroupRow(tx, result.id));
    expect(await loadAllGroups(database().db)).toEqual([]);
    expect(await database().db.selectFrom('component_group_members').selectAll().execute()).toEqual([]);
    expect(await database().db.selectFrom('components').selectAll().execute()).toHaveLength(1);
  });
});
