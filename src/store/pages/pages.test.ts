import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { BeaconError } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import type { Page } from '../../domain/pages/page.js';
import { insertComponent } from '../status/components.js';
import { insertGroup } from '../status/groups.js';
import {
  clearOtherDefaultPages,
  deletePageRow,
  findPage,
  findPageIdBySlug,
  findPageIdsPlacingGroup,
  insertPage,
  loadAllPages,
  markDefaultPage,
  replacePageItems,
  updatePageRow,
} from './pages.js';
import { writeTransaction } from '../transaction.js';
import { DEFAULT_BRANDING } from '../../domain/pages/page-branding.js';

const at = (iso: string) => new Date(iso);

const buildPage = (overrides: Partial<Page> = {}): Page => ({
  id: newId(),
  slug: `page-${newId()}`,
  name: 'Status',
  description: null,
  timeZone: 'Europe/Berlin',
  branding: DEFAULT_BRANDING,
  isDefault: false,
  kind: 'standalone',
  items: [],
  createdAt: at('2025-03-01T10:00:00.000Z'),
  updatedAt: at('2025-03-01T10:00:00.000Z'),
  ...overrides,
});

describeEachEngine('store/pages', (database) => {
  async function seedComponentAndGroup(): Promise<{ componentId: string; groupId: string }> {
    const componentId = newId();
    const groupId = newId();
    const now = at('2025-01-01T00:00:00.000Z');
    await writeTransaction(database(), async (tx) => {
      await insertComponent(tx, { id: componentId, name: 'API', description: null, createdAt: now, updatedAt: now });
      await insertGroup(tx, { id: groupId, name: 'G', description: null, componentIds: [], createdAt: now, updatedAt: now });
    });
    return { componentId, groupId };
  }

  it('round-trips a page with its items in order', async () => {
    const { componentId, groupId } = await seedComponentAndGroup();
    const page = buildPage({
      slug: 'status',
      description: 'All systems',
      isDefault: true,
      items: [
        { kind: 'group', groupId, showUptime: false },
        { kind: 'component', componentId, showUptime: true },
      ],
    });
    await writeTransaction(database(), (tx) => insertPage(tx, page));
    expect(await findPage(database().db, page.id)).toEqual(page);
    expect(await findPageIdBySlug(database().db, 'status')).toBe(page.id);
    expect(await findPageIdBySlug(database().db, 'other')).toBeNull();
    expect(await findPage(database().db, 'missing')).toBeNull();
    expect(await findPageIdsPlacingGroup(database().db, groupId)).toEqual([page.id]);
  });

  it('refuses a second page with the same slug as a conflict naming the field', async () => {
    await writeTransaction(database(), (tx) => insertPage(tx, buildPage({ slug: 'acme' })));
    const error = await writeTransaction(database(), (tx) => insertPage(tx, buildPage({ slug: 'acme' }))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BeaconError);
    expect((error as BeaconError).code).toBe('conflict');
    expect((error as BeaconError).issues[0]?.path).toBe('slug');
    expect(await loadAllPages(database().db)).toHaveLength(1);
  });

  it('refuses renaming onto a taken slug', async () => {
    const other = buildPage({ slug: 'other' });
    await writeTransaction(database(), async (tx) => {
      await insertPage(tx, buildPage({ slug: 'acme' }));
      await insertPage(tx, other);
    });
    const error = await writeTransaction(database(), (tx) => updatePageRow(tx, { ...other, slug: 'acme' })).catch((e: unknown) => e);
    expect((error as BeaconError).code).toBe('conflict');
  });

  it('updates the row and replaces the items separately', async () => {
    const { componentId } = await seedComponentAndGroup();
    const page = buildPage({ items: [{ kind: 'component', componentId, showUptime: true }] });
    await writeTransaction(database(), (tx) => insertPage(tx, page));
    const changed = {
      ...page,
      slug: 'renamed',
      name: 'Renamed',
      timeZone: 'UTC',
      description: 'x',
      updatedAt: at('2025-04-01T00:00:00.000Z'),
    };
    await writeTransaction(database(), (tx) => updatePageRow(tx, changed));
    expect(await findPage(database().db, page.id)).toEqual(changed);
    await writeTransaction(database(), (tx) => replacePageItems(tx, page.id, []));
    expect((await findPage(database().db, page.id))?.items).toEqual([]);
  });

  it('moves the default flag', async () => {
    const older = buildPage({ isDefault: true, createdAt: at('2025-01-01T00:00:00.000Z') });
    const newer = buildPage({ createdAt: at('2025-02-01T00:00:00.000Z') });
    await writeTransaction(database(), async (tx) => {
      await insertPage(tx, newer);
      await insertPage(tx, older);
    });
    await writeTransaction(database(), async (tx) => {
      await clearOtherDefaultPages(tx, newer.id);
      await markDefaultPage(tx, newer.id);
    });
    const pages = await loadAllPages(database().db);
    expect(pages.map((p) => [p.id, p.isDefault])).toEqual([
      [older.id, false],
      [newer.id, true],
    ]);
  });

  it('refuses a second default page at the database level', async () => {
    await writeTransaction(database(), (tx) => insertPage(tx, buildPage({ isDefault: true })));
    await expect(writeTransaction(database(), (tx) => insertPage(tx, buildPage({ isDefault: true })))).rejects.toThrow();
    expect((await loadAllPages(database().db)).filter((p) => p.isDefault)).toHaveLength(1);
  });

  it('deletes a page with its items', async () => {
    const { componentId } = await seedComponentAndGroup();
    const page = buildPage({ items: [{ kind: 'component', componentId, showUptime: true }] });
    await writeTransaction(database(), (tx) => insertPage(tx, page));
    await writeTransaction(database(), (tx) => deletePageRow(tx, page.id));
    expect(await loadAllPages(database().db)).toHaveLength(0);
    expect(await database().db.selectFrom('page_items').selectAll().execute()).toEqual([]);
  });

  it('loads every page with its own items', async () => {
    const { componentId, groupId } = await seedComponentAndGroup();
    const a = buildPage({ createdAt: at('2025-01-01T00:00:00.000Z'), items: [{ kind: 'component', componentId, showUptime: false }] });
    const b = buildPage({
      createdAt: at('2025-01-02T00:00:00.000Z'),
      items: [
        { kind: 'group', groupId, showUptime: true },
        { kind: 'component', componentId, showUptime: true },
      ],
    });
    const c = buildPage({ createdAt: at('2025-01-03T00:00:00.000Z') });
    await writeTransaction(database(), async (tx) => {
      for (const page of [c, b, a]) await insertPage(tx, page);
    });
    expect(await loadAllPages(database().db)).toEqual([a, b, c]);
  });
});
