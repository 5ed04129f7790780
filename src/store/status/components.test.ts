import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import type { Component } from '../../domain/status/component.js';
import { newId } from '../../domain/id.js';
import {
  deleteComponentRow,
  findComponent,
  findMissingComponentIds,
  insertComponent,
  loadAllComponents,
  updateComponentRow,
} from './components.js';
import { insertGroup, loadAllGroups } from './groups.js';
import { insertPage, loadAllPages } from '../pages/pages.js';
import { writeTransaction } from '../transaction.js';
import { DEFAULT_BRANDING } from '../../domain/pages/page-branding.js';

const buildComponent = (overrides: Partial<Component> = {}): Component => ({
  id: newId(),
  name: 'API',
  description: null,
  createdAt: new Date('2025-03-01T10:00:00.123Z'),
  updatedAt: new Date('2025-03-01T10:00:00.123Z'),
  ...overrides,
});

describeEachEngine('store/components', (database) => {
  it('round-trips every field', async () => {
    const component = buildComponent({ name: 'EU database', description: 'Primary cluster in Frankfurt' });
    await writeTransaction(database(), (tx) => insertComponent(tx, component));
    expect(await findComponent(database().db, component.id)).toEqual(component);
    expect(await findComponent(database().db, 'missing')).toBeNull();
  });

  it('updates name, description and updatedAt but not createdAt', async () => {
    const component = buildComponent({ description: 'old' });
    await writeTransaction(database(), (tx) => insertComponent(tx, component));
    const changed = {
      ...component,
      name: 'Public API',
      description: null,
      updatedAt: new Date('2025-03-02T00:00:00.000Z'),
      createdAt: new Date('2030-01-01T00:00:00.000Z'),
    };
    await writeTransaction(database(), (tx) => updateComponentRow(tx, changed));
    expect(await findComponent(database().db, component.id)).toEqual({ ...changed, createdAt: component.createdAt });
  });

  it('loads all components oldest first', async () => {
    const later = buildComponent({ name: 'B', createdAt: new Date('2025-03-02T00:00:00.000Z') });
    const earlier = buildComponent({ name: 'A', createdAt: new Date('2025-03-01T00:00:00.000Z') });
    await writeTransaction(database(), async (tx) => {
      await insertComponent(tx, later);
      await insertComponent(tx, earlier);
    });
    expect((await loadAllComponents(database().db)).map((c) => c.name)).toEqual(['A', 'B']);
  });

  it('finds the ids that name no component', async () => {
    const component = buildComponent();
    await writeTransaction(database(), (tx) => insertComponent(tx, component));
    expect(await findMissingComponentIds(database().db, [component.id, 'nope', 'nope'])).toEqual(new Set(['nope']));
    expect(await findMissingComponentIds(database().db, [])).toEqual(new Set());
  });

  it('deleting a component removes it from groups and page items', async () => {
    const [a, b] = [buildComponent({ name: 'A' }), buildComponent({ name: 'B' })];
    const now = new Date('2025-03-01T00:00:00.000Z');
    const groupId = newId();
    const pageId = newId();
    await writeTransaction(database(), async (tx) => {
      await insertComponent(tx, a);
      await insertComponent(tx, b);
      await insertGroup(tx, { id: groupId, name: 'G', description: null, componentIds: [a.id, b.id], createdAt: now, updatedAt: now });
      await insertPage(tx, {
        id: pageId,
        slug: 'status',
        name: 'Status',
        description: null,
        timeZone: 'UTC',
        branding: DEFAULT_BRANDING,
        isDefault: true,
        kind: 'standalone',
        items: [
          { kind: 'component', componentId: a.id, showUptime: true },
          { kind: 'group', groupId, showUptime: false },
        ],
        createdAt: now,
        updatedAt: now,
      });
    });
    await writeTransaction(database(), (tx) => deleteComponentRow(tx, a.id));
    expect(await findComponent(database().db, a.id)).toBeNull();
    expect((await loadAllGroups(database().db))[0]?.componentIds).toEqual([b.id]);
    expect((await loadAllPages(database().db))[0]?.items).toEqual([{ kind: 'group', groupId, showUptime: false }]);
  });
});
