import type { ComponentListing } from '../../../store/status/components.js';
import { FieldError } from '../views/fields.js';

export interface PickerProps {
  /** Where the search goes (GET, this screen) and where Add posts. */
  screen: string;
  addAction: string;
  text: string;
  /** The matches, those already placed left out. */
  matches: readonly ComponentListing[];
  error?: string | undefined;
}

/**
 * Finding a component to add among hundreds: a search by name (GET, answered from the store a page
 * at a time), then an Add button per match, each its own POST.
 */
export function ComponentPicker({ screen, addAction, text, matches, error }: PickerProps) {
  return (
    <>
      <form class="row-form" method="get" action={screen} role="search">
        <div class="field">
          <label for="find">Find a component to add</label>
          <input id="find" name="find" type="search" value={text} maxlength={200} />
        </div>
        <button type="submit">Find</button>
      </form>
      <FieldError of="picker" text={error} alert />
      {text && matches.length === 0 && <p class="muted">No component in use matches “{text}” that is not here already.</p>}
      {matches.length > 0 && (
        <ul class="picks" aria-label="Matching components">
          {matches.map((component) => (
            <li>
              <form class="inline" method="post" action={addAction}>
                <input type="hidden" name="item" value={`component:${component.id}`} />
                <button type="submit" aria-label={`Add: ${component.name}`}>
                  Add
                </button>
              </form>{' '}
              {component.name}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
