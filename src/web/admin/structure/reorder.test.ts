import { describe, expect, it } from 'vitest';
import { moveItem, targetOf } from './reorder.js';

describe('moveItem', () => {
  it('moves an item up, down and to a position, clamped to the list', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 1, 99)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 5, 0)).toEqual(['a', 'b', 'c']);
  });

  it('reads the move request: a direction, or a position, else nothing', () => {
    expect(targetOf(2, { direction: 'up', to: '' })).toBe(1);
    expect(targetOf(2, { direction: 'down', to: '' })).toBe(3);
    expect(targetOf(2, { direction: '', to: '0' })).toBe(0);
    expect(targetOf(2, { direction: 'sideways', to: '-1' })).toBeNull();
    expect(targetOf(2, { direction: '', to: '1e9' })).toBeNull();
  });
});
