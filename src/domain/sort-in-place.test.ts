import { describe, expect, it } from 'vitest';
import { sortInPlace } from './sort-in-place.js';

const byKey = (a: { key: number }, b: { key: number }): number => a.key - b.key;

describe('sortInPlace', () => {
  it('sorts an unordered list in place, as Array.prototype.sort does', () => {
    const list = [3, 1, 2];
    expect(sortInPlace(list, (a, b) => a - b)).toBe(list);
    expect(list).toEqual([1, 2, 3]);
  });

  it('keeps equal items in their order (stable)', () => {
    const list = [
      { key: 2, name: 'a' },
      { key: 1, name: 'b' },
      { key: 2, name: 'c' },
      { key: 1, name: 'd' },
    ];
    expect(sortInPlace(list, byKey).map((item) => item.name)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('leaves an ordered list untouched, without calling sort', () => {
    const list = [
      { key: 1, name: 'a' },
      { key: 1, name: 'b' },
      { key: 2, name: 'c' },
    ];
    list.sort = () => {
      throw new Error('sorted an ordered list');
    };
    expect(sortInPlace(list, byKey).map((item) => item.name)).toEqual(['a', 'b', 'c']);
  });

  it('handles empty and single-item lists', () => {
    expect(sortInPlace([], byKey)).toEqual([]);
    expect(sortInPlace([{ key: 1 }], byKey)).toEqual([{ key: 1 }]);
  });
});
