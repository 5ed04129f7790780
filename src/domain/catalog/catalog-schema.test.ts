import { describe, expect, it } from 'vitest';
import type { CatalogAttribute, CatalogEntry, CatalogType } from './catalog.js';
import { convertValuesToSchema, findSchemaChangeBreakage, findTypeRemovalBreakage, validateCatalogSchema } from './catalog-schema.js';
import { BeaconError } from '../errors.js';

function type(attributes: CatalogAttribute[], id = 'customer'): CatalogType {
  return { id, name: 'Customer', description: null, attributes };
}

function entry(id: string, values: CatalogEntry['values'], typeId = 'customer'): CatalogEntry {
  return { id, typeId, name: `Entry ${id}`, externalId: `ext-${id}`, aliases: [], rank: 0, values };
}

const text = (id: string, isList = false): CatalogAttribute => ({ id, name: id.toUpperCase(), kind: 'text', isList });

function issuesOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof BeaconError && error.code === 'validation') return error.issues;
    throw error;
  }
  return [];
}

describe('validateCatalogSchema', () => {
  const known = (id: string) => id === 'region';

  it('accepts a well-formed schema, including a reference to its own type', () => {
    const schema = type([
      text('note'),
      { id: 'region', name: 'Region', kind: 'entry', isList: false, targetTypeId: 'region' },
      { id: 'parent', name: 'Parent', kind: 'entry', isList: false, targetTypeId: 'customer' },
      { id: 'domains', name: 'Domains', kind: 'email_domain', isList: true },
    ]);
    expect(() => validateCatalogSchema(schema, known)).not.toThrow();
  });

  it('names each bad field', () => {
    const issues = issuesOf(() =>
      validateCatalogSchema(
        {
          id: 'customer',
          name: ' ',
          attributes: [
            { id: 'Bad Id', name: 'Same', kind: 'text', isList: false },
            { id: 'a', name: 'same', kind: 'colour' as never, isList: false },
            { id: 'a', name: 'B', kind: 'entry', isList: false },
            { id: 'c', name: 'C', kind: 'entry', isList: false, targetTypeId: 'nope' },
            { id: 'd', name: 'D', kind: 'text', isList: false, targetTypeId: 'region' },
          ],
        },
        known,
      ),
    );
    expect(issues.map((i) => i.path)).toEqual([
      'name',
      'attributes[0].id',
      'attributes[1].name',
      'attributes[1].kind',
      'attributes[2].id',
      'attributes[2].targetTypeId',
      'attributes[3].targetTypeId',
      'attributes[4].targetTypeId',
    ]);
  });

  it("refuses a name equal to another attribute's id, since values may be keyed by either", () => {
    const issues = issuesOf(() =>
      validateCatalogSchema(
        type([
          { ...text('note'), name: 'Remark' },
          { ...text('memo'), name: 'note' },
        ]),
        known,
      ),
    );
    expect(issues).toEqual([{ path: 'attributes[1].name', message: 'is the id of attributes[0]' }]);
  });
});

