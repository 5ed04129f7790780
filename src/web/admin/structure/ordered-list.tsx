import type { Child } from 'hono/jsx';

export interface OrderedEntry {
  /** What the forms name the entry by (`component:<id>`, `group:<id>`, a member's id). */
  key: string;
  label: string;
  note?: string;
  /** More controls on the entry's row (the uptime switch of a page item). */
  extra?: Child;
}

export interface OrderedListProps {
  entries: readonly OrderedEntry[];
  /** Where the row forms post: `<action>/move` and `<action>/remove`. */
  action: string;
  canWrite: boolean;
  label: string;
  /** The entry just moved and which way: its same button gets the focus again (`autofocus`, no script needed). */
  moved?: { key: string; direction: string } | undefined;
}

function RowButton(props: {
  action: string;
  item: string;
  name?: string;
  value?: string;
  text: string;
  label: string;
  autofocus: boolean;
  danger?: boolean;
}) {
  return (
    <form class="inline" method="post" action={props.action}>
      <input type="hidden" name="item" value={props.item} />
      {props.name && <input type="hidden" name={props.name} value={props.value} />}
      <button type="submit" class={props.danger ? 'danger' : undefined} aria-label={props.label} autofocus={props.autofocus}>
        {props.text}
      </button>
    </form>
  );
}

/**
 * An ordered list staff rearrange: each row has Move up, Move down and Remove, each its own POST
 * (keyboard and no script); with the script, rows can also be dragged (`data-reorder`), which posts
 * the hidden move form with the new position.
 */
export function OrderedList({ entries, action, canWrite, label, moved }: OrderedListProps) {
  if (entries.length === 0) return <p class="muted">Nothing here yet.</p>;
  return (
    <>
      <ol class="ordered" aria-label={label} data-reorder={canWrite ? '' : undefined}>
        {entries.map((entry, index) => {
          // The moved row's same button keeps the focus; at an end of the list, the one it still has.
          const isMoved = moved?.key === entry.key;
          const last = entries.length - 1;
          const focusUp = isMoved && index > 0 && (moved.direction === 'up' || index === last);
          const focusDown = isMoved && index < last && (moved.direction === 'down' || index === 0);
          return (
            <li id={`item-${index}`} data-key={entry.key} draggable={canWrite ? 'true' : undefined}>
              <span class="ordered-label">
                {canWrite && <span class="grip" aria-hidden="true" />}
                <strong>{entry.label}</strong>
                {entry.note && <span class="muted"> · {entry.note}</span>}
              </span>
              <span class="ordered-actions">
                {entry.extra}
                {canWrite && index > 0 && (
                  <RowButton
                    action={`${action}/move`}
                    item={entry.key}
                    name="direction"
                    value="up"
                    text="Move up"
                    label={`Move up: ${entry.label}`}
                    autofocus={focusUp}
                  />
                )}
                {canWrite && index < entries.length - 1 && (
                  <RowButton
                    action={`${action}/move`}
                    item={entry.key}
                    name="direction"
                    value="down"
                    text="Move down"
                    label={`Move down: ${entry.label}`}
                    autofocus={focusDown}
                  />
                )}
                {canWrite && (
                  <RowButton
                    action={`${action}/remove`}
                    item={entry.key}
                    text="Remove"
                    label={`Remove: ${entry.label}`}
                    autofocus={false}
                    danger
                  />
                )}
              </span>
            </li>
          );
        })}
      </ol>
      {canWrite && (
        <form method="post" action={`${action}/move`} data-move hidden>
          <input type="hidden" name="item" value="" />
          <input type="hidden" name="to" value="" />
        </form>
      )}
    </>
  );
}
