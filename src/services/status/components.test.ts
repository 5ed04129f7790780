import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { buildTestContext } from '../../../test/helpers/write-fixtures.js';
import { BeaconError } from '../../domain/errors.js';
import { readRevision } from '../../store/transaction.js';
import { createComponent, deleteComponent, getComponent, listComponents, updateComponent } from './components.js';
import { createGroup, getGroup } from './groups.js';
import { createPage, getPage } from '../pages/pages.js';

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof BeaconError ? error.code : String(error)),
  );

describeEachEngine('services/components', (database) => {
  it('creates a component, trimming the name and announcing the revision', async () => {
    const { ctx, revisions } = buildTestContext(database());
    const component = await createComponent(ctx, { name: '  API  ', description: 'Public REST API' });
    expect(component).toMatchObject({ name: 'API', description: 'Public REST API', createdAt: new Date('2025-03-01T12:00:00.000Z') });
    expect(await getComponent(ctx, component.id)).toEqual(component);
    expect(revisions).toEqual([await readRevision(database().db)]);
  });

  it('stores a blank description as null', async () => {
    const { ctx } = buildTestContext(database());
    expect((await createComponent(ctx, { name: 'API', description: '   ' })).description).toBeNull();
    expect((await createComponent(ctx, { name: 'Web' })).description).toBeNull();
  });

  it('names every bad field at once', async () => {
    const { ctx, revisions } = buildTestContext(database());
    const error = await createComponent(ctx, { name: ' ', description: 'x'.repeat(2001) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BeaconError);
    expect((error as BeaconError).issues.map((issue) => issue.path)).toEqual(['name', 'description']);
    expect(await listComponents(ctx)).toEqual([]);
    expect(revisions).toEqual([]);
  });

  it('refuses names longer than 200 characters and NUL characters', async () => {
    const { ctx } = buildTestContext(database());
    expect(await codeOf(createComponent(ctx, { name: 'x'.repeat(201) }))).toBe('validation');
    expect(await codeOf(createComponent(ctx, { name: 'a\u0000b' }))).toBe('validation');
    expect(await codeOf(createComponent(ctx, { name: 'x'.repeat(200) }))).toBe('resolved');
  });

  it('lists components oldest first', async () => {
    const { ctx, advance } = buildTestContext(database());
    const a = await createComponent(ctx, { name: 'A' });
    advance(1000);
    const b = await createComponent(ctx, { name: 'B' });
    expect(await listComponents(ctx)).toEqual([a, b]);
  });

  it('updates only the fields given', async () => {
    const { ctx, advance } = buildTestContext(database());
    const component = await createComponent(ctx, { name: 'API', description: 'old' });
    advance(60_000);
    const renamed = await updateComponent(ctx, component.id, { name: 'Public API' });
    expect(renamed).toEqual({ ...component, name: 'Public API', updatedAt: new Date('2025-03-01T12:01:00.000Z') });
    const cleared = await updateComponent(ctx, component.id, { description: null });
    expect(cleared.description).toBeNull();
    expect(cleared.name).toBe('Public API');
    expect(await getComponent(ctx, component.id)).toEqual(cleared);
  });

  it('reports unknown ids as not found, without writing', async () => {
    const { ctx, revisions } = buildTestContext(database());
    expect(await codeOf(getComponent(ctx, 'nope'))).toBe('not_found');
    expect(await codeOf(getComponent(ctx, 'a\u0000b'))).toBe('not_found');
    expect(await codeOf(updateComponent(ctx, 'nope', { name: 'x' }))).toBe('not_found');
    expect(await codeOf(deleteComponent(ctx, 'nope'))).toBe('not_found');
    expect(revisions).toEqual([]);
  });

  it('deleting a component takes it out of groups and pages, keeping the order of the rest', async () => {
    const { ctx } = buildTestContext(database());
    const [a, b, c] = [
      await createComponent(ctx, { name: 'A' }),
      await createComponent(ctx, { name: 'B' }),
      await createComponent(ctx, { name: 'C' }),
    ];
    const group = await createGroup(ctx, { name: 'G', componentIds: [c.id, a.id] });
    const page = await createPage(ctx, {
      slug: 'status',
      name: 'Status',
      items: [
        { kind: 'component', componentId: b.id, showUptime: true },
        { kind: 'group', groupId: group.id, showUptime: false },
      ],
    });
    await deleteComponent(ctx, c.id);
    expect(await codeOf(getComponent(ctx, c.id))).toBe('not_found');
    expect((await getGroup(ctx, group.id)).componentIds).toEqual([a.id]);
    expect((await getPage(ctx, page.id)).items).toEqual(page.items);

    await deleteComponent(ctx, b.id);
    expect((await getPage(ctx, page.id)).items).toEqual([{ kind: 'group', groupId: group.id, showUptime: false }]);
  });
});
