import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_KINDS, listValues } from './catalog.js';

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
});
