import type { Component, Group } from '../../../domain/status/component.js';
import { IMPACTS, type Impact } from '../../../domain/status/impact.js';
import { componentStatusLabel } from '../../../domain/status/status-labels.js';
import { FieldError } from '../views/fields.js';
import { type FormState, impactFieldName } from './incident-form.js';

/** The grid's rows: each group as a heading with its components, then the components in no group. */
export interface GridSection {
  heading: string;
  components: { id: string; name: string }[];
}

/** Groups in their order, each component once (under its first group), the rest under "Other components". */
export function buildGridSections(groups: readonly Group[], components: readonly Component[]): GridSection[] {
  const byId = new Map(components.map((component) => [component.id, component]));
  const placed = new Set<string>();
  const sections: GridSection[] = [];
  for (const group of groups) {
    const members = group.componentIds.flatMap((id) => {
      const component = byId.get(id);
      if (!component || placed.has(id)) return [];
      placed.add(id);
      return [{ id, name: component.name }];
    });
    if (members.length > 0) sections.push({ heading: group.name, components: members });
  }
  const rest = components.filter((component) => !placed.has(component.id)).map(({ id, name }) => ({ id, name }));
  if (rest.length > 0) sections.push({ heading: groups.length > 0 ? 'Other components' : 'Components', components: rest });
  return sections;
}

interface ImpactGridProps {
  sections: readonly GridSection[];
  form: FormState;
  /** `declare`: none by default; `update`: "no change" by default, with each component's impact now. */
  mode: 'declare' | 'update';
  current?: ReadonlyMap<string, Impact>;
}

/**
 * A select per component (none / degraded_performance / partial_outage / full_outage, the domain's
 * impact names), grouped under their group's name. The filter box appears only with the script
 * (`hidden` until it runs): without it the whole grid shows.
 */
export function ImpactGrid({ sections, form, mode, current }: ImpactGridProps) {
  const error = form.errors.impacts;
  let row = 0;
  return (
    <fieldset class="impact-grid" aria-describedby={error ? 'impacts-error' : undefined}>
      <legend>Affected components</legend>
      <div class="field grid-filter" hidden>
        <label for="grid-filter">Find a component</label>
        <input id="grid-filter" type="search" autocomplete="off" data-grid-filter />
      </div>
      <FieldError of="impacts" text={error} />
      {sections.length === 0 && <p class="muted">No components yet.</p>}
      {sections.map((section) => (
        <div class="grid-section" data-grid-section>
          <h3>{section.heading}</h3>
          {section.components.map((component) => {
            const id = `impact-${row++}`;
            const value = form.impacts[component.id] ?? (mode === 'declare' ? 'none' : '');
            const now = current?.get(component.id);
            return (
              <div class="grid-row" data-name={component.name.toLowerCase()}>
                <label for={id}>
                  {component.name}
                  {mode === 'update' && <span class="muted"> (now: {now ? componentStatusLabel(now) : 'none'})</span>}
                </label>
                <select id={id} name={impactFieldName(component.id)}>
                  {mode === 'update' && (
                    <option value="" selected={value === ''}>
                      no change
                    </option>
                  )}
                  {(['none', ...IMPACTS] as const).map((impact) => (
                    <option value={impact} selected={impact === value}>
                      {impact}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
        </div>
      ))}
    </fieldset>
  );
}
