import type { ComponentChoice, ComponentChoiceItem } from './subscription-scopes.js';

/** The whole page or chosen components: radio buttons, then the page's components grouped as the page groups them. */
export function ComponentChoicesField({
  choices,
  selected,
}: {
  choices: readonly ComponentChoiceItem[];
  selected: readonly string[] | null;
}) {
  const ticked = new Set(selected ?? []);
  const box = (component: ComponentChoice) => (
    <li>
      <label class="choice">
        <input type="checkbox" name="component" value={component.id} checked={ticked.has(component.id)} />
        {component.name}
      </label>
    </li>
  );
  return (
    <fieldset>
      <legend>What to hear about</legend>
      <label class="choice">
        <input type="radio" name="what" value="all" checked={selected === null} />
        Everything on this page
      </label>
      <label class="choice">
        <input type="radio" name="what" value="some" checked={selected !== null} />
        Only the components I choose:
      </label>
      <ul class="components">
        {choices.map((item) =>
          item.kind === 'component' ? (
            box(item.component)
          ) : (
            <li>
              <p class="group-name">{item.name}</p>
              <ul>{item.components.map(box)}</ul>
            </li>
          ),
        )}
      </ul>
    </fieldset>
  );
}
