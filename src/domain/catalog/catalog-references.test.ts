import { describe, expect, it } from 'vitest';
import type { CatalogEntry, CatalogType } from './catalog.js';
import { findReferencesToEntry, resolveEntryReference } from './catalog-references.js';

const regions = [
  { id: 'r1', externalId: 'eu-west', name: 'Europe', aliases: ['EU', 'Europe West'] },
  { id: 'r2', externalId: 'us-east', name: 'United States', aliases: ['US'] },
  { id: 'r3', externalId: 'r1', name: 'Asia Pacific', aliases: ['APAC', 'eu'] },
];

describe('resolveEntryReference', () => {
  it('resolves by id, external id, name and alias', () => {
    expect(resolveEntryReference(regions, 'r2')).toEqual({ ok: true, id: 'r2' });
    expect(resolveEntryReference(regions, 'us-east')).toEqual({ ok: true, id: 'r2' });
    expect(resolveEntryReference(regions, 'united states')).toEqual({ ok: true, id: 'r2' });
    expect(resolveEntryReference(regions, 'apac')).toEqual({ ok: true, id: 'r3' });
  });

  it('lets an id win over an external id that happens to equal it', () => {
    expect(resolveEntryReference(regions, 'r1')).toEqual({ ok: true, id: 'r1' });
  });

  it('lets an external id win over another entry’s name, and a name over another entry’s alias', () => {
    const planets = [
      { id: 'p1', externalId: 'mars', name: 'Zeta', aliases: [] },
      { id: 'p2', externalId: 'other', name: 'Mars', aliases: ['zeta'] },
    ];
    expect(resolveEntryReference(planets, 'mars')).toEqual({ ok: true, id: 'p1' });
    expect(resolveEntryReference(planets, 'Zeta')).toEqual({ ok: true, id: 'p1' });
  });

  it('reports an ambiguous alias instead of guessing', () => {
    expect(resolveEntryReference(regions, 'EU')).toEqual({ ok: false, reason: 'ambiguous', ids: ['r1', 'r3'] });
  });

  it('reports a reference that matches nothing', () => {
    expect(resolveEntryReference(regions, 'Mars')).toEqual({ ok: false, reason: 'not_found' });
    expect(resolveEntryReference([], 'r1')).toEqual({ ok: false, reason: 'not_found' });
  });
});

describe('findReferencesToEntry', () => {
  const types: CatalogType[] = [
    {
      id: 'customer',
      name: 'Customer',
      description: null,
      attributes: [
        { id: 'region', name: 'Region', kind: 'entry', isList: false, targetTypeId: 'region' },
        { id: 'also', name: 'Also', kind: 'entry', isList: true, targetTypeId: 'region' },
        { id: 'note', name: 'Note', kind: 'text', isList: false },
      ],
    },
  ];
  const entry = (id: string, values: CatalogEntry['values']): CatalogEntry => ({
    id,
    typeId: 'customer',
    name: id,
    externalId: id,
    aliases: [],
    rank: 0,
    values,
  });

  it('finds single and list references, and ignores text that merely equals the id', () => {
    const entries = [entry('a', { region: 'r1' }), entry('b', { also: ['r2', 'r1'] }), entry('c', { note: 'r1' }), entry('d', {})];
    expect(findReferencesToEntry('r1', types, entries)).toEqual([
      { entryId: 'a', attributeId: 'region' },
      { entryId: 'b', attributeId: 'also' },
    ]);
  });
});
