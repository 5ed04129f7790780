import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import type { PickerSection } from './component-picker.js';
import type { FieldErrors, MaintenanceForm } from './maintenance-form.js';
import { MaintenanceTabs, Notice, ZoneSelect } from './maintenance-bits.js';
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

/** Error wiring of one field: `aria-invalid` and `aria-describedby` pointing at its message. */
const errorProps = (field: string, error: string | undefined, hint?: string) => ({
  'aria-invalid': error ? 'true' : undefined,
  'aria-describedby': [hint, error ? `${field}-error` : undefined].filter(Boolean).join(' ') || undefined,
});

function FieldError({ field, error }: { field: string; error: string | undefined }) {
  return error ? (
    <p id={`${field}-error`} class="field-error">
      {error}
    </p>
  ) : null;
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
      <FieldError field="components" error={error} />
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
      {review && <ReviewPanel review={review} what="maintenance window" publish="Schedule" />}
      <section class="card" aria-labelledby="form-title">
        <h1 id="form-title">{title}</h1>
        <MaintenanceTabs current={editing ? null : 'new'} zone={form.zone} mayWrite />
        <form class="maint-form" method="post" action={action} novalidate>
          <div class="field">
            <label for="name">Name</label>
            <input id="name" name="name" type="text" maxlength={200} required value={form.name} {...errorProps('name', errors.name)} />
            <FieldError field="name" error={errors.name} />
          </div>
          <div class="field">
            <label for="message">Message</label>
            <textarea id="message" name="message" maxlength={10_000} {...errorProps('message', errors.message, 'message-hint')}>
              {form.message}
            </textarea>
            <p id="message-hint" class="hint">
              What the status pages say about this window (optional).
            </p>
            <FieldError field="message" error={errors.message} />
          </div>
          <div class="field">
            <label for="zone">Time zone of the start and end</label>
            <ZoneSelect
              id="zone"
              value={form.zone}
              describedBy={errors.zone ? 'zone-hint zone-error' : 'zone-hint'}
              invalid={!!errors.zone}
            />
            <p id="zone-hint" class="hint">
              The start and end below are read as local times in this zone. The default is the default status page's zone.
            </p>
            <FieldError field="zone" error={errors.zone} />
          </div>
          <div class="times">
            <div class="field">
              <label for="start">Start ({form.zone})</label>
              <input
                id="start"
                name="start"
                type="datetime-local"
                required
                value={form.start}
                {...errorProps('start', errors.start, 'zone-note')}
              />
              <FieldError field="start" error={errors.start} />
            </div>
            <div class="field">
              <label for="end">End ({form.zone})</label>
              <input id="end" name="end" type="datetime-local" required value={form.end} {...errorProps('end', errors.end, 'zone-note')} />
              <FieldError field="end" error={errors.end} />
            </div>
          </div>
          <p id="zone-note" class="zone-note">
            Times are in <strong>{form.zone}</strong>; change the zone above to enter them in another.
          </p>
          <ComponentPicker sections={sections} chosen={new Set(form.componentIds)} error={errors.components} />
          <div class="actions">
            {!editing && (
              <button type="submit" formaction="/admin/maintenance/review">
                Review
              </button>
            )}
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
