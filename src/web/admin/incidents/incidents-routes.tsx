import type { Context, Hono } from 'hono';
import { BeaconError } from '../../../domain/errors.js';
import type { Impact } from '../../../domain/status/impact.js';
import {
  type IncidentTemplate,
  createIncidentTemplate,
  deleteIncidentTemplate,
  getIncidentTemplate,
  listIncidentTemplates,
} from '../../../services/status/incident-templates.js';
import { createIncident, draftIncident, findIncidents } from '../../../services/status/incidents.js';
import { staffActor } from '../../../services/staff/staff-audit.js';
import type { StaffIdentity } from '../../../services/staff/staff-sessions.js';
import { readForm } from '../../customer/form-body.js';
import { sendSeeOther } from '../../customer/respond.js';
import { routeHashedAssets } from '../../hashed-assets.js';
import { type AdminKit, viewerOf } from '../admin-kit.js';
import { ADMIN_ASSETS, toAdminHtml } from '../render.js';
import { DeclarePage } from './declare-page.js';
import { type PublishReview } from '../views/review-panel.js';
import { publishReviewOf } from '../publish-review.js';
import {
  type FormState,
  emptyForm,
  isExpectedRefusal,
  parseDisplayAt,
  parseImpacts,
  parseStatus,
  placeServiceError,
  readFormState,
} from './incident-form.js';
import { mountIncidentScreen } from './incident-routes.js';
import {
  READS_INCIDENTS,
  WRITES_INCIDENTS,
  type ScreenStatus,
  auditedAs,
  loadStructure,
  mayWriteIncidents,
  refusalStatus,
  screenScript,
  param,
  sendScreen,
} from './incident-screen-kit.js';
import { summariseIncident } from './incident-summary.js';
import { INCIDENTS_SCRIPT } from './incidents-assets.js';
import { IncidentsListPage } from './incidents-list-page.js';
import { NOTIFY_FIELDS, notifyChosen } from '../views/fields.js';

/** Past incidents per page; open ones shown at most (more is an outage of its own). */
const PAGE_SIZE = 25;
const OPEN_SHOWN = 100;
const QUERY_MAX = 200;
const DECLARE_FIELDS = ['name', 'status', 'message', 'displayAt', ...NOTIFY_FIELDS] as const;

const NOTICES: Readonly<Record<string, string>> = {
  deleted: 'Incident deleted.',
  'template-saved': 'Template saved. The form below starts from it.',
  'template-deleted': 'Template deleted.',
};

/**
 * The incident screens: the list at `/admin/incidents`, declaring with its
 * templates here, and one incident's screen (incident-routes.tsx). Every route checks the role on
 * the server (STF-3), every write is a POST behind the dashboard's CSRF guard (STF-5) and is audited
 * with the staff member as its actor, inside the write's transaction (STF-7).
 */
