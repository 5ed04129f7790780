import { describe, expect, it } from 'vitest';
import { buildSnapshot, component, group, placed, single } from '../../../test/helpers/page-kinds-snapshot.js';
import { filterStructure, structureComponentIds, withGroups } from './derived-page.js';

const snapshot = buildSnapshot({
  components: ['a', 'b', 'c', 'd', 'e', 'f'].map(component),
  groups: [group('g1', ['b', 'c']), group('g2', ['d', 'e'])],
});
const items = [single('a', false), placed('g1'), placed('g2', false)];

describe('filterStructure', () => {
  it('keeps single components, keeps groups with their kept members, drops empty groups', () => {
    const result = filterStructure(snapshot, items, ['c', 'a']);
    expect(result.items).toEqual([single('a', false), placed('g1')]);
    expect(result.narrowedGroups).toEqual([{ ...group('g1', ['b', 'c']), componentIds: ['c'] }]);
    expect(result.componentIds).toEqual(['a', 'c']);
  });

  it('narrows nothing when a group is kept whole, and keeps its uptime setting', () => {
    const result = filterStructure(snapshot, items, ['d', 'e']);
    expect(result.items).toEqual([placed('g2', false)]);
    expect(result.narrowedGroups).toEqual([]);
  });

  it('appends kept components the structure does not place, in the order asked, with uptime', () => {
    const result = filterStructure(snapshot, items, ['f', 'b']);
    expect(result.items).toEqual([placed('g1'), single('f')]);
    expect(result.componentIds).toEqual(['b', 'f']);
  });

  it('ignores components missing from the snapshot and unknown groups', () => {
    const result = filterStructure(snapshot, [placed('gone'), single('ghost'), single('a')], ['ghost', 'a', 'nowhere']);
    expect(result.items).toEqual([single('a')]);
    expect(result.componentIds).toEqual(['a']);
  });

  it('never places a component twice, even when a group repeats one placed before it', () => {
    const overlapping = buildSnapshot({ components: ['a', 'b'].map(component), groups: [group('g', ['a', 'b'])] });
    const result = filterStructure(overlapping, [single('a'), placed('g')], ['a', 'b']);
    expect(result.items).toEqual([single('a'), placed('g')]);
    expect(result.narrowedGroups[0]?.componentIds).toEqual(['b']);
    expect(result.componentIds).toEqual(['a', 'b']);
  });

  it('gives an empty structure when nothing is kept', () => {
    expect(filterStructure(snapshot, items, [])).toEqual({ items: [], narrowedGroups: [], componentIds: [] });
  });
});

describe('withGroups', () => {
  it('returns the snapshot itself when nothing changes', () => {
    expect(withGroups(snapshot, [])).toBe(snapshot);
  });

  it('replaces groups in a copy, leaving the loaded snapshot untouched', () => {
    const narrowed = { ...group('g1', ['c']) };
    const copy = withGroups(snapshot, [narrowed]);
    expect(copy.groups.get('g1')?.componentIds).toEqual(['c']);
    expect(snapshot.groups.get('g1')?.componentIds).toEqual(['b', 'c']);
    expect(copy.groups.get('g2')).toBe(snapshot.groups.get('g2'));
    expect(copy.incidents).toBe(snapshot.incidents);
  });
});

describe('structureComponentIds', () => {
  it('expands groups in page order, each component once, existing ones only', () => {
    expect(structureComponentIds(snapshot, [placed('g2'), single('a'), single('ghost'), single('d')])).toEqual(['d', 'e', 'a']);
  });
});
