import type { DomainVerdict } from '../../../domain/access/domain-verdict.js';
import type { CatalogEntrySource } from '../../../domain/catalog/catalog.js';

/** Manual, or the sync that owns the entry (and so is the only one to change it from the dashboard's side). */
export function SourceBadge({ source }: { source: CatalogEntrySource }) {
  return source.kind === 'sync' ? <span class="badge">sync: {source.syncKey}</span> : <span class="muted">manual</span>;
}

/** A domain in both forms when they differ (DOM-10): `bücher.example (xn--bcher-kva.example)`. */
export function DomainForms({ ascii, unicode }: { ascii: string; unicode: string }) {
  return (
    <>
      <strong class="domain">{unicode}</strong>
      {ascii !== unicode && <span class="forms"> ({ascii})</span>}
    </>
  );
}

/**
 * The verdict on each typed domain (DOM-8, DOM-10), as the as-you-type script also draws it: both
 * forms, accepted or refused with the reason, and "Allow anyway" for refusals an override may set
 * aside. `held`: domains the entry already holds, which need no new override.
 */
export function DomainVerdicts(props: {
  id: string;
  verdicts: readonly DomainVerdict[];
  allow: readonly string[];
  held: ReadonlySet<string>;
}) {
  const allow = new Set(props.allow);
  return (
    <ul class="verdicts" id={props.id} aria-live="polite">
      {props.verdicts.map((v) => {
        const held = v.ascii !== null && props.held.has(v.ascii);
        return (
          <li class={`verdict ${v.ok || held ? 'ok' : 'refused'}`}>
            {v.ascii !== null && v.unicode !== null ? (
              <DomainForms ascii={v.ascii} unicode={v.unicode} />
            ) : (
              <strong class="domain">{v.written}</strong>
            )}
            <span class="said">{v.ok ? 'Accepted.' : held ? `Kept: already on this entry (${v.message})` : `Refused: ${v.message}`}</span>
            {!v.ok && !held && v.overridable && v.ascii !== null && (
              <label class="check">
                <input type="checkbox" name="allow" value={v.ascii} checked={allow.has(v.ascii)} /> Allow {v.ascii} anyway
              </label>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Previous and next page links of a paged list, with where the list stands. */
export function Pager(props: { page: number; pages: number; total: number; hrefOf: (page: number) => string; noun: string }) {
  const { page, pages, total, hrefOf, noun } = props;
  return (
    <nav class="pager" aria-label="Pages">
      {page > 1 ? <a href={hrefOf(page - 1)}>Previous page</a> : null}
      <span>
        Page {page} of {Math.max(pages, 1)} ({total.toLocaleString('en')} {noun})
      </span>
      {page < pages ? <a href={hrefOf(page + 1)}>Next page</a> : null}
    </nav>
  );
}
