import type { FieldIssue } from '../../domain/errors.js';
import { BeaconError } from '../../domain/errors.js';
import type { FieldSpec, MappingRule, SyncMapping } from './catalog-mapping-file.js';
import type { SourceFile } from './catalog-source.js';
import type { SyncInput, SyncRecord } from './catalog-sync.js';
import { readRecordPath } from '../record-path.js';

/**
 * The sync a mapping and its parsed source files describe.
 *
 * @example buildSyncInput(mapping, 'customers-mapping.yaml', [parseSourceFile(name, text)], { allowDelete: false, allowUnsafeDomains: false, actor: 'cli' })
 */
export function buildSyncInput(
  mapping: SyncMapping,
  mappingFile: string,
  files: readonly SourceFile[],
  options: Pick<SyncInput, 'allowDelete' | 'allowUnsafeDomains' | 'actor'>,
): SyncInput {
  return {
    syncKey: mapping.syncKey,
    types: mapping.rules.map((rule) => ({ name: rule.typeName, at: `${mappingFile}: ${rule.at}.type` })),
    records: mapSourceRecords(mapping, files),
    ...options,
  };
}

/**
 * Turns source documents into sync records through the mapping: each record goes to the first rule
 * whose `match` it passes (records no rule matches are ignored, e.g. other Backstage kinds). Every
 * problem of every record is reported at once, naming the file, the record (position and external
 * id) and the field with the path it was read from. Pure: the caller reads the files.
 */
export function mapSourceRecords(mapping: SyncMapping, files: readonly SourceFile[]): SyncRecord[] {
  const issues: FieldIssue[] = [];
  const records: SyncRecord[] = [];
  for (const file of files) {
    const claimed = new Set<unknown>();
    file.documents.forEach((document, documentIndex) => {
      if (document === null) return;
      const docLabel = file.documents.length > 1 ? `documents[${documentIndex}]` : '';
      for (const rule of mapping.rules) {
        for (const { record, position } of listCandidates(rule, document, docLabel, (issue) =>
          issues.push({ path: `${file.name}: ${issue.path}`, message: issue.message }),
        )) {
          if (claimed.has(record) || !matches(rule, record)) continue;
          claimed.add(record);
          const mapped = mapRecord(rule, record, `${file.name}: ${position}`, issues);
          if (mapped) records.push(mapped);
        }
      }
    });
  }
  if (issues.length > 0) throw new BeaconError('validation', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  return records;
}

/** The records a rule looks at in one document, with their position for messages (`documents[2].customers[0]`). */
function listCandidates(
  rule: MappingRule,
  document: unknown,
  docLabel: string,
  report: (issue: FieldIssue) => void,
): { record: unknown; position: string }[] {
  const join = (a: string, b: string) => (a === '' ? b : b.startsWith('[') ? `${a}${b}` : `${a}.${b}`);
  if (rule.records) {
    const list = readRecordPath(document, rule.records.segments);
    if (list === undefined || list === null) return [];
    if (!Array.isArray(list)) {
      report({ path: join(docLabel, rule.records.text), message: `expected a list of records (${rule.at}.records)` });
      return [];
    }
    return list.map((record, index) => ({ record, position: join(docLabel, `${rule.records?.text}[${index}]`) }));
  }
  if (Array.isArray(document)) return document.map((record, index) => ({ record, position: join(docLabel, `[${index}]`) }));
  return [{ record: document, position: docLabel === '' ? 'documents[0]' : docLabel }];
}

function matches(rule: MappingRule, record: unknown): boolean {
  return rule.match.every(({ segments, accepted }) => {
    const value = readRecordPath(record, segments);
    return accepted.some((candidate) => candidate === value);
  });
}

type Read = { ok: true; value: unknown; from: string } | { ok: false; message: string; from: string };

/** Reads one field: the first path holding a value, then `split` and `entity_ref`; null when none does. */
function readField(spec: FieldSpec, record: unknown): Read {
  const from = spec.paths.map((p) => p.text).join(' | ');
  for (const path of spec.paths) {
    let value = readRecordPath(record, path.segments);
    if (value === undefined || value === null) continue;
    if (spec.split !== undefined && typeof value === 'string') {
      const separator = spec.split;
      value = value
        .split(separator)
        .map((item) => item.trim())
        .filter((item) => item !== '');
    }
    if (spec.entityRef) {
      const toName = (item: unknown) => (typeof item === 'string' ? item.replace(/^[^:/]*:/, '').replace(/^.*\//, '') : item);
      value = Array.isArray(value) ? value.map(toName) : toName(value);
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return { ok: false, message: 'expected a value or a list, got an object', from: path.text };
    return { ok: true, value, from: path.text };
  }
  return { ok: true, value: null, from };
}

function mapRecord(rule: MappingRule, record: unknown, position: string, issues: FieldIssue[]): SyncRecord | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    issues.push({
      path: position,
      message: `expected a record (an object), got ${Array.isArray(record) ? 'a list' : JSON.stringify(record)}`,
    });
    return null;
  }
  const count = issues.length;
  const externalRead = readField(rule.externalId, record);
  const externalId = externalRead.ok ? asText(externalRead.value) : undefined;
  const label = externalId === undefined ? position : `${position} (external id ${JSON.stringify(externalId)})`;
  const problem = (field: string, read: Read, message: string) =>
    issues.push({ path: `${label}: ${field}`, message: `${message} (from ${read.from})` });

  if (!externalRead.ok) problem('external_id', externalRead, externalRead.message);
  else if (externalId === undefined)
    problem('external_id', externalRead, externalRead.value === null ? 'is missing' : 'expected text or a number');

  let name: unknown = externalId;
  if (rule.name) {
    const read = readField(rule.name, record);
    if (!read.ok) problem('name', read, read.message);
    else if (read.value !== null) {
      name = asText(read.value);
      if (name === undefined) problem('name', read, 'expected text or a number');
    }
  }
  const mapped: SyncRecord = { label, typeName: rule.typeName, externalId, name, values: {} };
  if (rule.aliases) {
    const read = readField(rule.aliases, record);
    if (!read.ok) problem('aliases', read, read.message);
    else mapped.aliases = read.value === null ? [] : Array.isArray(read.value) ? read.value : [read.value];
  }
  if (rule.rank) {
    const read = readField(rule.rank, record);
    if (!read.ok) problem('rank', read, read.message);
    else mapped.rank = read.value ?? 0;
  }
  for (const [key, spec] of rule.attributes) {
    const read = readField(spec, record);
    if (!read.ok) problem(`values.${key}`, read, read.message);
    else mapped.values[key] = read.value;
  }
  return issues.length === count ? mapped : null;
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
