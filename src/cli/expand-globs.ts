import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const GLOB_CHARS = /[*?]/;

/**
 * Expands `*`, `?` and `**` in file patterns (quoted globs, or shells that leave them be),
 * relative to `cwd`. Plain paths pass through unchanged; a pattern matching nothing is an error.
 * Matches are sorted, duplicates dropped, and `*` does not match names starting with a dot.
 *
 * @example expandGlobs(['catalog/*.yaml'], process.cwd()) // ['catalog/a.yaml', 'catalog/b.yaml']
 */
export function expandGlobs(patterns: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  for (const pattern of patterns) {
    if (!GLOB_CHARS.test(pattern)) {
      files.push(pattern);
      continue;
    }
    const segments = pattern.split('/');
    const firstGlob = segments.findIndex((segment) => GLOB_CHARS.test(segment));
    const base = segments.slice(0, firstGlob).join('/');
    const matches = walk(cwd, base, segments.slice(firstGlob)).sort();
    if (matches.length === 0) throw new Error(`no file matches ${JSON.stringify(pattern)}`);
    files.push(...matches);
  }
  return [...new Set(files)];
}

function walk(cwd: string, dir: string, rest: readonly string[]): string[] {
  const [segment, ...tail] = rest;
  if (segment === undefined) return [];
  let children;
  try {
    children = readdirSync(resolve(cwd, dir || '.'), { withFileTypes: true });
  } catch {
    return [];
  }
  const at = (name: string) => (dir === '' ? name : `${dir}/${name}`);
  if (segment === '**') {
    // Zero directories, or one more and still inside `**`.
    const here = walk(cwd, dir, tail);
    const deeper = children.filter((c) => c.isDirectory() && !c.name.startsWith('.')).flatMap((c) => walk(cwd, at(c.name), rest));
    return [...here, ...deeper];
  }
  const matcher = toRegExp(segment);
  return children
    .filter((child) => matcher.test(child.name) && !(child.name.startsWith('.') && !segment.startsWith('.')))
    .flatMap((child) =>
      tail.length === 0 ? (child.isFile() ? [at(child.name)] : []) : child.isDirectory() ? walk(cwd, at(child.name), tail) : [],
    );
}

function toRegExp(segment: string): RegExp {
  const source = segment
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${source}$`);
}
