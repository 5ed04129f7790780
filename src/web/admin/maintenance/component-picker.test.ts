import { describe, expect, it } from 'vitest';
import type { Page } from '../../../domain/pages/page.js';
import type { Component, Group } from '../../../domain/status/component.js';
import { buildPickerSections } from './component-picker.js';
import { DEFAULT_BRANDING } from '../../../domain/pages/page-branding.js';

const AT = new Date('2025-01-01T00:00:00Z');
const component = (id: string): Component => ({ id, name: id.toUpperCase(), description: null, createdAt: AT, updatedAt: AT });
const group = (id: string, componentIds: string[]): Group => ({
  id,
  name: `Group ${id}`,
  description: null,
  componentIds,
  createdAt: AT,
  updatedAt: AT,
});
const page = (id: string, name: string, items: Page['items'], isDefault = false): Page => ({
  id,
  slug: id,
  name,
  description: null,
  timeZone: 'UTC',
  branding: DEFAULT_BRANDING,
  isDefault,
  kind: 'standalone',
  items,
  createdAt: AT,
  updatedAt: AT,
});

describe('component picker', () => {
  it('follows the page structures, default page first, each component once, the rest at the end', () => {
    const components = new Map(['a', 'b', 'c', 'd', 'e'].map((id) => [id, component(id)]));
    const groups = new Map([
      ['g1', group('g1', ['a', 'b'])],
      ['g2', group('g2', ['b', 'c'])],
      ['g3', group('g3', ['missing'])],
    ]);
    const pages = new Map([
      ['p1', page('p1', 'Alpha', [{ kind: 'group', groupId: 'g2', showUptime: true }])],
      [
        'p2',
        page(
          'p2',
          'Zulu',
          [
            { kind: 'component', componentId: 'd', showUptime: true },
            { kind: 'group', groupId: 'g1', showUptime: true },
          ],
          true,
        ),
      ],
    ]);
    const sections = buildPickerSections({ pages, groups, components });
    expect(sections.map((s) => [s.heading, s.context, s.components.map((c) => c.id)])).toEqual([
      ['Group g1', 'on Zulu', ['a', 'b']],
      ['Zulu', 'not in a group', ['d']],
      ['Group g2', 'on Alpha', ['c']],
      ['Other components', "on no page's structure", ['e']],
    ]);
  });
});
