import type { Context, Hono } from 'hono';
import type { Incident } from '../../../domain/status/incident.js';
import { currentImpacts, incidentComponentIds, incidentStatus, isIncidentOpen } from '../../../domain/status/incident-status.js';
import {
  type VersionedIncident,
  deleteIncident,
  draftIncidentUpdate,
  editIncidentUpdate,
  getIncidentForEditing,
  postIncidentUpdate,
  renameIncident,
  resolveIncident,
} from '../../../services/status/incidents.js';
import { staffActor } from '../../../services/staff/staff-audit.js';
import type { StaffIdentity } from '../../../services/staff/staff-sessions.js';
import { readForm } from '../../customer/form-body.js';
import { sendSeeOther } from '../../customer/respond.js';
import { renderSync } from '../../views/render-sync.js';
import { type AdminKit, viewerOf } from '../admin-kit.js';
import { publishReviewOf } from '../publish-review.js';
import { createStaffStreamGuard } from '../staff-stream-guard.js';
import type { PublishReview } from '../views/review-panel.js';
import { ADMIN_ASSETS, renderMessage, toAdminHtml } from '../render.js';
import { DeletePage } from './delete-page.js';
import { localInputValue } from './incident-fields.js';
import { openIncidentEventStream } from './incident-events.js';
import {
  type FormState,
  emptyForm,
  isExpectedRefusal,
  parseDisplayAt,
  parseImpacts,
  parseStatus,
  parseVersion,
  placeServiceError,
  readFormState,
} from './incident-form.js';
import { type IncidentForms, IncidentPage } from './incident-page.js';
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
import { IncidentLive } from './incident-timeline.js';
import { createIncidentWatch } from './incident-watch.js';
import { UpdateEditPage } from './update-edit-page.js';
import { NOTIFY_FIELDS, notifyChosen } from '../views/fields.js';

const NOTICES: Readonly<Record<string, string>> = {
  declared: 'Incident declared. It shows on every page that holds its components.',
  updated: 'Update posted.',
  resolved: 'Incident resolved.',
  renamed: 'Incident renamed.',
  edited: 'Update edited. The audit log keeps the text it replaced.',
};

const STALE =
  'Someone changed this incident since you opened it, so nothing was changed. Below is the newest version, with what you typed kept: check it, then send again.';

type Forms = Partial<IncidentForms>;

