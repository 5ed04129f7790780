import type { IncidentTemplate } from '../../../services/status/incident-templates.js';
import type { AuthAssets } from '../../customer/views/auth-layout.js';
import { AdminPage, type AdminViewer } from '../views/admin-page.js';
import { RowAction } from '../views/data-table.js';
import { type GridSection, ImpactGrid } from './impact-grid.js';
import { Notice, StatusField, TextArea, TextField } from './incident-fields.js';
import type { FormState } from './incident-form.js';
import { type PublishReview, ReviewPanel } from '../views/review-panel.js';
import { NotifyField, notifyChosen } from '../views/fields.js';

export interface DeclarePageProps {
  viewer: AdminViewer;
  assets: AuthAssets;
  script: { src: string; nonce: string };
  sections: readonly GridSection[];
  templates: readonly IncidentTemplate[];
  form: FormState;
  notice?: { text: string; error?: boolean };
  /** The review of the form as sent: where it will show, and who would be told. */
  review?: PublishReview;
}

/**
 * `/admin/incidents/new`: name, status, message and the component-by-impact grid; "Save as template"
 * posts the same fields to the templates; a template fills the form (`?template=<id>`).
 */
export function DeclarePage({ viewer, assets, script, sections, templates, form, notice, review }: DeclarePageProps) {
  return (
    <AdminPage title="Declare an incident" viewer={viewer} assets={assets} current="incidents" script={script}>
      <Notice text={notice?.text ?? form.errors.form} error={notice?.error ?? Boolean(form.errors.form)} />
      {review && <ReviewPanel review={review} what="incident" publish="Declare incident" />}
      <section class="card" aria-labelledby="declare">
        <h1 id="declare">Declare an incident</h1>
        <form method="post" action="/admin/incidents" novalidate>
          <TextField id="name" name="name" label="Name" form={form} maxlength={200} required />
          <StatusField id="status" name="status" label="Status" form={form} />
          <TextArea id="message" name="message" label="Message" form={form} required />
          <TextField
            id="displayAt"
            name="displayAt"
            label="Started at (UTC, optional)"
            hint="Leave empty for now; a past time back-dates the first update."
            type="datetime-local"
            form={form}
          />
          <ImpactGrid sections={sections} form={form} mode="declare" />
          <NotifyField id="notify" checked={notifyChosen(form.values)} />
          <div class="actions">
            <button type="submit" formaction="/admin/incidents/review">
              Review
            </button>
            <button type="submit" class="primary">
              Declare incident
            </button>
            <button type="submit" formaction="/admin/incidents/templates">
              Save as template
            </button>
          </div>
        </form>
      </section>
      <section class="card" aria-labelledby="templates">
        <h2 id="templates">Start from a template</h2>
        {templates.length === 0 ? (
          <p class="muted">No templates yet: fill in the form and press “Save as template”.</p>
        ) : (
          <ul class="template-list">
            {templates.map((template) => (
              <li>
                <a href={`/admin/incidents/new?template=${encodeURIComponent(template.id)}`}>{template.name}</a>
                <span class="muted">
                  {' '}
                  ({template.impacts.length} component{template.impacts.length === 1 ? '' : 's'})
                </span>{' '}
                <RowAction
                  action={`/admin/incidents/templates/${encodeURIComponent(template.id)}/delete`}
                  field={{ name: 'id', value: template.id }}
                  text="Delete"
                  label={`Delete template ${template.name}`}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </AdminPage>
  );
}
