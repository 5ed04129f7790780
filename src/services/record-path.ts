import { invalid } from '../domain/errors.js';

/** One step into a record: an object key or a list index. */
export type PathSegment = string | number;

const IDENTIFIER = /^[^.[\]"'\s]+/;

/**
 * Parses a dotted path into a source record: `spec.type`, `metadata.annotations["beacon/domains"]`,
 * `contacts[0].email`, `['key.with.dots']`. Throws a validation error naming `where` on bad syntax.
 *
 * @example parseRecordPath('metadata.annotations["beacon/domains"]') // ['metadata', 'annotations', 'beacon/domains']
 */
export function parseRecordPath(text: string, where = 'path'): PathSegment[] {
  const segments: PathSegment[] = [];
  let rest = text.trim();
  const fail = (why: string) => invalid(where, `${JSON.stringify(text)} is not a valid path: ${why}`);
  if (rest === '') throw fail('it is empty');
  let expectDot = false;
  while (rest !== '') {
    if (rest.startsWith('[')) {
      const bracket = /^\[\s*(?:(\d+)|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\]/.exec(rest);
      if (!bracket) throw fail('expected [0], ["key"] or [\'key\'] after "["');
      if (bracket[1] !== undefined) segments.push(Number(bracket[1]));
      else segments.push((bracket[2] ?? bracket[3] ?? '').replace(/\\(.)/g, '$1'));
      rest = rest.slice(bracket[0].length);
      expectDot = true;
      continue;
    }
    if (expectDot) {
      if (!rest.startsWith('.')) throw fail(`unexpected ${JSON.stringify(rest[0])}`);
      rest = rest.slice(1);
    }
    const identifier = IDENTIFIER.exec(rest);
    if (!identifier) throw fail(rest === '' ? 'it ends with "."' : `unexpected ${JSON.stringify(rest[0])}`);
    segments.push(identifier[0]);
    rest = rest.slice(identifier[0].length);
    expectDot = true;
  }
  return segments;
}

/** The value at `path` in `record`, or undefined when any step is missing. */
export function readRecordPath(record: unknown, path: readonly PathSegment[]): unknown {
  let current: unknown = record;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}
