import { type DomainVerdict, judgeAllowlistDomain } from '../../../domain/access/domain-verdict.js';
import { type AttributeValue, type CatalogAttribute, type CatalogType, listValues } from '../../../domain/catalog/catalog.js';
import type { FieldIssue } from '../../../domain/errors.js';
import type { CatalogEntryInput, CatalogEntryRecord } from '../../../services/catalog/catalog-entries.js';
import type { FormFields } from '../../customer/form-body.js';
import { issuesByField, linesOf, textField, textFields } from './catalog-form-fields.js';

/** The entry form as it was sent (or as the entry reads), with what was wrong with it. */
export interface EntryForm {
  name: string;
  externalId: string;
  /** One alias a line. */
  aliases: string;
  rank: string;
  slug: string;
  /** Attribute id → what the field holds: one value a line for lists, `true`/`false`/'' for booleans. */
  values: Record<string, string>;
  /** Stored forms of refused domains that staff ticked "Allow anyway" (DOM-8). */
  allow: string[];
  overrideNote: string;
  /** Form field (`name`, `values.<attribute id>`, `override_note`, `form`) → message. */
  errors: Record<string, string>;
}

/** The form field of a value: `v.<attribute id>`. */
export const valueFieldName = (attribute: CatalogAttribute): string => `v.${attribute.id}`;

/** The entry form read from a post, for `type`'s attributes only; anything else posted is ignored. */
export function readEntryForm(fields: FormFields | null, type: CatalogType): EntryForm {
  const values: Record<string, string> = {};
  for (const attribute of type.attributes) values[attribute.id] = textField(fields, valueFieldName(attribute));
  return {
    name: textField(fields, 'name'),
    externalId: textField(fields, 'external_id'),
    aliases: textField(fields, 'aliases'),
    rank: textField(fields, 'rank'),
    slug: textField(fields, 'slug'),
    values,
    allow: textFields(fields, 'allow').slice(0, 100),
    overrideNote: textField(fields, 'override_note'),
    errors: {},
  };
}

/** A stored entry as the form shows it: references by the name they point at (as staff would type them). */
export function entryFormOf(entry: CatalogEntryRecord, type: CatalogType, names: ReadonlyMap<string, string>): EntryForm {
  const values: Record<string, string> = {};
  for (const attribute of type.attributes) values[attribute.id] = formTextOf(attribute, entry.values[attribute.id], names);
  return {
    name: entry.name,
    externalId: entry.externalId,
    aliases: entry.aliases.join('\n'),
    rank: String(entry.rank),
    slug: entry.slug,
    values,
    allow: [],
    overrideNote: '',
    errors: {},
  };
}

/** An empty form for a new entry of `type`. */
export const emptyEntryForm = (type: CatalogType): EntryForm => ({
  name: '',
  externalId: '',
  aliases: '',
  rank: '',
  slug: '',
  values: Object.fromEntries(type.attributes.map((a) => [a.id, ''])),
  allow: [],
  overrideNote: '',
  errors: {},
});

/** A stored value as text: one item a line; an entry or component by its name when it has one, else its id. */
function formTextOf(attribute: CatalogAttribute, value: AttributeValue | undefined, names: ReadonlyMap<string, string>): string {
  const shown = listValues(value).map((item) => {
    if (typeof item !== 'string') return String(item);
    if (attribute.kind === 'entry' || attribute.kind === 'component') return names.get(item) ?? item;
    return item;
  });
  return shown.join('\n');
}

/**
 * What the services take from the form. Values the service checks (numbers, booleans) are passed
 * as typed when they do not parse, so its message names them; blank optional fields are left out
 * (derived or kept), and an emptied value is `null`.
 */
export function toEntryInput(form: EntryForm, type: CatalogType, isNew: boolean): CatalogEntryInput {
  const values: Record<string, unknown> = {};
  for (const attribute of type.attributes) {
    const items =
      attribute.kind === 'text' && !attribute.isList ? [form.values[attribute.id] ?? ''] : linesOf(form.values[attribute.id] ?? '');
    const typed = items.filter((item) => item.trim() !== '').map((item) => typedValue(attribute, item));
    values[attribute.id] = attribute.isList ? typed : (typed[0] ?? null);
  }
  const rank = form.rank.trim();
  return {
    name: form.name,
    ...(isNew && form.externalId.trim() === '' ? {} : { externalId: form.externalId.trim() }),
    aliases: linesOf(form.aliases),
    ...(rank === '' ? (isNew ? {} : { rank: 0 }) : { rank: /^-?\d+$/.test(rank) ? Number(rank) : (rank as unknown as number) }),
    ...(form.slug.trim() === '' ? {} : { slug: form.slug.trim() }),
    values,
  };
}

function typedValue(attribute: CatalogAttribute, text: string): unknown {
  if (attribute.kind === 'number') {
    const number = Number(text);
    return text.trim() !== '' && Number.isFinite(number) ? number : text;
  }
  if (attribute.kind === 'bool') return text === 'true' ? true : text === 'false' ? false : text;
  return attribute.kind === 'text' ? text : text.trim();
}

/** The form field an issue path of an entry write belongs to. */
function entryFieldOf(path: string): string {
  const value = /^values\.([^[]+)/.exec(path);
  if (value) return `values.${value[1]}`;
  const field = /^(name|external_id|aliases|rank|slug|override_note)\b/.exec(path);
  return field ? field[1]! : 'form';
}

export const entryErrors = (issues: readonly FieldIssue[]): Record<string, string> => issuesByField(issues, entryFieldOf);

/** The verdict on each domain typed into an `email_domain` field (DOM-8, DOM-10), in the order typed, once each. */
export function domainVerdicts(text: string): DomainVerdict[] {
  return [...new Set(linesOf(text))].slice(0, 100).map(judgeAllowlistDomain);
}
