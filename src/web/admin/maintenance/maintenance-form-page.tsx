import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import type { PickerSection } from './component-picker.js';
import type { FieldErrors, MaintenanceForm } from './maintenance-form.js';
import { FieldError, Notice, NotifyField, TextArea, TextField } from '../views/fields.js';
import { MaintenanceTabs, ZoneField } from './maintenance-bits.js';
import { type PublishReview, ReviewPanel } from '../views/review-panel.js';

export interface MaintenanceFormProps {
  viewer: AdminViewer;
  assets: AuthAssets;
  script: { src: string; nonce: string };
  /** The window being edited, or undefined when scheduling a new one. */
  editing?: { id: string; name: string };
  form: MaintenanceForm;
  errors: FieldErrors;
  sections: readonly PickerSection[];
  notice?: { text: string; error?: boolean };
  /** Where the window would show, after "Review". */
  review?: PublishReview;
}

/** Affected components from the page structures: groups as headings, a checkbox each, a filter box when scripts run. */
function ComponentPicker({
  sections,
  chosen,
  error,
}: {
  sections: readonly PickerSection[];
  chosen: ReadonlySet<string>;
  error?: string | undefined;
}) {
  return (
    <fieldset class="picker" aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'components-error' : undefined}>
      <legend>Affected components</legend>
      <FieldError of="components" text={error} />
      <div class="field" id="component-filter-field" hidden>
        <label for="component-filter">Filter components by name</label>
        <input id="component-filter" type="search" autocomplete="off" aria-describedby="component-filter-count" />
        <p id="component-filter-count" class="hint" aria-live="polite" />
      </div>
      {sections.length === 0 && <p class="muted">There are no components yet.</p>}
      {sections.map((section, s) => (
        <div class="picker-section">
          <h3 id={`picker-${s}`}>
            {section.heading} {section.context && <span class="muted">({section.context})</span>}
          </h3>
          <ul aria-labelledby={`picker-${s}`}>
            {section.components.map((component) => (
              <li>
                <label>
                  <input type="checkbox" name="components" value={component.id} checked={chosen.has(component.id)} />
                  {component.name}
                </label>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </fieldset>
  );
}

/** `/admin/maintenance/new` and `/admin/maintenance/<id>/edit`: the window's fields, times in a zone the form names. */
export function MaintenanceFormPage({ viewer, assets, script, editing, form, errors, sections, notice, review }: MaintenanceFormProps) {
  const title = editing ? `Edit ${editing.name}` : 'Schedule maintenance';
  const action = editing ? `/admin/maintenance/${editing.id}` : '/admin/maintenance';
  const anyError = Object.keys(errors).length > 0;
  return (
    <AdminPage title={title} viewer={viewer} assets={assets} current="maintenance" script={script}>
      <Notice notice={notice ?? (anyError ? { text: 'The window was not saved: see the fields marked below.', error: true } : undefined)} />
      {review && <ReviewPanel review={review} what="maintenance window" publish={editing ? 'Save changes' : 'Schedule'} />}
      <section class="card" aria-labelledby="form-title">
        <h1 id="form-title">{title}</h1>
        <MaintenanceTabs current={editing ? null : 'new'} zone={form.zone} mayWrite />
        <form class="maint-form" method="post" action={action} novalidate>
          <TextField id="name" name="name" label="Name" maxlength={200} required value={form.name} error={errors.name} />
          <TextArea
            id="message"
            name="message"
            label="Message"
            maxlength={10_000}
            value={form.message}
            error={errors.message}
            hint="What the status pages say about this window (optional)."
          />
          <ZoneField
            id="zone"
            label="Time zone of the start and end"
            value={form.zone}
            error={errors.zone}
            hint="The start and end below are read as local times in this zone. The default is the default status page's zone."
          />
          <div class="times">
            <TextField
              id="start"
              name="start"
              type="datetime-local"
              label={`Start (${form.zone})`}
              required
              value={form.start}
              error={errors.start}
              also="zone-note"
            />
            <TextField
              id="end"
              name="end"
              type="datetime-local"
              label={`End (${form.zone})`}
              required
              value={form.end}
              error={errors.end}
              also="zone-note"
            />
          </div>
          <p id="zone-note" class="zone-note">
            Times are in <strong>{form.zone}</strong>; change the zone above to enter them in another.
          </p>
          <ComponentPicker sections={sections} chosen={new Set(form.componentIds)} error={errors.components} />
          <NotifyField id="notify" checked={form.notify} />
          <div class="actions">
            <button type="submit" formaction={editing ? `/admin/maintenance/${editing.id}/review` : '/admin/maintenance/review'}>
              Review
            </button>
            <button type="submit" class="primary">
              {editing ? 'Save changes' : 'Schedule'}
            </button>
            <a href={editing ? `/admin/maintenance/${editing.id}` : '/admin/maintenance'}>Back without saving</a>
          </div>
        </form>
      </section>
    </AdminPage>
  );
}