/** `/admin/incidents/:id` and its forms, fragments and live events. */
export function mountIncidentScreen(routes: Hono, kit: AdminKit): void {
  const { ctx } = kit.deps;
  const watch = createIncidentWatch(ctx, kit.deps.revisions, kit.deps.logger);
  const sessions = createStaffStreamGuard(kit.staff, kit.deps.revisions, kit.deps.logger);
  const base = (id: string) => `/admin/incidents/${encodeURIComponent(id)}`;

  const missing = (c: Context, who: StaffIdentity) =>
    kit.html(c, 404, renderMessage(viewerOf(who), 'Incident not found', 'This incident does not exist (it may have been deleted).'));

  /** The incident as it is now, or null when it is gone. */
  const readIncident = (id: string): Promise<VersionedIncident | null> =>
    getIncidentForEditing(ctx, id).catch((error: unknown) => {
      if (isExpectedRefusal(error) && error.code === 'not_found') return null;
      throw error;
    });

  const freshForms = (incident: Incident): IncidentForms => ({
    // The next update most often keeps the status; a resolved incident reopens as investigating.
    update: emptyForm({ status: isIncidentOpen(incident) ? incidentStatus(incident) : 'investigating' }),
    resolve: emptyForm(),
    rename: emptyForm({ name: incident.name }),
  });

  const incidentScreen = async (
    c: Context,
    who: StaffIdentity,
    status: ScreenStatus,
    forms: Forms = {},
    notice?: { text: string; error?: boolean },
    review?: PublishReview,
  ) => {
    const found = await readIncident(param(c, 'id'));
    if (!found) return missing(c, who);
    const { incident, version } = found;
    const { names, sections } = await loadStructure(ctx);
    const text = kit.notice(c, NOTICES);
    const page = (
      <IncidentPage
        viewer={viewerOf(who)}
        assets={ADMIN_ASSETS}
        script={screenScript(c)}
        canWrite={mayWriteIncidents(who)}
        incident={incident}
        version={version}
        summary={summariseIncident(incident, names)}
        names={names}
        sections={sections}
        current={currentImpacts(incident)}
        forms={{ ...freshForms(incident), ...forms }}
        {...(notice ? { notice } : text ? { notice: { text } } : {})}
        {...(review ? { review } : {})}
      />
    );
    return sendScreen(c, status, toAdminHtml(page));
  };

  routes.get(
    '/admin/incidents/:id',
    kit.allowed(READS_INCIDENTS, (c, who) => incidentScreen(c, who, 200)),
  );

  routes.get(
    '/admin/incidents/:id/timeline',
    kit.allowed(READS_INCIDENTS, async (c, who) => {
      const found = await readIncident(param(c, 'id'));
      if (!found) return kit.html(c, 404, '');
      const { names } = await loadStructure(ctx);
      const { incident } = found;
      const fragment = (
        <IncidentLive incident={incident} summary={summariseIncident(incident, names)} names={names} canWrite={mayWriteIncidents(who)} />
      );
      return kit.html(c, 200, renderSync(fragment));
    }),
  );

  routes.get(
    '/admin/incidents/:id/events',
    kit.allowed(READS_INCIDENTS, (c) => {
      const seen = Number(c.req.query('version'));
      if (!Number.isSafeInteger(seen) || seen < 1) return Promise.resolve(c.text('version: expected the version the screen shows', 400));
      const token = kit.jar.read(c, kit.sessionCookie) ?? '';
      const stream = openIncidentEventStream({
        streams: kit.deps.eventStreams,
        watch,
        incidentId: param(c, 'id'),
        seen,
        guard: (end) => sessions.guard(token, READS_INCIDENTS, end),
      });
      // Too many screens open: this one still works, only without live updates.
      return Promise.resolve(
        stream ?? c.text('Too many live screens are open; reload later for live updates.', 503, { 'Retry-After': '30' }),
      );
    }),
  );

  /**
   * One of the screen's forms: reads `fields`, lets `parse` check them (filling `form.errors`), then
   * `act`s; a refusal shows the screen again with the form as it was sent, the error in place, and
   * (409, a stale version) the incident as it now is.
   */
  const screenForm = (
    path: string,
    key: keyof IncidentForms,
    fields: readonly string[],
    act: (c: Context, who: StaffIdentity, form: FormState, version: number) => Promise<string | Response | null>,
  ) =>
    routes.post(
      path,
      kit.allowed(WRITES_INCIDENTS, async (c, who) => {
        const body = await readForm(c);
        const form = body === null ? emptyForm() : readFormState(body, fields);
        if (body === null) form.errors.form = 'The form could not be read; please send it again.';
        const version = parseVersion(form);
        if (version === undefined || form.errors.form) return incidentScreen(c, who, 400, { [key]: form });
        try {
          const notice = await act(c, who, form, version);
          if (notice === null) return incidentScreen(c, who, 400, { [key]: form });
          if (notice instanceof Response) return notice;
          return sendSeeOther(c, `${base(param(c, 'id'))}?notice=${notice}`);
        } catch (error) {
          if (!isExpectedRefusal(error)) throw error;
          const status = refusalStatus(error);
          if (status === 409) return incidentScreen(c, who, 409, { [key]: form }, { text: STALE, error: true });
          placeServiceError(form, error);
          return incidentScreen(c, who, status, { [key]: form });
        }
      }),
    );

  /** The update form's input, or null when a field is refused (marked in `form`). */
  const updateInput = (form: FormState) => {
    const status = parseStatus(form);
    const displayAt = parseDisplayAt(form);
    const impacts = parseImpacts(form, 'update');
    if (!status || displayAt === undefined || !impacts) return null;
    return { status, message: form.values.message ?? '', impacts, displayAt, notify: notifyChosen(form.values) };
  };
  const UPDATE_FIELDS = ['status', 'message', 'displayAt', 'version', ...NOTIFY_FIELDS];

  screenForm('/admin/incidents/:id/updates', 'update', UPDATE_FIELDS, async (c, who, form, version) => {
    const input = updateInput(form);
    if (!input) return null;
    const audited = auditedAs(kit, who, 'incident.update_posted', { details: { status: input.status } });
    await postIncidentUpdate(audited, param(c, 'id'), input, { expectedVersion: version });
    return 'updated';
  });

  // The update's review: checked as posting would check it, where the incident shows and how it would look with the update; nothing is written.
  screenForm('/admin/incidents/:id/updates/review', 'update', UPDATE_FIELDS, async (c, who, form, version) => {
    const input = updateInput(form);
    if (!input) return null;
    const incident = await draftIncidentUpdate(ctx, param(c, 'id'), input, { expectedVersion: version });
    const review = await publishReviewOf(kit, new Set(incidentComponentIds(incident)), { incident });
    return incidentScreen(c, who, 200, { update: form }, undefined, review);
  });

  screenForm('/admin/incidents/:id/resolve', 'resolve', ['message', 'version', ...NOTIFY_FIELDS], async (c, who, form, version) => {
    const audited = auditedAs(kit, who, 'incident.resolved');
    const input = { message: form.values.message ?? '', expectedVersion: version, notify: notifyChosen(form.values) };
    await resolveIncident(audited, param(c, 'id'), input);
    return 'resolved';
  });

  screenForm('/admin/incidents/:id/rename', 'rename', ['name', 'version'], async (c, who, form, version) => {
    const id = param(c, 'id');
    // The name it replaces (STF-7): the one at the version the form was made for, or the write is refused.
    const before = (await readIncident(id))?.incident.name;
    const audited = auditedAs(kit, who, 'incident.renamed', { details: { before, after: (form.values.name ?? '').trim() } });
    await renameIncident(audited, id, form.values.name ?? '', { expectedVersion: version });
    return 'renamed';
  });

  const editScreen = async (
    c: Context,
    who: StaffIdentity,
    status: ScreenStatus,
    form?: FormState,
    notice?: { text: string; error?: boolean },
  ) => {
    const found = await readIncident(param(c, 'id'));
    const update = found?.incident.updates.find((candidate) => candidate.id === param(c, 'updateId'));
    if (!found || !update) return missing(c, who);
    const shown = form ?? emptyForm({ message: update.message, displayAt: localInputValue(update.displayAt) });
    const page = (
      <UpdateEditPage
        viewer={viewerOf(who)}
        assets={ADMIN_ASSETS}
        incident={found.incident}
        update={update}
        version={found.version}
        form={shown}
        {...(notice ? { notice } : {})}
      />
    );
    return kit.html(c, status, toAdminHtml(page));
  };

  routes.get(
    '/admin/incidents/:id/updates/:updateId/edit',
    kit.allowed(WRITES_INCIDENTS, (c, who) => editScreen(c, who, 200)),
  );

  routes.post(
    '/admin/incidents/:id/updates/:updateId',
    kit.allowed(WRITES_INCIDENTS, async (c, who) => {
      const body = await readForm(c);
      const form = body === null ? emptyForm() : readFormState(body, ['message', 'displayAt', 'version']);
      if (body === null) form.errors.form = 'The form could not be read; please send it again.';
      const version = parseVersion(form);
      const displayAt = parseDisplayAt(form);
      if (version === undefined || displayAt === undefined || form.errors.form) return editScreen(c, who, 400, form);
      const id = param(c, 'id');
      const updateId = param(c, 'updateId');
      // The form shows the time to the minute: sent back unchanged, it must not move the update to the minute.
      const shownAt = (await readIncident(id))?.incident.updates.find((update) => update.id === updateId)?.displayAt;
      const unchanged = shownAt !== undefined && form.values.displayAt === localInputValue(shownAt);
      try {
        const input = { incidentId: id, updateId, message: form.values.message ?? '', expectedVersion: version };
        await editIncidentUpdate(ctx, unchanged || displayAt === null ? input : { ...input, displayAt }, staffActor(who.member.email));
      } catch (error) {
        if (!isExpectedRefusal(error)) throw error;
        const status = refusalStatus(error);
        if (status === 409) return editScreen(c, who, 409, form, { text: STALE, error: true });
        placeServiceError(form, error);
        return editScreen(c, who, status, form);
      }
      return sendSeeOther(c, `${base(id)}?notice=edited`);
    }),
  );

  const deleteScreen = async (c: Context, who: StaffIdentity, status: ScreenStatus, notice?: { text: string; error?: boolean }) => {
    const found = await readIncident(param(c, 'id'));
    if (!found) return missing(c, who);
    const page = (
      <DeletePage
        viewer={viewerOf(who)}
        assets={ADMIN_ASSETS}
        incident={found.incident}
        version={found.version}
        {...(notice ? { notice } : {})}
      />
    );
    return kit.html(c, status, toAdminHtml(page));
  };

  routes.get(
    '/admin/incidents/:id/delete',
    kit.allowed(WRITES_INCIDENTS, (c, who) => deleteScreen(c, who, 200)),
  );

  routes.post(
    '/admin/incidents/:id/delete',
    kit.allowed(WRITES_INCIDENTS, async (c, who) => {
      const body = await readForm(c);
      const form = body === null ? emptyForm() : readFormState(body, ['version']);
      const version = parseVersion(form);
      if (version === undefined) return deleteScreen(c, who, 400, { text: form.errors.form ?? 'The form could not be read.', error: true });
      const id = param(c, 'id');
      const name = (await readIncident(id))?.incident.name;
      try {
        await deleteIncident(auditedAs(kit, who, 'incident.deleted', { id, details: { name } }), id, { expectedVersion: version });
      } catch (error) {
        if (!isExpectedRefusal(error)) throw error;
        const status = refusalStatus(error);
        if (status === 404) return missing(c, who);
        return deleteScreen(c, who, status, {
          text: status === 409 ? `${STALE.split('. Below')[0]}. Below is the newest version.` : error.message,
          error: true,
        });
      }
      return sendSeeOther(c, '/admin/incidents?notice=deleted');
    }),
  );
}
