import { type CatalogAttribute, listValues } from '../../../domain/catalog/catalog.js';
import type { CatalogEntryRecord } from '../../../services/catalog/catalog-entries.js';
import type { CatalogTypeRecord } from '../../../services/catalog/catalog-types.js';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { type FieldProps, FieldError, Notice, SelectField, TextArea, TextField } from '../views/fields.js';
import { DomainVerdicts, SourceBadge } from './catalog-bits.js';
import { type EntryForm, domainVerdicts, valueFieldName } from './catalog-entry-form.js';
import { ValueSummary } from './catalog-entries-page.js';

export interface CatalogEntryPageProps {
  viewer: AdminViewer;
  assets: AuthAssets;
  type: CatalogTypeRecord;
  /** Null for a new entry. */
  entry: CatalogEntryRecord | null;
  names: ReadonlyMap<string, string>;
  form: EntryForm;
  /** An admin on an entry no sync owns: the form; anyone else reads the entry (STF-3). */
  editable: boolean;
  notice?: { text: string; error?: boolean };
  /** The as-you-type domain check, with this response's nonce (progressive enhancement only). */
  script?: { src: string; nonce: string } | undefined;
}

const KIND_HINTS: Readonly<Record<CatalogAttribute['kind'], string>> = {
  text: 'Text.',
  number: 'A number.',
  bool: 'Yes or no.',
  url: 'An http or https address.',
  email_domain:
    'A domain such as example.com, or *.example.com for its subdomains. Webmail, disposable and public-suffix domains are refused.',
  entry: 'An entry’s name, alias or external id.',
  component: 'A component’s name.',
};

const BOOL_OPTIONS = [
  { value: '', label: 'not set' },
  { value: 'true', label: 'yes' },
  { value: 'false', label: 'no' },
];

/** `/admin/catalog/entries/:id` and `…/entries/new`: an entry's fields and values; read-only when a sync owns it (or for non-admins). */
export function CatalogEntryPage(props: CatalogEntryPageProps) {
  const { viewer, assets, type, entry, names, editable, notice, script } = props;
  const title = entry ? entry.name : `New ${type.name} entry`;
  return (
    <AdminPage title={`${title}: catalog`} viewer={viewer} assets={assets} current="catalog" script={script}>
      <Notice notice={notice} />
      <section class="card" aria-labelledby="entry">
        <p>
          <a href="/admin/catalog">Catalog</a> / <a href={`/admin/catalog/types/${type.id}`}>{type.name}</a>
        </p>
        <h1 id="entry">{title}</h1>
        {entry && (
          <p class="lead">
            <SourceBadge source={entry.source} />
            {entry.source.kind === 'sync' && (
              <>
                {' '}
                Managed by the sync “{entry.source.syncKey}”: read-only here. Change it in that sync’s source; its next run would undo a
                change made here.
              </>
            )}
          </p>
        )}
        {editable ? <EntryFormView {...props} /> : entry && <EntryValues type={type} entry={entry} names={names} />}
      </section>
    </AdminPage>
  );
}

function EntryValues({ type, entry, names }: { type: CatalogTypeRecord; entry: CatalogEntryRecord; names: ReadonlyMap<string, string> }) {
  return (
    <dl class="values">
      <dt>External id</dt>
      <dd>{entry.externalId}</dd>
      <dt>Aliases</dt>
      <dd>{entry.aliases.join(', ') || '–'}</dd>
      <dt>Rank</dt>
      <dd>{entry.rank}</dd>
      <dt>Slug</dt>
      <dd>{entry.slug}</dd>
      {type.attributes.map((attribute) => (
        <>
          <dt>{attribute.name}</dt>
          <dd>
            <ValueSummary attribute={attribute} entry={entry} names={names} />
          </dd>
        </>
      ))}
    </dl>
  );
}

/** A text field, or a text area (as tall as its lines, within bounds) for a list typed one a line. */
function TextControl({ multiline, ...props }: FieldProps & { multiline?: boolean | undefined; attrs?: Record<string, string> }) {
  return multiline ? (
    <TextArea {...props} rows={Math.min(Math.max(props.value.split('\n').length + 1, 3), 12)} />
  ) : (
    <TextField {...props} />
  );
}

function EntryFormView({ type, entry, form }: CatalogEntryPageProps) {
  const e = form.errors;
  const action = entry ? `/admin/catalog/entries/${entry.id}` : `/admin/catalog/types/${type.id}/entries`;
  const hasDomains = type.attributes.some((a) => a.kind === 'email_domain');
  return (
    <form class="entry-form" method="post" action={action} novalidate>
      <FieldError of="form" text={e.form} alert />
      <TextControl id="name" name="name" label="Name" value={form.name} error={e.name} />
      <TextControl
        id="external_id"
        name="external_id"
        label={entry ? 'External id' : 'External id (optional)'}
        value={form.externalId}
        error={e.external_id}
        hint="Unique within the type: the key syncs and bulk uploads use. Derived from the name when left empty."
      />
      <TextControl id="aliases" name="aliases" label="Aliases" value={form.aliases} error={e.aliases} hint="One a line." multiline />
      <TextControl
        id="rank"
        name="rank"
        label="Rank"
        value={form.rank}
        error={e.rank}
        hint="A whole number; entries sort by rank, then name."
      />
      <TextControl
        id="slug"
        name="slug"
        label={entry ? 'Slug' : 'Slug (optional)'}
        value={form.slug}
        error={e.slug}
        hint="The entry’s URL segment."
      />
      {type.attributes.map((attribute) => (
        <ValueControl attribute={attribute} form={form} entry={entry} />
      ))}
      {hasDomains && (
        <TextControl
          id="override_note"
          name="override_note"
          label="Why allow a refused domain (only when you tick “Allow anyway”)"
          value={form.overrideNote}
          error={e.override_note}
          hint="Kept in the audit log with the override."
          multiline
        />
      )}
      <p>
        <button type="submit" class="primary">
          {entry ? 'Save entry' : 'Add entry'}
        </button>
      </p>
    </form>
  );
}

function ValueControl({ attribute, form, entry }: { attribute: CatalogAttribute; form: EntryForm; entry: CatalogEntryRecord | null }) {
  const id = `v-${attribute.id}`;
  const name = valueFieldName(attribute);
  const value = form.values[attribute.id] ?? '';
  const error = form.errors[`values.${attribute.id}`];
  const hint = `${KIND_HINTS[attribute.kind]}${attribute.isList ? ' One a line.' : ''}`;
  if (attribute.kind === 'bool' && !attribute.isList) {
    return <SelectField id={id} name={name} label={attribute.name} value={value} error={error} options={BOOL_OPTIONS} />;
  }
  if (attribute.kind !== 'email_domain') {
    return <TextControl id={id} name={name} label={attribute.name} value={value} error={error} hint={hint} multiline={attribute.isList} />;
  }
  const held = new Set(listValues(entry?.values[attribute.id]).map(String));
  return (
    <div>
      <TextControl
        id={id}
        name={name}
        label={attribute.name}
        value={value}
        error={error}
        hint={hint}
        multiline={attribute.isList}
        attrs={{ 'data-domains': `${id}-verdicts`, 'data-held': [...held].join(' '), spellcheck: 'false' }}
      />
      <DomainVerdicts id={`${id}-verdicts`} verdicts={domainVerdicts(value)} allow={form.allow} held={held} />
    </div>
  );
}
