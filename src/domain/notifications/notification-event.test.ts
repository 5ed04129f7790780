import { describe, expect, it } from 'vitest';
import { parseScopeKey, scopeKey } from './notification-event.js';

describe('subscription scopes', () => {
  it('round-trips every kind through its key', () => {
    for (const scope of [
      { kind: 'page', pageId: 'p1' },
      { kind: 'sub', pageId: 'p1', entryId: 'e1' },
      { kind: 'customer', customerPageId: 'c1' },
    ] as const) {
      expect(parseScopeKey(scopeKey(scope))).toEqual(scope);
    }
    expect(scopeKey({ kind: 'sub', pageId: 'p', entryId: 'e' })).toBe('sub:p/e');
  });

  it('refuses keys of no scope', () => {
    for (const key of ['', 'page:', 'sub:p1', 'page:p1/e1', 'customer:c/d', 'other:x', 'page:a b', 'page:p1/'])
      expect(parseScopeKey(key), key).toBeNull();
  });
});