export function mountIncidentScreens(routes: Hono, kit: AdminKit): void {
  const { ctx } = kit.deps;
  routeHashedAssets(routes, [INCIDENTS_SCRIPT]);

  routes.get(
    '/admin/incidents',
    kit.allowed(READS_INCIDENTS, async (c, who) => {
      const query = (c.req.query('q') ?? '').slice(0, QUERY_MAX);
      const before = c.req.query('before');
      let status: 200 | 400 = 200;
      let queryError: string | undefined;
      let past = await findIncidents(ctx, { resolved: true, nameContains: query, limit: PAGE_SIZE + 1, before }).catch((error: unknown) => {
        if (!(error instanceof BeaconError) || error.code !== 'validation') throw error;
        return null;
      });
      if (past === null) {
        // A cursor that names no incident (deleted since, or made up): the first page, said so.
        status = 400;
        queryError = 'That page of results no longer exists; showing the newest.';
        past = await findIncidents(ctx, { resolved: true, nameContains: query, limit: PAGE_SIZE + 1 });
      }
      const open = await findIncidents(ctx, { resolved: false, limit: OPEN_SHOWN + 1 });
      const { names } = await loadStructure(ctx);
      const shownPast = past.slice(0, PAGE_SIZE);
      const notice = kit.notice(c, NOTICES);
      const page = (
        <IncidentsListPage
          viewer={viewerOf(who)}
          assets={ADMIN_ASSETS}
          canWrite={mayWriteIncidents(who)}
          open={open.slice(0, OPEN_SHOWN).map((incident) => summariseIncident(incident, names))}
          moreOpen={open.length > OPEN_SHOWN}
          past={shownPast.map((incident) => summariseIncident(incident, names))}
          query={query}
          olderBefore={past.length > PAGE_SIZE ? shownPast.at(-1)?.id : undefined}
          paged={before !== undefined && status === 200}
          {...(notice ? { notice: { text: notice } } : {})}
          {...(queryError ? { queryError } : {})}
        />
      );
      return kit.html(c, status, toAdminHtml(page));
    }),
  );

  const declareScreen = async (
    c: Context,
    who: StaffIdentity,
    status: ScreenStatus,
    form: FormState,
    notice?: { text: string; error?: boolean },
    review?: PublishReview,
  ) => {
    const [{ sections }, templates] = await Promise.all([loadStructure(ctx), listIncidentTemplates(ctx)]);
    const page = (
      <DeclarePage
        viewer={viewerOf(who)}
        assets={ADMIN_ASSETS}
        script={screenScript(c)}
        sections={sections}
        templates={templates}
        form={form}
        {...(notice ? { notice } : {})}
        {...(review ? { review } : {})}
      />
    );
    return sendScreen(c, status, toAdminHtml(page));
  };

  const fromTemplate = (template: IncidentTemplate): FormState =>
    emptyForm(
      { name: template.name, status: 'investigating', message: template.message, displayAt: '' },
      Object.fromEntries(template.impacts.map((change) => [change.componentId, change.impact])),
    );

  routes.get(
    '/admin/incidents/new',
    kit.allowed(WRITES_INCIDENTS, async (c, who) => {
      const templateId = c.req.query('template');
      const text = kit.notice(c, NOTICES);
      const notice = text ? { text } : undefined;
      if (templateId === undefined) return declareScreen(c, who, 200, emptyForm({ status: 'investigating' }), notice);
      try {
        return declareScreen(c, who, 200, fromTemplate(await getIncidentTemplate(ctx, templateId)), notice);
      } catch (error) {
        if (!isExpectedRefusal(error)) throw error;
        return declareScreen(c, who, 404, emptyForm({ status: 'investigating' }), { text: 'That template no longer exists.', error: true });
      }
    }),
  );

  /** The declare form as sent, checked at the edge; `errors` filled when something is wrong. */
  const readDeclareForm = async (c: Context) => {
    const fields = await readForm(c);
    if (fields === null) {
      const form = emptyForm({ status: 'investigating' });
      form.errors.form = 'The form could not be read; please send it again.';
      return { form };
    }
    const form = readFormState(fields, DECLARE_FIELDS);
    const status = parseStatus(form);
    const displayAt = parseDisplayAt(form);
    const impacts = parseImpacts(form, 'declare');
    return { form, status, displayAt, impacts };
  };

  // The review step: the form checked as a declare would check it, where it would show and how it would look; nothing is written.
  routes.post(
    '/admin/incidents/review',
    kit.allowed(WRITES_INCIDENTS, async (c, who) => {
      const { form, status, displayAt, impacts } = await readDeclareForm(c);
      if (Object.keys(form.errors).length > 0 || !status || displayAt === undefined || !impacts) return declareScreen(c, who, 400, form);
      let incident;
      try {
        incident = await draftIncident(ctx, {
          name: form.values.name ?? '',
          status,
          message: form.values.message ?? '',
          impacts,
          displayAt,
        });
      } catch (error) {
        if (!isExpectedRefusal(error)) throw error;
        placeServiceError(form, error);
        return declareScreen(c, who, refusalStatus(error), form);
      }
      const impacted = new Set(impacts.filter((change) => change.impact !== null).map((change) => change.componentId));
      return declareScreen(c, who, 200, form, undefined, await publishReviewOf(kit, impacted, { incident }));
    }),
  );

  routes.post(
    '/admin/incidents',
    kit.allowed(WRITES_INCIDENTS, async (c, who) => {
      const { form, status, displayAt, impacts } = await readDeclareForm(c);
      if (Object.keys(form.errors).length > 0 || !status || displayAt === undefined || !impacts) return declareScreen(c, who, 400, form);
      try {
        const input = {
          name: form.values.name ?? '',
          status,
          message: form.values.message ?? '',
          impacts,
          displayAt,
          notify: notifyChosen(form.values),
        };
        const incident = await createIncident(auditedAs(kit, who, 'incident.declared', { details: { name: input.name.trim() } }), input);
        return sendSeeOther(c, `/admin/incidents/${encodeURIComponent(incident.id)}?notice=declared`);
      } catch (error) {
        if (!isExpectedRefusal(error)) throw error;
        placeServiceError(form, error);
        return declareScreen(c, who, refusalStatus(error), form);
      }
    }),
  );

  routes.post(
    '/admin/incidents/templates',
    kit.allowed(WRITES_INCIDENTS, async (c, who) => {
      const { form, impacts } = await readDeclareForm(c);
      if (form.errors.form || form.errors.impacts || !impacts) return declareScreen(c, who, 400, form);
      // A template keeps what the grid sets; the status and time are chosen when declaring.
      delete form.errors.status;
      delete form.errors.displayAt;
      try {
        const kept = impacts.flatMap((change) =>
          change.impact === null ? [] : [{ componentId: change.componentId, impact: change.impact as Impact }],
        );
        const template = await createIncidentTemplate(
          ctx,
          { name: form.values.name ?? '', message: form.values.message ?? '', impacts: kept },
          staffActor(who.member.email),
        );
        return sendSeeOther(c, `/admin/incidents/new?template=${encodeURIComponent(template.id)}&notice=template-saved`);
      } catch (error) {
        if (!isExpectedRefusal(error)) throw error;
        placeServiceError(form, error);
        return declareScreen(c, who, refusalStatus(error), form);
      }
    }),
  );

  routes.post(
    '/admin/incidents/templates/:id/delete',
    kit.allowed(WRITES_INCIDENTS, async (c, who) => {
      try {
        await deleteIncidentTemplate(ctx, param(c, 'id'), staffActor(who.member.email));
      } catch (error) {
        if (!isExpectedRefusal(error)) throw error;
        return declareScreen(c, who, refusalStatus(error), emptyForm({ status: 'investigating' }), {
          text: 'That template no longer exists.',
          error: true,
        });
      }
      return sendSeeOther(c, '/admin/incidents/new?notice=template-deleted');
    }),
  );

  mountIncidentScreen(routes, kit);
}
