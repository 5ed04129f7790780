import { describe, expect, it } from 'vitest';
import type { CatalogType } from './catalog.js';
import { AMBIGUOUS_REFERENCE, validateEntryValues, type ReferenceResolver, type ValidateEntryValuesOptions } from './catalog-values.js';
import { BeaconError } from '../errors.js';

const customer: CatalogType = {
  id: 'customer',
  name: 'Customer',
  description: null,
  attributes: [
    { id: 'note', name: 'Note', kind: 'text', isList: false },
    { id: 'seats', name: 'Seats', kind: 'number', isList: false },
    { id: 'vip', name: 'VIP', kind: 'bool', isList: false },
    { id: 'site', name: 'Website', kind: 'url', isList: false },
    { id: 'allowlist', name: 'Email domains', kind: 'email_domain', isList: true },
    { id: 'region', name: 'Region', kind: 'entry', isList: false, targetTypeId: 'region' },
    { id: 'partners', name: 'Partners', kind: 'entry', isList: true, targetTypeId: 'customer' },
    { id: 'components', name: 'Components', kind: 'component', isList: true },
    { id: 'tags', name: 'Tags', kind: 'text', isList: true },
  ],
};

const resolver: ReferenceResolver = {
  entry: (typeId, ref) => {
    const table: Record<string, Record<string, string>> = {
      region: { r1: 'r1', 'eu-west': 'r1', EU: 'r1', 'us-east': 'r2' },
      customer: { acme: 'c1', globex: 'c2' },
    };
    return table[typeId]?.[ref] ?? null;
  },
  component: (ref) =>
    ref === 'Search'
      ? AMBIGUOUS_REFERENCE
      : (({ api: 'cmp-api', 'cmp-db': 'cmp-db', Database: 'cmp-db' } as Record<string, string>)[ref] ?? null),
};

const strict: ValidateEntryValuesOptions = { allowUnsafeDomains: false };

function issuesOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof BeaconError && error.code === 'validation') return error.issues;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('validateEntryValues', () => {
  it('stores every kind in its canonical form, keyed by attribute id', () => {
    const result = validateEntryValues(
      customer,
      {
        note: 'Key account',
        seats: 120,
        vip: false,
        site: 'HTTPS://Acme.example/status',
        allowlist: ['ACME.com', '*.Bücher.example'],
        region: 'eu-west',
        partners: ['globex'],
        components: ['api', 'Database'],
        tags: [],
      },
      resolver,
      strict,
    );
    expect(result).toEqual({
      values: {
        note: 'Key account',
        seats: 120,
        vip: false,
        site: 'https://acme.example/status',
        allowlist: ['acme.com', '*.xn--bcher-kva.example'],
        region: 'r1',
        partners: ['c2'],
        components: ['cmp-api', 'cmp-db'],
        tags: [],
      },
      overrides: [],
    });
  });

  it('accepts attribute names as keys and stores by id', () => {
    expect(
      validateEntryValues(customer, { 'Email domains': ['acme.com'], Website: 'http://acme.example' }, resolver, strict).values,
    ).toEqual({
      allowlist: ['acme.com'],
      site: 'http://acme.example/',
    });
  });

  it('wraps a single value given to a list attribute, and leaves null attributes empty', () => {
    expect(validateEntryValues(customer, { allowlist: 'acme.com', note: null, seats: undefined }, resolver, strict).values).toEqual({
      allowlist: ['acme.com'],
    });
  });

  it('refuses a list for a single attribute', () => {
    expect(issuesOf(() => validateEntryValues(customer, { region: ['eu-west'] }, resolver, strict))).toEqual([
      { path: 'values.region', message: 'Region holds one value, not a list' },
    ]);
  });

  it('names unknown attributes and attributes given twice', () => {
    expect(issuesOf(() => validateEntryValues(customer, { colour: 'red', note: 'a', Note: 'b' }, resolver, strict))).toEqual([
      { path: 'values.colour', message: 'Customer has no attribute "colour"' },
      { path: 'values.Note', message: 'attribute "Note" is already given as "note"' },
    ]);
  });

  it('refuses values that are not an object', () => {
    expect(issuesOf(() => validateEntryValues(customer, ['x'] as unknown as Record<string, unknown>, resolver, strict))).toEqual([
      { path: 'values', message: 'expected an object of attribute values' },
    ]);
  });

  describe('scalar kinds', () => {
    it.each([
      ['note', 42, /expected text/],
      ['note', 'x'.repeat(10_001), /longer than 10000/],
      ['seats', '12', /finite number/],
      ['seats', Number.NaN, /finite number/],
      ['seats', Number.POSITIVE_INFINITY, /finite number/],
      ['vip', 'yes', /true or false/],
      ['vip', 1, /true or false/],
      ['site', 'javascript:alert(1)', /http or https/],
      ['site', 'ftp://files.example', /http or https/],
      ['site', 'data:text/html,hi', /http or https/],
      ['site', '/relative/path', /not an absolute URL/],
      ['site', 'https://user:pass@acme.example/', /user name or password/],
      ['site', `https://acme.example/${'x'.repeat(2048)}`, /longer than 2048/],
    ])('refuses %s = %j', (key, value, message) => {
      const [issue] = issuesOf(() => validateEntryValues(customer, { [key]: value }, resolver, strict));
      expect(issue?.path).toBe(`values.${key}`);
      expect(issue?.message).toMatch(message);
    });
  });

  describe('email_domain (DOM-3, DOM-5, DOM-8)', () => {
    it.each([
      ['gmail.com', /gmail\.com is a webmail domain/],
      ['eu.gmail.com', /belongs to gmail\.com/],
      ['x.mailinator.com', /disposable/],
      ['co.uk', /public suffix/],
      ['github.io', /public suffix/],
      ['*.github.io', /public suffix/],
      ['com', /public suffix/],
      ['192.168.0.1', /IP address/],
      ['[::1]', /IP address/],
      ['alice@acme.com', /not an address/],
      ['acme..com', /empty label/],
    ])('DOM-8 refuses %s with a message that says why', (domain, message) => {
      const issues = issuesOf(() => validateEntryValues(customer, { allowlist: ['acme.com', domain] }, resolver, strict));
      expect(issues).toHaveLength(1);
      expect(issues[0]?.path).toBe('values.allowlist[1]');
      expect(issues[0]?.message).toMatch(message);
    });

    it('DOM-8 reads as docs/catalog.md shows: values.allowlist[1]: gmail.com is a webmail domain…', () => {
      try {
        validateEntryValues(customer, { allowlist: ['acme.com', 'gmail.com'] }, resolver, strict);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(BeaconError);
        expect((error as BeaconError).message).toMatch(/^values\.allowlist\[1\]: gmail\.com is a webmail domain/);
      }
    });

    it('DOM-8 accepts webmail, disposable and public-suffix domains under an override, and reports each for the audit log', () => {
      const result = validateEntryValues(customer, { allowlist: ['acme.com', 'Gmail.com', '*.github.io', 'x.mailinator.com'] }, resolver, {
        allowUnsafeDomains: true,
      });
      expect(result.values.allowlist).toEqual(['acme.com', 'gmail.com', '*.github.io', 'x.mailinator.com']);
      expect(result.overrides).toEqual([
        { attributeId: 'allowlist', domain: 'gmail.com', reason: 'webmail', message: expect.stringMatching(/webmail/) },
        { attributeId: 'allowlist', domain: '*.github.io', reason: 'public_suffix', message: expect.stringMatching(/public suffix/) },
        { attributeId: 'allowlist', domain: 'x.mailinator.com', reason: 'disposable', message: expect.stringMatching(/disposable/) },
      ]);
    });

    it('DOM-8 never lets an override admit an IP address or a malformed name', () => {
      const options = { allowUnsafeDomains: true };
      expect(issuesOf(() => validateEntryValues(customer, { allowlist: ['10.0.0.1'] }, resolver, options))[0]?.message).toMatch(
        /IP address/,
      );
      expect(issuesOf(() => validateEntryValues(customer, { allowlist: ['not a domain'] }, resolver, options))).toHaveLength(1);
      expect(issuesOf(() => validateEntryValues(customer, { allowlist: ['com'] }, resolver, options))[0]?.message).toMatch(/public suffix/);
    });

    it('DOM-5 refuses the same domain twice once canonicalised', () => {
      expect(issuesOf(() => validateEntryValues(customer, { allowlist: ['acme.com', 'ACME.com'] }, resolver, strict))).toEqual([
        { path: 'values.allowlist[1]', message: 'repeats values.allowlist[0]' },
      ]);
    });

    it('DOM-5 keeps example.com and *.example.com as distinct entries', () => {
      expect(validateEntryValues(customer, { allowlist: ['example.com', '*.example.com'] }, resolver, strict).values.allowlist).toEqual([
        'example.com',
        '*.example.com',
      ]);
    });
  });

  describe('references', () => {
    it('resolves entries of the target type through the resolver', () => {
      expect(validateEntryValues(customer, { region: 'EU', partners: ['acme', 'globex'] }, resolver, strict).values).toEqual({
        region: 'r1',
        partners: ['c1', 'c2'],
      });
    });

    it('refuses references that do not resolve, naming the list position', () => {
      expect(issuesOf(() => validateEntryValues(customer, { region: 'Mars', components: ['api', 'cache'] }, resolver, strict))).toEqual([
        { path: 'values.region', message: 'no entry of type region matches "Mars"' },
        { path: 'values.components[1]', message: 'no component matches "cache"' },
      ]);
    });

    it('refuses a reference several candidates match, saying so', () => {
      expect(issuesOf(() => validateEntryValues(customer, { components: ['api', 'Search'] }, resolver, strict))).toEqual([
        { path: 'values.components[1]', message: 'several components are named "Search"; give the component\'s id' },
      ]);
    });

    it('looks entry references up in the target type only', () => {
      expect(issuesOf(() => validateEntryValues(customer, { region: 'acme' }, resolver, strict))).toHaveLength(1);
    });

    it('refuses two references to the same thing', () => {
      expect(issuesOf(() => validateEntryValues(customer, { components: ['cmp-db', 'Database'] }, resolver, strict))).toEqual([
        { path: 'values.components[1]', message: 'repeats values.components[0]' },
      ]);
    });

    it('refuses non-text and blank references', () => {
      const issues = issuesOf(() => validateEntryValues(customer, { region: 7, components: [''] }, resolver, strict));
      expect(issues.map((i) => i.path)).toEqual(['values.region', 'values.components[0]']);
    });

    it('allows repeated plain text in a list', () => {
      expect(validateEntryValues(customer, { tags: ['a', 'a'] }, resolver, strict).values.tags).toEqual(['a', 'a']);
    });
  });

  it('reports every bad field at once, under the given path prefix', () => {
    const issues = issuesOf(() =>
      validateEntryValues(customer, { seats: 'many', allowlist: ['gmail.com', 'ok.example'], site: 'mailto:x@y.z' }, resolver, {
        allowUnsafeDomains: false,
        pathPrefix: 'entries[3].values',
      }),
    );
    expect(issues.map((i) => i.path)).toEqual(['entries[3].values.seats', 'entries[3].values.allowlist[0]', 'entries[3].values.site']);
  });
});