describe('findSchemaChangeBreakage', () => {
  it('finds nothing for a rename, a reorder, a new attribute or single → list', () => {
    const before = type([text('a'), text('b')]);
    const after = type([{ ...text('b', true), name: 'Renamed' }, text('a'), text('c')]);
    expect(findSchemaChangeBreakage(before, after, [entry('1', { a: 'x', b: 'y' })])).toEqual([]);
  });

  it('lists entries that hold values for a removed attribute, and only those', () => {
    const before = type([text('a'), text('b')]);
    const after = type([text('a')]);
    expect(findSchemaChangeBreakage(before, after, [entry('1', { b: 'y' }), entry('2', { a: 'x' }), entry('3', { b: [] })])).toEqual([
      {
        entryId: '1',
        entryName: 'Entry 1',
        externalId: 'ext-1',
        attributeId: 'b',
        reason: 'attribute "B" is removed; its value would be lost',
      },
    ]);
  });

  it('list → single breaks only entries with more than one value', () => {
    const before = type([text('tags', true)]);
    const after = type([text('tags', false)]);
    const broken = findSchemaChangeBreakage(before, after, [
      entry('1', { tags: ['a', 'b'] }),
      entry('2', { tags: ['a'] }),
      entry('3', { tags: [] }),
    ]);
    expect(broken.map((b) => [b.entryId, b.reason])).toEqual([['1', 'TAGS would hold one value but holds 2']]);
  });

  it('a kind change breaks the entries whose stored values do not fit the new kind', () => {
    const before = type([text('site')]);
    const after = type([{ id: 'site', name: 'Site', kind: 'url', isList: false }]);
    const broken = findSchemaChangeBreakage(before, after, [entry('1', { site: 'https://acme.example' }), entry('2', { site: 'call us' })]);
    expect(broken.map((b) => b.entryId)).toEqual(['2']);
    expect(broken[0]?.reason).toMatch(/changes from text to url and "call us" is not a valid url/);
  });

  it('DOM-8 a change to email_domain breaks entries holding unsafe domains, so no override is skipped', () => {
    const before = type([text('domains', true)]);
    const after = type([{ id: 'domains', name: 'Domains', kind: 'email_domain', isList: true }]);
    const broken = findSchemaChangeBreakage(before, after, [
      entry('1', { domains: ['acme.com'] }),
      entry('2', { domains: ['acme.com', 'gmail.com'] }),
    ]);
    expect(broken.map((b) => b.entryId)).toEqual(['2']);
  });

  it('any change to or from a reference kind breaks entries with values', () => {
    const ref: CatalogAttribute = { id: 'r', name: 'R', kind: 'entry', isList: false, targetTypeId: 'region' };
    const comp: CatalogAttribute = { id: 'r', name: 'R', kind: 'component', isList: false };
    expect(findSchemaChangeBreakage(type([ref]), type([text('r')]), [entry('1', { r: 'id1' })])).toHaveLength(1);
    expect(findSchemaChangeBreakage(type([text('r')]), type([ref]), [entry('1', { r: 'id1' })])).toHaveLength(1);
    expect(findSchemaChangeBreakage(type([ref]), type([comp]), [entry('1', { r: 'id1' })])).toHaveLength(1);
    expect(findSchemaChangeBreakage(type([ref]), type([ref]), [entry('1', { r: 'id1' })])).toEqual([]);
  });

  it('a new target type breaks entries holding references', () => {
    const before = type([{ id: 'r', name: 'R', kind: 'entry', isList: true, targetTypeId: 'region' }]);
    const after = type([{ id: 'r', name: 'R', kind: 'entry', isList: true, targetTypeId: 'product' }]);
    expect(findSchemaChangeBreakage(before, after, [entry('1', { r: ['x'] }), entry('2', { r: [] })]).map((b) => b.entryId)).toEqual(['1']);
  });

  it('values convert to text without breaking', () => {
    const before = type([{ id: 'n', name: 'N', kind: 'number', isList: false }]);
    expect(findSchemaChangeBreakage(before, type([text('n')]), [entry('1', { n: 3 })])).toEqual([]);
  });

  it('looks only at entries of the changed type', () => {
    expect(findSchemaChangeBreakage(type([text('a')]), type([]), [entry('1', { a: 'x' }, 'region')])).toEqual([]);
  });
});

describe('convertValuesToSchema', () => {
  it('wraps, unwraps, converts and drops as the new schema says', () => {
    const before = type([
      text('single'),
      text('list', true),
      text('gone'),
      { id: 'count', name: 'Count', kind: 'number', isList: false },
      text('site'),
      text('many', true),
    ]);
    const after = type([
      text('single', true),
      text('list', false),
      text('count'),
      { id: 'site', name: 'Site', kind: 'url', isList: false },
      text('many', false),
      text('fresh'),
    ]);
    expect(
      convertValuesToSchema(before, after, {
        single: 'a',
        list: ['b'],
        gone: 'x',
        count: 7,
        site: 'HTTPS://ACME.example',
        many: ['1', '2'],
      }),
    ).toEqual({ single: ['a'], list: 'b', count: '7', site: 'https://acme.example/' });
  });

  it('DOM-8 drops unsafe domains on a forced change to email_domain rather than admit them', () => {
    const before = type([text('d', true)]);
    const after = type([{ id: 'd', name: 'D', kind: 'email_domain', isList: true }]);
    expect(convertValuesToSchema(before, after, { d: ['gmail.com'] })).toEqual({});
    expect(convertValuesToSchema(before, after, { d: ['ACME.com'] })).toEqual({ d: ['acme.com'] });
  });

  it('turns an empty list into no value for a single attribute', () => {
    expect(convertValuesToSchema(type([text('a', true)]), type([text('a')]), { a: [] })).toEqual({});
  });
});

describe('findTypeRemovalBreakage', () => {
  it('lists the attributes and entries of other types that refer to the removed type', () => {
    const region = type([], 'region');
    const customer = type([
      { id: 'region', name: 'Region', kind: 'entry', isList: false, targetTypeId: 'region' },
      { id: 'note', name: 'Note', kind: 'text', isList: false },
    ]);
    const result = findTypeRemovalBreakage(
      'region',
      [region, customer],
      [entry('r1', {}, 'region'), entry('c1', { region: 'r1' }), entry('c2', { note: 'r1' })],
    );
    expect(result.attributes).toEqual([{ typeId: 'customer', attributeId: 'region' }]);
    expect(result.entries.map((b) => [b.entryId, b.attributeId])).toEqual([['c1', 'region']]);
  });

  it('ignores a self-reference inside the removed type', () => {
    const self = type([{ id: 'parent', name: 'Parent', kind: 'entry', isList: false, targetTypeId: 'customer' }]);
    expect(findTypeRemovalBreakage('customer', [self], [entry('c1', { parent: 'c2' })])).toEqual({ attributes: [], entries: [] });
  });
});
