import type { Child } from 'hono/jsx';

/**
 * A table with column headings (a heading `{ hidden }` is for screen readers only) and the rows given
 * as children; `stack` lays each row out as a block on a phone (cells labelled by `data-label`).
 */
export function DataTable({
  headings,
  stack,
  children,
}: {
  headings: readonly (string | { hidden: string })[];
  stack?: boolean;
  children?: Child;
}) {
  return (
    <table class={stack ? 'stack' : undefined}>
      <thead>
        <tr>
          {headings.map((heading) => (
            <th scope="col">{typeof heading === 'string' ? heading : <span class="vh">{heading.hidden}</span>}</th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** A row's one-button form (a POST: STF-5), naming its row by a hidden field; `label` says which row to a screen reader. */
export function RowAction(props: { action: string; field: { name: string; value: string }; text: string; label: string }) {
  return (
    <form class="inline" method="post" action={props.action}>
      <input type="hidden" name={props.field.name} value={props.field.value} />
      <button type="submit" class="danger" aria-label={props.label}>
        {props.text}
      </button>
    </form>
  );
}

/**
 * "First" and "Next" links of a list paged by keyset (no page numbers, no count): `first` when this
 * page is not the first, `next` when there is one after it; nothing when both are absent.
 */
export function KeysetPager({ label, first, next }: { label: string; first?: string | undefined; next?: string | undefined }) {
  if (first === undefined && next === undefined) return null;
  return (
    <nav class="pager" aria-label={label}>
      {first !== undefined && <a href={first}>First</a>}
      {next !== undefined && <a href={next}>Next</a>}
    </nav>
  );
}
