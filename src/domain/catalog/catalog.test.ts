import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_KINDS, hasValue, listValues } from './catalog.js';

describe('catalog values', () => {
  it('knows the seven attribute kinds of docs/catalog.md', () => {
    expect(ATTRIBUTE_KINDS).toEqual(['text', 'number', 'bool', 'url', 'email_domain', 'entry', 'component']);
  });

  it('lists single, list and absent values alike', () => {
    expect(listValues(undefined)).toEqual([]);
    expect(listValues('a')).toEqual(['a']);
    expect(listValues(false)).toEqual([false]);
    expect(listValues(0)).toEqual([0]);
    expect(listValues(['a', 'b'])).toEqual(['a', 'b']);
    expect(listValues([])).toEqual([]);
  });

  it('says whether an entry holds a value, counting false and 0 as values and [] as none', () => {
    const entry = { values: { a: false, b: 0, c: [], d: ['x'] } };
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => hasValue(entry, id))).toEqual([true, true, false, true, false]);
  });
});
