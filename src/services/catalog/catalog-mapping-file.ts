import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { BeaconError, type FieldIssue } from '../../domain/errors.js';
import { type PathSegment, parseRecordPath } from '../record-path.js';

/** How one field is read from a source record. */
export interface FieldSpec {
  /** The paths tried in order; the first that holds a value wins. */
  paths: { text: string; segments: PathSegment[] }[];
  /** Split a text value into a list at this separator (items trimmed, empty ones dropped). */
  split?: string;
  /** Keep only the name of a Backstage entity reference: `group:default/team-a` → `team-a`. */
  entityRef: boolean;
}

/** Which records become entries of which type, and how their fields are read. */
export interface MappingRule {
  /** `rules[0]`, for messages. */
  at: string;
  typeName: string;
  /** Where the records are inside each document; absent: the document itself (or its items, if a list). */
  records?: { text: string; segments: PathSegment[] };
  /** Every path must hold the value (or one of the values) given. */
  match: { text: string; segments: PathSegment[]; accepted: (string | number | boolean)[] }[];
  externalId: FieldSpec;
  name?: FieldSpec;
  aliases?: FieldSpec;
  rank?: FieldSpec;
  /** Keyed by attribute id or name, in the mapping's order. */
  attributes: [string, FieldSpec][];
}

export interface SyncMapping {
  syncKey: string;
  rules: MappingRule[];
}

const Scalar = z.union([z.string(), z.number(), z.boolean()]);
const PathsSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const FieldSpecSchema = z.union([
  z.string().min(1),
  z.strictObject({ path: PathsSchema, split: z.string().min(1).optional(), entity_ref: z.boolean().optional() }),
]);
const RuleSchema = z.strictObject({
  type: z.string().min(1),
  records: z.string().min(1).optional(),
  match: z.record(z.string(), z.union([Scalar, z.array(Scalar).min(1)])).optional(),
  external_id: FieldSpecSchema,
  name: FieldSpecSchema.optional(),
  aliases: FieldSpecSchema.optional(),
  rank: FieldSpecSchema.optional(),
  attributes: z.record(z.string(), FieldSpecSchema).optional(),
});
const MappingSchema = z.strictObject({
  sync_key: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'expected 1–64 of a-z, 0-9, ".", "_" or "-", starting with a letter or digit'),
  rules: z.array(RuleSchema).min(1),
});

/**
 * Parses and checks a mapping file (YAML, see docs/catalog.md). Every problem is reported at once,
 * each naming the file and the field: `customers-mapping.yaml: rules[0].external_id: …`.
 */
export function parseSyncMapping(fileName: string, text: string): SyncMapping {
  let raw: unknown;
  try {
    raw = parseYaml(text, { prettyErrors: true });
  } catch (error) {
    throw fileError(fileName, [{ path: '(file)', message: `is not valid YAML: ${(error as Error).message}` }]);
  }
  const parsed = MappingSchema.safeParse(raw);
  if (!parsed.success) {
    throw fileError(
      fileName,
      parsed.error.issues.map((issue) => ({ path: formatPath(issue.path) || '(file)', message: issue.message })),
    );
  }
  const issues: FieldIssue[] = [];
  // A bad path is noted and compiled as empty, so that every bad path of the file is reported.
  const path = (text: string, where: string) => {
    try {
      return { text, segments: parseRecordPath(text, where) };
    } catch (error) {
      if (!(error instanceof BeaconError)) throw error;
      issues.push(...error.issues);
      return { text, segments: [] };
    }
  };
  const field = (spec: z.infer<typeof FieldSpecSchema>, where: string): FieldSpec => {
    const object = typeof spec === 'string' ? { path: spec } : spec;
    const texts = Array.isArray(object.path) ? object.path : [object.path];
    const at = (i: number) => (Array.isArray(object.path) ? `${where}.path[${i}]` : typeof spec === 'string' ? where : `${where}.path`);
    const result: FieldSpec = { paths: texts.map((t, i) => path(t, at(i))), entityRef: object.entity_ref ?? false };
    if (object.split !== undefined) result.split = object.split;
    return result;
  };
  const rules = parsed.data.rules.map((rule, index): MappingRule => {
    const at = `rules[${index}]`;
    const compiled: MappingRule = {
      at,
      typeName: rule.type,
      match: Object.entries(rule.match ?? {}).map(([key, value]) => ({
        ...path(key, `${at}.match`),
        accepted: Array.isArray(value) ? value : [value],
      })),
      externalId: field(rule.external_id, `${at}.external_id`),
      attributes: Object.entries(rule.attributes ?? {}).map(([key, spec]) => [key, field(spec, `${at}.attributes.${key}`)]),
    };
    if (rule.records !== undefined) compiled.records = path(rule.records, `${at}.records`);
    if (rule.name !== undefined) compiled.name = field(rule.name, `${at}.name`);
    if (rule.aliases !== undefined) compiled.aliases = field(rule.aliases, `${at}.aliases`);
    if (rule.rank !== undefined) compiled.rank = field(rule.rank, `${at}.rank`);
    return compiled;
  });
  if (issues.length > 0) throw fileError(fileName, issues);
  return { syncKey: parsed.data.sync_key, rules };
}

/** Issues prefixed with the file they are about. */
export function fileError(fileName: string, issues: readonly FieldIssue[]): BeaconError {
  const named = issues.map((issue) => ({ path: `${fileName}: ${issue.path}`, message: issue.message }));
  return new BeaconError('validation', named.map((i) => `${i.path}: ${i.message}`).join('; '), named);
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? String(part) : `.${String(part)}`;
  return out;
}
