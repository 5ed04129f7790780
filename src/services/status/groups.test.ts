import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { failureOf } from '../../../test/helpers/failure-of.js';
import { buildTestContext } from '../../../test/helpers/write-fixtures.js';
import { createComponent, deleteComponent } from './components.js';
import { createGroup, deleteGroup, getGroup, listGroups, updateGroup } from './groups.js';
import { createPage, getPage } from '../pages/pages.js';

describeEachEngine('services/groups', (database) => {
  async function setup() {
    const fixture = buildTestContext(database());
    const { ctx } = fixture;
    const components = [];
    for (const name of ['API', 'Web', 'Database']) components.push(await createComponent(ctx, { name }));
    return { ...fixture, ids: components.map((component) => component.id) };
  }

  it('creates a group keeping the members in the order given', async () => {
    const { ctx, ids } = await setup();
    const group = await createGroup(ctx, { name: ' Core ', description: 'The core', componentIds: [ids[2]!, ids[0]!] });
    expect(group).toMatchObject({ name: 'Core', description: 'The core', componentIds: [ids[2], ids[0]] });
    expect(await getGroup(ctx, group.id)).toEqual(group);
    expect(await listGroups(ctx)).toEqual([group]);
  });

  it('accepts an empty group', async () => {
    const { ctx } = await setup();
    expect((await createGroup(ctx, { name: 'Later' })).componentIds).toEqual([]);
  });

  it('refuses unknown and repeated members, naming each', async () => {
    const { ctx, ids, revisions } = await setup();
    const before = revisions.length;
    const error = await failureOf(createGroup(ctx, { name: 'G', componentIds: [ids[0]!, 'ghost', ids[0]!] }));
    expect(error.code).toBe('validation');
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['component_ids[1]', 'component_ids[2]']);
    expect(await listGroups(ctx)).toEqual([]);
    expect(revisions).toHaveLength(before);
  });

  it('updates name, description and members independently', async () => {
    const { ctx, ids, advance } = await setup();
    const group = await createGroup(ctx, { name: 'G', description: 'd', componentIds: [ids[0]!] });
    advance(5000);
    const renamed = await updateGroup(ctx, group.id, { name: 'H' });
    expect(renamed).toEqual({ ...group, name: 'H', updatedAt: new Date(group.updatedAt.getTime() + 5000) });
    const reordered = await updateGroup(ctx, group.id, { componentIds: [ids[1]!, ids[0]!] });
    expect(reordered.componentIds).toEqual([ids[1], ids[0]]);
    expect(reordered.description).toBe('d');
    expect(await getGroup(ctx, group.id)).toEqual(reordered);
  });

  it('refuses members that would place a component twice on a page showing the group', async () => {
    const { ctx, ids } = await setup();
    const group = await createGroup(ctx, { name: 'G', componentIds: [ids[0]!] });
    await createPage(ctx, {
      slug: 'status',
      name: 'Status',
      items: [
        { kind: 'component', componentId: ids[1]!, showUptime: true },
        { kind: 'group', groupId: group.id, showUptime: true },
      ],
    });
    const error = await failureOf(updateGroup(ctx, group.id, { componentIds: [ids[0]!, ids[1]!] }));
    expect(error.code).toBe('conflict');
    expect(error.issues[0]?.path).toBe('component_ids');
    expect(error.message).toContain('"status"');
    expect((await getGroup(ctx, group.id)).componentIds).toEqual([ids[0]]);
    // A change that keeps every page consistent goes through.
    await updateGroup(ctx, group.id, { componentIds: [ids[2]!, ids[0]!] });
  });

  it('loses a deleted component from its members', async () => {
    const { ctx, ids } = await setup();
    const group = await createGroup(ctx, { name: 'G', componentIds: [ids[0]!, ids[1]!, ids[2]!] });
    await deleteComponent(ctx, ids[1]!);
    expect((await getGroup(ctx, group.id)).componentIds).toEqual([ids[0], ids[2]]);
  });

  it('deleting a group removes it from pages but keeps its components', async () => {
    const { ctx, ids } = await setup();
    const group = await createGroup(ctx, { name: 'G', componentIds: [ids[0]!] });
    const page = await createPage(ctx, {
      slug: 'status',
      name: 'Status',
      items: [
        { kind: 'group', groupId: group.id, showUptime: true },
        { kind: 'component', componentId: ids[1]!, showUptime: true },
      ],
    });
    await deleteGroup(ctx, group.id);
    expect((await failureOf(getGroup(ctx, group.id))).code).toBe('not_found');
    expect((await getPage(ctx, page.id)).items).toEqual([{ kind: 'component', componentId: ids[1], showUptime: true }]);
  });

  it('reports unknown ids as not found', async () => {
    const { ctx } = await setup();
    expect((await failureOf(getGroup(ctx, 'nope'))).code).toBe('not_found');
    expect((await failureOf(updateGroup(ctx, 'nope', { name: 'x' }))).code).toBe('not_found');
    expect((await failureOf(deleteGroup(ctx, 'nope'))).code).toBe('not_found');
  });
});
