import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../test/helpers/catalog-fixtures.js';
import { BeaconError } from '../../domain/errors.js';
import { parseSyncMapping } from './catalog-mapping-file.js';
import { mapSourceRecords } from './catalog-mapping.js';
import { parseSourceFile } from './catalog-source.js';

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const source = (path: string) => parseSourceFile(path, read(path));
const mapping = (path: string) => parseSyncMapping(path, read(path));

function issuesOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof BeaconError) return error.issues;
    throw error;
  }
  throw new Error('expected a BeaconError');
}

describe('parseSyncMapping', () => {
  it('reads the example mappings', () => {
    const plain = mapping('examples/catalog/customers-mapping.yaml');
    expect(plain.syncKey).toBe('crm-customers');
    expect(plain.rules[0]?.records?.segments).toEqual(['customers']);
    const backstage = mapping('examples/catalog/backstage-mapping.yaml');
    expect(backstage.rules[0]?.match.map((m) => [m.segments, m.accepted])).toEqual([
      [['kind'], ['Component']],
      [['spec', 'type'], ['customer']],
    ]);
    expect(backstage.rules[0]?.name?.paths.map((p) => p.text)).toEqual(['metadata.title', 'metadata.name']);
  });

  it('names the file and every bad field', () => {
    const issues = issuesOf(() => mapping('test/fixtures/catalog/bad-mapping.yaml'));
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['test/fixtures/catalog/bad-mapping.yaml: sync_key', 'test/fixtures/catalog/bad-mapping.yaml: rules[0]']),
    );
    expect(issues.find((i) => i.path.endsWith('rules[0]'))?.message).toMatch(/colour/);
    const paths = issuesOf(() =>
      parseSyncMapping('m.yaml', 'sync_key: ok\nrules:\n  - type: T\n    external_id: "a..b"\n    attributes: { x: { path: "x[" } }\n'),
    );
    expect(paths.map((i) => i.path)).toEqual(['m.yaml: rules[0].external_id', 'm.yaml: rules[0].attributes.x.path']);
    expect(issuesOf(() => parseSyncMapping('m.yaml', 'rules: [')).map((i) => i.path)).toEqual(['m.yaml: (file)']);
  });
});

describe('parseSourceFile', () => {
  it('reads every document of a YAML file, and JSON files', () => {
    expect(source('examples/catalog/backstage/customers.yaml').documents).toHaveLength(4);
    expect(source('test/fixtures/catalog/customers.json').documents).toEqual([expect.any(Array)]);
  });

  it('names the file, the document and the line of a syntax error', () => {
    const issues = issuesOf(() => source('test/fixtures/catalog/bad-syntax.yaml'));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('test/fixtures/catalog/bad-syntax.yaml: documents[1]');
    expect(issues[0]?.message).toMatch(/line \d+/);
    expect(issuesOf(() => parseSourceFile('x.json', '{ nope')).map((i) => i.path)).toEqual(['x.json: (file)']);
  });
});

describe('mapSourceRecords', () => {
  it('maps a plain list, every mapped field included', () => {
    const records = mapSourceRecords(mapping('examples/catalog/customers-mapping.yaml'), [source('examples/catalog/customers.yaml')]);
    expect(records.map((r) => r.label)).toEqual([
      'examples/catalog/customers.yaml: customers[0] (external id "hooli")',
      'examples/catalog/customers.yaml: customers[1] (external id "pied-piper")',
      'examples/catalog/customers.yaml: customers[2] (external id "wayne")',
    ]);
    expect(records[0]).toEqual({
      label: 'examples/catalog/customers.yaml: customers[0] (external id "hooli")',
      typeName: 'Customer',
      externalId: 'hooli',
      name: 'Hooli',
      aliases: ['Hooli XYZ'],
      rank: 10,
      values: { 'Email domains': ['hooli.example', '*.hooli-labs.example'], Region: 'EU', Components: ['EU database'] },
    });
    // A mapped field the record lacks empties the attribute; unmapped attributes are left alone.
    expect(records[1]?.aliases).toEqual([]);
  });

  it('maps Backstage entities by kind and type, across documents and files', () => {
    const records = mapSourceRecords(mapping('examples/catalog/backstage-mapping.yaml'), [
      source('examples/catalog/backstage/customers.yaml'),
      source('examples/catalog/backstage/catalog-info.yaml'),
    ]);
    expect(records.map((r) => [r.label, r.name])).toEqual([
      ['examples/catalog/backstage/customers.yaml: documents[0] (external id "stark")', 'Stark Industries'],
      ['examples/catalog/backstage/customers.yaml: documents[1] (external id "wonka")', 'wonka'],
      ['examples/catalog/backstage/catalog-info.yaml: documents[0] (external id "cyberdyne")', 'Cyberdyne Systems'],
    ]);
    expect(records[0]?.values).toEqual({
      'Email domains': ['stark.example', '*.starkindustries.example'],
      Components: ['EU database', 'Search'],
      Region: 'eu',
    });
    expect(records[0]?.aliases).toEqual(['Stark', 'SI']);
    expect(records[1]?.aliases).toEqual([]);
  });

  it('reads a missing optional path as empty, and a name from the first path present', () => {
    const parsed = parseSyncMapping(
      'm.yaml',
      'sync_key: k\nrules:\n  - type: T\n    external_id: id\n    name: { path: [title, id] }\n    attributes: { Site: site }\n',
    );
    const records = mapSourceRecords(parsed, [parseSourceFile('r.yaml', '- id: a\n  title: A\n  site: https://a.example\n- id: b\n')]);
    expect(records.map((r) => [r.name, r.values.Site])).toEqual([
      ['A', 'https://a.example'],
      ['b', null],
    ]);
  });

  it('reads top-level lists and turns numeric ids into text', () => {
    const records = mapSourceRecords(mapping('test/fixtures/catalog/customers-json-mapping.yaml'), [
      source('test/fixtures/catalog/customers.json'),
    ]);
    expect(records.map((r) => [r.label, r.externalId])).toEqual([
      ['test/fixtures/catalog/customers.json: [0] (external id "acme")', 'acme'],
      ['test/fixtures/catalog/customers.json: [1] (external id "42")', '42'],
    ]);
  });

  it('reports bad records naming file, record and field with the source path', () => {
    const issues = issuesOf(() =>
      mapSourceRecords(mapping('examples/catalog/customers-mapping.yaml'), [source('test/fixtures/catalog/bad-records.yaml')]),
    );
    expect(issues).toEqual([
      { path: 'test/fixtures/catalog/bad-records.yaml: customers[1]: external_id', message: 'is missing (from id)' },
      {
        path: 'test/fixtures/catalog/bad-records.yaml: customers[5] (external id "nested"): name',
        message: 'expected a value or a list, got an object (from name)',
      },
    ]);
  });

  it('refuses a records path that is not a list', () => {
    const issues = issuesOf(() =>
      mapSourceRecords(mapping('examples/catalog/customers-mapping.yaml'), [parseSourceFile('odd.yaml', 'customers: {}\n')]),
    );
    expect(issues).toEqual([{ path: 'odd.yaml: customers', message: 'expected a list of records (rules[0].records)' }]);
  });
});
