import { describe, expect, it } from 'vitest';
import { BeaconError } from '../domain/errors.js';
import { parseRecordPath, readRecordPath } from './record-path.js';

describe('parseRecordPath', () => {
  it('parses dotted keys, indexes and quoted keys', () => {
    expect(parseRecordPath('spec.type')).toEqual(['spec', 'type']);
    expect(parseRecordPath('metadata.annotations["beacon/domains"]')).toEqual(['metadata', 'annotations', 'beacon/domains']);
    expect(parseRecordPath("contacts[0]['e.mail']")).toEqual(['contacts', 0, 'e.mail']);
    expect(parseRecordPath('["a\\"b"].c')).toEqual(['a"b', 'c']);
    expect(parseRecordPath('beacon/region')).toEqual(['beacon/region']);
  });

  it('refuses bad syntax, naming where', () => {
    for (const bad of ['', 'a..b', 'a.', 'a[', 'a[x]', 'a["b"]c', '.a', 'a b']) {
      const error = (() => {
        try {
          parseRecordPath(bad, 'rules[0].name');
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(error, bad).toBeInstanceOf(BeaconError);
      expect((error as BeaconError).issues[0]?.path).toBe('rules[0].name');
    }
  });
});

describe('readRecordPath', () => {
  const record = { metadata: { name: 'acme', annotations: { 'beacon/domains': 'acme.com' } }, list: [{ x: 1 }], nothing: null };

  it('reads nested values and answers undefined for missing steps', () => {
    expect(readRecordPath(record, parseRecordPath('metadata.annotations["beacon/domains"]'))).toBe('acme.com');
    expect(readRecordPath(record, parseRecordPath('list[0].x'))).toBe(1);
    expect(readRecordPath(record, parseRecordPath('list[1].x'))).toBeUndefined();
    expect(readRecordPath(record, parseRecordPath('nothing.deeper'))).toBeUndefined();
    expect(readRecordPath(record, parseRecordPath('metadata.toString'))).toBeUndefined();
    expect(readRecordPath(record, parseRecordPath('nothing'))).toBeNull();
  });
});
