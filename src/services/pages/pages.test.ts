import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { failureOf } from '../../../test/helpers/failure-of.js';
import { buildTestContext } from '../../../test/helpers/write-fixtures.js';
import type { PageItem } from '../../domain/pages/page.js';
import { createComponent } from '../status/components.js';
import { createGroup } from '../status/groups.js';
import { createPage, deletePage, getPage, listPages, setPageStructure, updatePage } from './pages.js';

const component = (componentId: string, showUptime = true): PageItem => ({ kind: 'component', componentId, showUptime });
const group = (groupId: string, showUptime = true): PageItem => ({ kind: 'group', groupId, showUptime });

describeEachEngine('services/pages', (database) => {
  async function setup() {
    const fixture = buildTestContext(database());
    const { ctx } = fixture;
    const ids: string[] = [];
    for (const name of ['API', 'Web', 'Database', 'Queue']) ids.push((await createComponent(ctx, { name })).id);
    const core = await createGroup(ctx, { name: 'Core', componentIds: [ids[2]!, ids[3]!] });
    return { ...fixture, ids, core };
  }

  const defaults = async (ctx: Parameters<typeof listPages>[0]) =>
    (await listPages(ctx)).filter((page) => page.isDefault).map((page) => page.slug);

  it('creates a page with its structure; the first page is the default', async () => {
    const { ctx, ids, core } = await setup();
    const page = await createPage(ctx, {
      slug: 'status',
      name: 'Acme status',
      description: 'How Acme is doing',
      timeZone: 'Europe/Berlin',
      items: [component(ids[0]!, false), group(core.id), component(ids[1]!)],
    });
    expect(page).toMatchObject({ slug: 'status', name: 'Acme status', timeZone: 'Europe/Berlin', isDefault: true, kind: 'standalone' });
    expect(await getPage(ctx, page.id)).toEqual(page);
    expect(page.items).toEqual([component(ids[0]!, false), group(core.id), component(ids[1]!)]);
  });

  it('defaults the time zone to UTC and the structure to empty', async () => {
    const { ctx } = await setup();
    const page = await createPage(ctx, { slug: 'status', name: 'Status' });
    expect(page).toMatchObject({ timeZone: 'UTC', items: [], description: null });
  });

  it('keeps exactly one default page', async () => {
    const { ctx, advance } = await setup();
    const first = await createPage(ctx, { slug: 'first', name: 'First', isDefault: false });
    advance(1000);
    const second = await createPage(ctx, { slug: 'second', name: 'Second' });
    expect(second.isDefault).toBe(false);
    expect(await defaults(ctx)).toEqual(['first']);

    advance(1000);
    await createPage(ctx, { slug: 'third', name: 'Third', isDefault: true });
    expect(await defaults(ctx)).toEqual(['third']);

    await updatePage(ctx, second.id, { isDefault: true });
    expect(await defaults(ctx)).toEqual(['second']);
    expect((await getPage(ctx, first.id)).isDefault).toBe(false);
  });

  it('refuses to unset the default flag on the default page', async () => {
    const { ctx } = await setup();
    const page = await createPage(ctx, { slug: 'status', name: 'Status' });
    const error = await failureOf(updatePage(ctx, page.id, { isDefault: false }));
    expect(error.code).toBe('conflict');
    expect(error.issues[0]?.path).toBe('is_default');
    expect((await getPage(ctx, page.id)).isDefault).toBe(true);
  });

  it('promotes the oldest remaining page when the default page is deleted', async () => {
    const { ctx, advance } = await setup();
    await createPage(ctx, { slug: 'a', name: 'A' });
    advance(1000);
    const b = await createPage(ctx, { slug: 'b', name: 'B' });
    advance(1000);
    const c = await createPage(ctx, { slug: 'cc', name: 'C', isDefault: true });
    await deletePage(ctx, c.id, 'test');
    expect(await defaults(ctx)).toEqual(['a']);
    const a = (await listPages(ctx)).find((page) => page.slug === 'a')!;
    await deletePage(ctx, a.id, 'test');
    expect(await defaults(ctx)).toEqual(['b']);
    await deletePage(ctx, b.id, 'test');
    expect(await listPages(ctx)).toEqual([]);
    // The next page created is the default again.
    expect((await createPage(ctx, { slug: 'dd', name: 'D' })).isDefault).toBe(true);
  });

  it('never makes a customer page set the default, not even as the first page', async () => {
    const { ctx, advance } = await setup();
    const set = await createPage(ctx, { slug: 'customers', name: 'Customers', kind: 'customer_set' });
    expect(set.isDefault).toBe(false);
    advance(1000);
    expect((await createPage(ctx, { slug: 'public', name: 'Public' })).isDefault).toBe(true);
    await expect(updatePage(ctx, set.id, { isDefault: true })).rejects.toMatchObject({ code: 'unprocessable' });
    const other = await createPage(ctx, { slug: 'other', name: 'Other' });
    await deletePage(ctx, (await listPages(ctx)).find((page) => page.slug === 'public')!.id, 'test');
    // The oldest remaining page is the set, but only a public page may be promoted.
    expect(await defaults(ctx)).toEqual([other.slug]);
  });

  it('deleting a page that is not the default leaves the default alone', async () => {
    const { ctx, advance } = await setup();
    await createPage(ctx, { slug: 'a', name: 'A' });
    advance(1000);
    const b = await createPage(ctx, { slug: 'b', name: 'B' });
    await deletePage(ctx, b.id, 'test');
    expect(await defaults(ctx)).toEqual(['a']);
  });

  it('refuses a slug that is taken, reserved or malformed', async () => {
    const { ctx } = await setup();
    const page = await createPage(ctx, { slug: 'status', name: 'Status' });
    const taken = await failureOf(createPage(ctx, { slug: 'status', name: 'Again' }));
    expect(taken.code).toBe('conflict');
    expect(taken.issues[0]?.path).toBe('slug');
    expect((await failureOf(createPage(ctx, { slug: 'admin', name: 'X' }))).issues[0]?.message).toContain('reserved');
    expect((await failureOf(createPage(ctx, { slug: 'Not A Slug', name: 'X' }))).code).toBe('validation');

    const other = await createPage(ctx, { slug: 'other', name: 'Other' });
    expect((await failureOf(updatePage(ctx, other.id, { slug: 'status' }))).code).toBe('conflict');
    // Keeping one's own slug is not a conflict.
    expect((await updatePage(ctx, page.id, { slug: 'status', name: 'Renamed' })).name).toBe('Renamed');
  });

  it('refuses unknown time zones', async () => {
    const { ctx } = await setup();
    const error = await failureOf(createPage(ctx, { slug: 'status', name: 'S', timeZone: 'Mars/Olympus' }));
    expect(error.issues).toEqual([{ path: 'time_zone', message: expect.stringContaining('Mars/Olympus') }]);
  });

  it('names every bad field at once, structure included', async () => {
    const { ctx, ids } = await setup();
    const error = await failureOf(
      createPage(ctx, { slug: '-bad', name: '', timeZone: 'Nowhere', items: [component(ids[0]!), component('ghost'), group('nogroup')] }),
    );
    expect(error.code).toBe('validation');
    expect(error.issues.map((issue) => issue.path)).toEqual(['slug', 'name', 'time_zone', 'items[1].component_id', 'items[2].group_id']);
    expect(await listPages(ctx)).toEqual([]);
  });

  it('refuses a component placed twice, directly or through a group', async () => {
    const { ctx, ids, core } = await setup();
    const direct = await failureOf(
      createPage(ctx, { slug: 's', name: 'S', items: [component(ids[0]!), component(ids[1]!), component(ids[0]!)] }),
    );
    expect(direct.issues.map((issue) => issue.path)).toEqual(['items[2].component_id']);

    const viaGroup = await failureOf(createPage(ctx, { slug: 's', name: 'S', items: [component(ids[2]!), group(core.id)] }));
    expect(viaGroup.issues.map((issue) => issue.path)).toEqual(['items[1].group_id']);

    const groupTwice = await failureOf(createPage(ctx, { slug: 's', name: 'S', items: [group(core.id), group(core.id)] }));
    expect(groupTwice.issues.map((issue) => issue.path)).toEqual(['items[1].group_id']);
  });

  it('replaces the structure with setPageStructure', async () => {
    const { ctx, ids, core, advance } = await setup();
    const page = await createPage(ctx, { slug: 'status', name: 'S', items: [component(ids[0]!)] });
    advance(1000);
    const next = await setPageStructure(ctx, page.id, [group(core.id, false), component(ids[1]!), component(ids[0]!)]);
    expect(next.items).toEqual([group(core.id, false), component(ids[1]!), component(ids[0]!)]);
    expect(next.updatedAt.getTime()).toBe(page.updatedAt.getTime() + 1000);
    expect(await getPage(ctx, page.id)).toEqual(next);
    expect((await setPageStructure(ctx, page.id, [])).items).toEqual([]);

    const refused = await failureOf(setPageStructure(ctx, page.id, [component(ids[0]!), component('x')]));
    expect(refused.issues.map((issue) => issue.path)).toEqual(['items[1].component_id']);
    expect((await getPage(ctx, page.id)).items).toEqual([]);
  });

  it('updates only the fields given', async () => {
    const { ctx, ids } = await setup();
    const page = await createPage(ctx, { slug: 'status', name: 'S', description: 'd', items: [component(ids[0]!)] });
    const next = await updatePage(ctx, page.id, { timeZone: 'America/New_York', description: null });
    expect(next).toEqual({ ...page, timeZone: 'America/New_York', description: null, updatedAt: next.updatedAt });
    expect(await getPage(ctx, page.id)).toEqual(next);
  });

  it('reports unknown ids as not found', async () => {
    const { ctx } = await setup();
    expect((await failureOf(getPage(ctx, 'nope'))).code).toBe('not_found');
    expect((await failureOf(updatePage(ctx, 'nope', { name: 'x' }))).code).toBe('not_found');
    expect((await failureOf(setPageStructure(ctx, 'nope', []))).code).toBe('not_found');
    expect((await failureOf(deletePage(ctx, 'nope', 'test'))).code).toBe('not_found');
  });
});
