import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandGlobs } from './expand-globs.js';

describe('expandGlobs', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'beacon-globs-'));
    for (const file of ['a.yaml', 'b.yml', 'c.yaml', '.hidden.yaml', 'sub/d.yaml', 'sub/deep/e.yaml', 'sub/deep/f.json']) {
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), '');
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('expands *, ? and **, sorted, skipping dot files', () => {
    expect(expandGlobs(['*.yaml'], root)).toEqual(['a.yaml', 'c.yaml']);
    expect(expandGlobs(['?.y*ml'], root)).toEqual(['a.yaml', 'b.yml', 'c.yaml']);
    expect(expandGlobs(['**/*.yaml'], root)).toEqual(['a.yaml', 'c.yaml', 'sub/d.yaml', 'sub/deep/e.yaml']);
    expect(expandGlobs(['sub/**/*.json'], root)).toEqual(['sub/deep/f.json']);
    expect(expandGlobs([`${root}/sub/*.yaml`], '/')).toEqual([`${root}/sub/d.yaml`]);
  });

  it('passes plain paths through, drops duplicates, and refuses a pattern matching nothing', () => {
    expect(expandGlobs(['a.yaml', '*.yaml', 'missing.yaml'], root)).toEqual(['a.yaml', 'c.yaml', 'missing.yaml']);
    expect(() => expandGlobs(['*.toml'], root)).toThrow('no file matches "*.toml"');
  });
});
