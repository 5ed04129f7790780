import { describe, expect, it } from 'vitest';
import { type DiffableEntry, diffCatalogEntry, isSameValue } from './catalog-entry-diff.js';

const entry = (overrides: Partial<DiffableEntry> = {}): DiffableEntry => ({
  name: 'Acme',
  externalId: 'acme',
  aliases: ['ACME'],
  rank: 0,
  values: { domains: ['acme.com'], tier: 1 },
  slug: 'acme',
  source: { kind: 'manual' },
  ...overrides,
});

describe('diffCatalogEntry', () => {
  it('reports nothing for equal entries', () => {
    expect(diffCatalogEntry(entry(), entry())).toEqual([]);
  });

  it('reports each changed field with before and after, attribute by attribute', () => {
    const after = entry({ name: 'Acme Corp', rank: 3, values: { domains: ['acme.com', 'acme.de'], region: 'r1' } });
    expect(diffCatalogEntry(entry(), after)).toEqual([
      { field: 'name', before: 'Acme', after: 'Acme Corp' },
      { field: 'rank', before: 0, after: 3 },
      { field: 'values.domains', before: ['acme.com'], after: ['acme.com', 'acme.de'] },
      { field: 'values.region', before: undefined, after: 'r1' },
      { field: 'values.tier', before: 1, after: undefined },
    ]);
  });

  it('notices a change of list order, aliases and source', () => {
    const after = entry({ aliases: [], values: { domains: ['acme.com'], tier: 1 }, source: { kind: 'sync', syncKey: 'crm' } });
    expect(diffCatalogEntry(entry({ values: { domains: ['acme.com'], tier: 1 } }), after).map((c) => c.field)).toEqual([
      'aliases',
      'source',
    ]);
    expect(isSameValue(['a', 'b'], ['b', 'a'])).toBe(false);
  });

  it('lists only the fields that hold something for a new entry', () => {
    const changes = diffCatalogEntry(null, entry({ aliases: [], values: { domains: [], tier: 2 } }));
    expect(changes.map((c) => c.field)).toEqual(['name', 'external_id', 'rank', 'slug', 'source', 'values.tier']);
    expect(changes.every((c) => c.before === undefined)).toBe(true);
  });
});
