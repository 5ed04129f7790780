import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { buildTestContext } from '../../../test/helpers/write-fixtures.js';
import { loadSnapshot } from '../live-state/snapshot-loader.js';
import { createPage, getPage } from '../pages/pages.js';
import { archiveComponent, createComponent, findComponentsPage, listComponents, restoreComponent } from './components.js';
import { archiveGroup, createGroup, findGroupsPage, getGroup, listGroups, restoreGroup } from './groups.js';

describeEachEngine('services/structure archive and lists', (database) => {
  it('an archived component leaves the live state (so every page) but keeps its place; restoring brings it back', async () => {
    const { ctx, revisions } = buildTestContext(database());
    const api = await createComponent(ctx, { name: 'API' });
    const web = await createComponent(ctx, { name: 'Web' });
    const group = await createGroup(ctx, { name: 'Core', componentIds: [web.id] });
    const page = await createPage(ctx, {
      slug: 'status',
      name: 'Status',
      items: [
        { kind: 'component', componentId: api.id, showUptime: true },
        { kind: 'group', groupId: group.id, showUptime: true },
      ],
    });
    const before = revisions.length;
    await archiveComponent(ctx, api.id);
    expect(revisions.length).toBe(before + 1);
    const archived = await loadSnapshot(database());
    expect([...archived.components.keys()]).toEqual([web.id]);
    expect((await listComponents(ctx)).map((c) => c.name)).toEqual(['Web']);
    // The structure keeps it, so a restore puts it back where it was.
    expect((await getPage(ctx, page.id)).items).toHaveLength(2);

    await restoreComponent(ctx, api.id);
    expect([...(await loadSnapshot(database())).components.keys()].sort()).toEqual([api.id, web.id].sort());

    await archiveGroup(ctx, group.id);
    const withoutGroup = await loadSnapshot(database());
    expect([...withoutGroup.groups.keys()]).toEqual([]);
    expect(await listGroups(ctx)).toEqual([]);
    expect((await getGroup(ctx, group.id)).componentIds).toEqual([web.id]);
    await restoreGroup(ctx, group.id);
    expect([...(await loadSnapshot(database())).groups.keys()]).toEqual([group.id]);
  });

  it('pages through components by name in the store, searching case-insensitively and literally', async () => {
    const { ctx } = buildTestContext(database());
    for (const name of ['delta', 'Alpha', 'charlie', 'bravo', 'echo 100%', 'echo_x']) await createComponent(ctx, { name });
    const first = await findComponentsPage(ctx, { archived: false, limit: 2 });
    const names = first.items.map((c) => c.name);
    let next = first.next;
    while (next) {
      const page = await findComponentsPage(ctx, { archived: false, limit: 2, after: next });
      names.push(...page.items.map((c) => c.name));
      next = page.next;
    }
    expect(names).toHaveLength(6);
    expect(new Set(names).size).toBe(6);
    expect((await findComponentsPage(ctx, { archived: false, text: 'ALP', limit: 10 })).items.map((c) => c.name)).toEqual(['Alpha']);
    expect((await findComponentsPage(ctx, { archived: false, text: '0%', limit: 10 })).items.map((c) => c.name)).toEqual(['echo 100%']);
    expect((await findComponentsPage(ctx, { archived: false, text: '_', limit: 10 })).items.map((c) => c.name)).toEqual(['echo_x']);

    const alpha = (await findComponentsPage(ctx, { archived: false, text: 'alpha', limit: 1 })).items[0]!;
    await archiveComponent(ctx, alpha.id);
    expect((await findComponentsPage(ctx, { archived: true, limit: 10 })).items.map((c) => [c.name, c.archivedAt !== null])).toEqual([
      ['Alpha', true],
    ]);
    expect((await findComponentsPage(ctx, { archived: false, text: 'alpha', limit: 10 })).items).toEqual([]);
  });

  it('lists groups with their member counts', async () => {
    const { ctx } = buildTestContext(database());
    const a = await createComponent(ctx, { name: 'A' });
    const b = await createComponent(ctx, { name: 'B' });
    await createGroup(ctx, { name: 'Two', componentIds: [a.id, b.id] });
    await createGroup(ctx, { name: 'None' });
    const page = await findGroupsPage(ctx, { archived: false, limit: 10 });
    expect(page.items.map((g) => [g.name, g.memberCount])).toEqual([
      ['None', 0],
      ['Two', 2],
    ]);
    expect(page.next).toBeNull();
  });
});
