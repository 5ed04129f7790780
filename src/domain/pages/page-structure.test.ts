import { describe, expect, it } from 'vitest';
import type { Group } from '../status/component.js';
import { BeaconError } from '../errors.js';
import type { Page, PageItem } from './page.js';
import { pageComponentIds, validatePageItems } from './page-structure.js';
import { DEFAULT_BRANDING } from './page-branding.js';

const at = new Date('2025-05-01T00:00:00Z');
const group = (id: string, componentIds: string[]): Group => ({
  id,
  name: id,
  description: null,
  componentIds,
  createdAt: at,
  updatedAt: at,
});
const groups = new Map([
  ['core', group('core', ['api', 'db'])],
  ['edge', group('edge', ['cdn', 'dns'])],
  ['mixed', group('mixed', ['dns', 'mail'])],
  ['empty', group('empty', [])],
]);
const components = new Set(['api', 'db', 'cdn', 'dns', 'mail', 'web']);
const c = (componentId: string): PageItem => ({ kind: 'component', componentId, showUptime: true });
const g = (groupId: string): PageItem => ({ kind: 'group', groupId, showUptime: false });
const page = (items: PageItem[]): Page => ({
  id: 'p',
  slug: 'status',
  name: 'Status',
  description: null,
  timeZone: 'UTC',
  branding: DEFAULT_BRANDING,
  isDefault: true,
  kind: 'standalone',
  items,
  createdAt: at,
  updatedAt: at,
});

function issuesOf(items: PageItem[]): { path: string; message: string }[] {
  try {
    validatePageItems(items, components, groups);
  } catch (error) {
    expect(error).toBeInstanceOf(BeaconError);
    expect((error as BeaconError).code).toBe('validation');
    return (error as BeaconError).issues;
  }
  throw new Error('expected a validation error');
}

describe('pageComponentIds', () => {
  it('flattens items in page order, expanding groups', () => {
    expect(pageComponentIds(page([c('web'), g('core'), g('edge')]), groups)).toEqual(['web', 'api', 'db', 'cdn', 'dns']);
  });
  it('keeps each component once, at its first place', () => {
    expect(pageComponentIds(page([g('edge'), g('mixed'), c('cdn')]), groups)).toEqual(['cdn', 'dns', 'mail']);
  });
  it('skips unknown and empty groups', () => {
    expect(pageComponentIds(page([g('gone'), g('empty'), c('api')]), groups)).toEqual(['api']);
  });
  it('is empty for an empty page', () => {
    expect(pageComponentIds(page([]), groups)).toEqual([]);
  });
});

describe('validatePageItems', () => {
  it('accepts a well-formed structure, including an empty group and an empty page', () => {
    expect(() => validatePageItems([c('web'), g('core'), g('edge'), g('empty')], components, groups)).not.toThrow();
    expect(() => validatePageItems([], components, groups)).not.toThrow();
  });

  it('names unknown components and groups by their item', () => {
    expect(issuesOf([c('api'), c('nope'), g('gone')])).toEqual([
      { path: 'items[1].component_id', message: 'unknown component "nope"' },
      { path: 'items[2].group_id', message: 'unknown group "gone"' },
    ]);
  });

  it('refuses a component placed twice directly', () => {
    expect(issuesOf([c('api'), c('web'), c('api')])).toEqual([
      { path: 'items[2].component_id', message: 'component "api" is already on the page at items[0]' },
    ]);
  });

  it('refuses a component placed directly and through a group, in either order', () => {
    expect(issuesOf([g('core'), c('db')])).toEqual([
      { path: 'items[1].component_id', message: 'component "db" is already on the page at items[0]' },
    ]);
    expect(issuesOf([c('db'), g('core')])).toEqual([
      { path: 'items[1].group_id', message: 'its component "db" is already on the page at items[0]' },
    ]);
  });

  it('refuses two groups sharing a component, and a group placed twice', () => {
    expect(issuesOf([g('edge'), g('mixed')])).toEqual([
      { path: 'items[1].group_id', message: 'its component "dns" is already on the page at items[0]' },
    ]);
    expect(issuesOf([g('empty'), g('empty')])).toEqual([
      { path: 'items[1].group_id', message: 'group "empty" is already on the page at items[0]' },
    ]);
  });

  it('reports every problem at once, summarising them in the message', () => {
    try {
      validatePageItems([c('x'), c('y')], components, groups);
      throw new Error('expected a validation error');
    } catch (error) {
      expect((error as Error).message).toBe('items[0].component_id: unknown component "x" (and 1 more)');
      expect((error as BeaconError).issues).toHaveLength(2);
    }
  });
});
