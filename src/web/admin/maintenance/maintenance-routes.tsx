import type { Context, Hono } from 'hono';
import { publishReviewOf } from '../publish-review.js';
import type { PublishReview } from '../views/review-panel.js';
import { timeZones } from '../../time-zones.js';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { roleMay } from '../../../domain/access/staff-role.js';
import { BeaconError } from '../../../domain/errors.js';
import { maintenancePhase } from '../../../domain/status/maintenance-phase.js';
import type { Maintenance } from '../../../domain/status/maintenance.js';
import type { Snapshot } from '../../../domain/snapshot.js';
import { monthKey } from '../../../domain/time-zone.js';
import type { StaffIdentity } from '../../../services/staff/staff-sessions.js';
import { listMaintenancePage, listMaintenancesBetween } from '../../../services/status/maintenance-lists.js';
import {
  type MaintenanceChanges,
  cancelMaintenance,
  completeMaintenance,
  getMaintenance,
  draftMaintenance,
  draftMaintenanceChange,
  scheduleMaintenance,
  startMaintenanceEarly,
  updateMaintenance,
} from '../../../services/status/maintenances.js';
import { readForm } from '../../customer/form-body.js';
import { sendPrivateHtml, sendSeeOther } from '../../customer/respond.js';
import { routeHashedAssets } from '../../hashed-assets.js';
import { type AdminKit, viewerOf } from '../admin-kit.js';
import { ADMIN_ASSETS, renderMessage, toAdminHtml } from '../render.js';
import { buildCalendarMonth, calendarGrid } from './calendar-month.js';
import { buildPickerSections } from './component-picker.js';
import { MAINTENANCE_FILTER_SCRIPT } from './maintenance-assets.js';
import { MAINTENANCE_ACTIONS, auditedAs, auditedFields } from './maintenance-audit.js';
import { MaintenanceCalendarPage } from './maintenance-calendar-page.js';
import { CancelPage, MaintenanceDetailPage } from './maintenance-detail-page.js';
import {
  type FieldErrors,
  FormRefusal,
  type MaintenanceForm,
  fieldErrorsOf,
  formOf,
  readMaintenanceForm,
  toChanges,
  toScheduleInput,
} from './maintenance-form.js';
import { MaintenanceFormPage } from './maintenance-form-page.js';
import { MaintenanceListPage } from './maintenance-list-page.js';
import { defaultZone, requestedZone } from './time-zones.js';
import { notifyChosen } from '../views/fields.js';

/** STF-3: every staff role reads maintenance; responders and admins write it. */
const READS = { resource: 'maintenances', writes: false } as const;
const WRITES = { resource: 'maintenances', writes: true } as const;
const PAGE_SIZE = 20;
/** In progress at once: more than any real outage has; the list says when it shows only the first. */
const IN_PROGRESS_SHOWN = 100;
const MAX_NAMES = 6;

const NOTICES: Readonly<Record<string, string>> = {
  scheduled: 'Maintenance scheduled.',
  saved: 'Changes saved.',
  started: 'The window has started.',
  completed: 'The window is complete.',
  cancelled: 'The window has been cancelled.',
};

type ErrorStatus = 400 | 404 | 409 | 422;

/** The status of a refusal a form shows in place; null for anything else (which goes on to the app's error handler). */
function statusOf(error: unknown): ErrorStatus | null {
  if (!(error instanceof BeaconError)) return null;
  const statuses: Partial<Record<BeaconError['code'], ErrorStatus>> = {
    validation: 400,
    not_found: 404,
    conflict: 409,
    unprocessable: 422,
  };
  return statuses[error.code] ?? null;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * `/admin/maintenance`: the windows in progress, upcoming and past; schedule,
 * edit, start early, complete early and cancel; a month calendar. Every write goes through the
 * maintenance services with the staff member as the actor, audited inside its transaction (STF-7),
 * and is allowed by role on the server (STF-3). Times are read and shown in a zone the screen names.
 */
export function mountMaintenanceScreens(routes: Hono, kit: AdminKit): void {
  const { ctx, snapshots } = kit.deps;
  routeHashedAssets(routes, [MAINTENANCE_FILTER_SCRIPT]);

  const mayWrite = (who: StaffIdentity) => roleMay(who.member.role, WRITES);
  const namesIn = (snapshot: Snapshot) => (ids: readonly string[]) => {
    const names = ids.map((id) => snapshot.components.get(id)?.name ?? 'a removed component');
    return names.length > MAX_NAMES ? `${names.slice(0, MAX_NAMES).join(', ')} and ${names.length - MAX_NAMES} more` : names.join(', ');
  };
  const answer = (c: Context, status: 200 | ErrorStatus, element: JSX.Element) => kit.html(c, status, toAdminHtml(element));
  const refusal = (c: Context, who: StaffIdentity, status: ErrorStatus, title: string, message: string) =>
    kit.html(c, status, renderMessage(viewerOf(who), title, message));

  /** The zone of `?zone=` (or a posted `zone`), the default page's when none; null when it names none. */
  const zoneFor = async (asked: string | undefined) => requestedZone(asked, defaultZone(await snapshots.fresh()));
  const unknownZone = (c: Context, who: StaffIdentity) => refusal(c, who, 400, 'Unknown time zone', 'Choose a time zone from the list.');
  const findWindow = async (id: string): Promise<Maintenance | null> => {
    try {
      return await getMaintenance(ctx, id);
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  };
  const missing = (c: Context, who: StaffIdentity) => refusal(c, who, 404, 'Not found', 'There is no such maintenance window.');

  routes.get(
    '/admin/maintenance',
    kit.allowed(READS, async (c, who) => {
      const zone = await zoneFor(c.req.query('zone'));
      if (zone === null) return unknownZone(c, who);
      const cursors = { upcoming: c.req.query('upcoming_after') || undefined, past: c.req.query('past_after') || undefined };
      try {
        const [inProgress, upcoming, past] = [
          await listMaintenancePage(ctx, { kind: 'in_progress', limit: IN_PROGRESS_SHOWN }),
          await listMaintenancePage(ctx, { kind: 'upcoming', limit: PAGE_SIZE, ...(cursors.upcoming ? { after: cursors.upcoming } : {}) }),
          await listMaintenancePage(ctx, { kind: 'past', limit: PAGE_SIZE, ...(cursors.past ? { after: cursors.past } : {}) }),
        ];
        const notice = kit.notice(c, NOTICES);
        return answer(
          c,
          200,
          <MaintenanceListPage
            viewer={viewerOf(who)}
            assets={ADMIN_ASSETS}
            mayWrite={mayWrite(who)}
            zone={zone}
            now={ctx.clock()}
            inProgress={inProgress}
            upcoming={upcoming}
            past={past}
            cursors={cursors}
            componentNames={namesIn(await snapshots.fresh())}
            {...(notice ? { notice: { text: notice } } : {})}
          />,
        );
      } catch (error) {
        if (statusOf(error) !== 400) throw error;
        return refusal(
          c,
          who,
          400,
          'No such page',
          'That page of the list does not exist (the window it started after is gone). Start again from the first page.',
        );
      }
    }),
  );

  routes.get(
    '/admin/maintenance/calendar',
    kit.allowed(READS, async (c, who) => {
      const zone = await zoneFor(c.req.query('zone'));
      if (zone === null) return unknownZone(c, who);
      const month = c.req.query('month') || monthKey(ctx.clock(), zone, timeZones);
      let grid: ReturnType<typeof calendarGrid>;
      try {
        grid = calendarGrid(month, zone);
      } catch (error) {
        if (statusOf(error) !== 400) throw error;
        return refusal(c, who, 400, 'No such month', 'Give the month as YYYY-MM, for example 2026-03.');
      }
      const { maintenances, truncated } = await listMaintenancesBetween(ctx, grid.from, grid.to);
      return answer(
        c,
        200,
        <MaintenanceCalendarPage
          viewer={viewerOf(who)}
          assets={ADMIN_ASSETS}
          mayWrite={mayWrite(who)}
          zone={zone}
          now={ctx.clock()}
          calendar={buildCalendarMonth(month, zone, maintenances)}
          truncated={truncated}
        />,
      );
    }),
  );

  /** The schedule or edit form, with the filter script under this response's nonce. */
  const formScreen = async (
    c: Context,
    who: StaffIdentity,
    status: 200 | ErrorStatus,
    form: MaintenanceForm,
    errors: FieldErrors,
    editing?: Maintenance,
    notice?: { text: string; error: true },
    review?: PublishReview,
  ) => {
    const nonce = c.get('cspNonce');
    const html = toAdminHtml(
      <MaintenanceFormPage
        viewer={viewerOf(who)}
        assets={ADMIN_ASSETS}
        script={{ src: MAINTENANCE_FILTER_SCRIPT.path, nonce }}
        form={form}
        errors={errors}
        sections={buildPickerSections(await snapshots.fresh())}
        {...(editing ? { editing: { id: editing.id, name: editing.name } } : {})}
        {...(notice ? { notice } : {})}
        {...(review ? { review } : {})}
      />,
    );
    return sendPrivateHtml(c, status, html, nonce);
  };

  /** A write refused by the form or the service: field errors in place, a rule's refusal above the form. */
  const refusedForm = (c: Context, who: StaffIdentity, error: unknown, form: MaintenanceForm, editing?: Maintenance) => {
    if (error instanceof FormRefusal) return formScreen(c, who, 400, form, error.errors, editing);
    const errors = fieldErrorsOf(error);
    if (errors) return formScreen(c, who, 400, form, errors, editing);
    const status = statusOf(error);
    if (status === null || !(error instanceof BeaconError)) throw error;
    return formScreen(c, who, status, form, {}, editing, { text: error.message, error: true });
  };
  const junk = (c: Context, who: StaffIdentity) =>
    refusal(c, who, 400, 'Not saved', 'The form could not be read. Open it again and resend it.');

  routes.get(
    '/admin/maintenance/new',
    kit.allowed(WRITES, async (c, who) => {
      const zone = await zoneFor(c.req.query('zone'));
      if (zone === null) return unknownZone(c, who);
      return formScreen(c, who, 200, { name: '', message: '', start: '', end: '', zone, componentIds: [], notify: true }, {});
    }),
  );

  // The review step: the form checked as scheduling would check it, where the window would show and how it would look; nothing is written.
  routes.post(
    '/admin/maintenance/review',
    kit.allowed(WRITES, async (c, who) => {
      const form = await readMaintenanceForm(c);
      if (form === null) return junk(c, who);
      try {
        const input = toScheduleInput(form);
        if (input instanceof FormRefusal) throw input;
        const maintenance = await draftMaintenance(ctx, input);
        return formScreen(
          c,
          who,
          200,
          form,
          {},
          undefined,
          undefined,
          await publishReviewOf(kit, new Set(input.componentIds), { maintenance }),
        );
      } catch (error) {
        return refusedForm(c, who, error, form);
      }
    }),
  );

  routes.post(
    '/admin/maintenance',
    kit.allowed(WRITES, async (c, who) => {
      const form = await readMaintenanceForm(c);
      if (form === null) return junk(c, who);
      try {
        const input = toScheduleInput(form);
        if (input instanceof FormRefusal) throw input;
        const made = await scheduleMaintenance(auditedAs(ctx, who, MAINTENANCE_ACTIONS.scheduled), input);
        return sendSeeOther(c, `/admin/maintenance/${made.id}?zone=${encodeURIComponent(form.zone)}&notice=scheduled`);
      } catch (error) {
        return refusedForm(c, who, error, form);
      }
    }),
  );

  /** A window's screen: read-only for viewers; `extra` carries a refusal or the message as typed. */
  const detailScreen = async (
    c: Context,
    who: StaffIdentity,
    status: 200 | ErrorStatus,
    maintenance: Maintenance,
    zone: string,
    extra: { notice?: { text: string; error?: boolean }; message?: string } = {},
  ) => {
    const done = kit.notice(c, NOTICES);
    const notice = extra.notice ?? (done ? { text: done } : undefined);
    return answer(
      c,
      status,
      <MaintenanceDetailPage
        viewer={viewerOf(who)}
        assets={ADMIN_ASSETS}
        mayWrite={mayWrite(who)}
        maintenance={maintenance}
        phase={maintenancePhase(maintenance, ctx.clock())}
        zone={zone}
        componentNames={namesIn(await snapshots.fresh())}
        {...(notice ? { notice } : {})}
        {...(extra.message ? { message: extra.message } : {})}
      />,
    );
  };

  routes.get(
    '/admin/maintenance/:id',
    kit.allowed(READS, async (c, who) => {
      const zone = await zoneFor(c.req.query('zone'));
      if (zone === null) return unknownZone(c, who);
      const maintenance = await findWindow(c.req.param('id') ?? '');
      return maintenance ? detailScreen(c, who, 200, maintenance, zone) : missing(c, who);
    }),
  );

  routes.get(
    '/admin/maintenance/:id/edit',
    kit.allowed(WRITES, async (c, who) => {
      const zone = await zoneFor(c.req.query('zone'));
      if (zone === null) return unknownZone(c, who);
      const maintenance = await findWindow(c.req.param('id') ?? '');
      return maintenance ? formScreen(c, who, 200, formOf(maintenance, zone), {}, maintenance) : missing(c, who);
    }),
  );

  /**
   * A form about an existing window (its review, its save): the window, the form and the changes it
   * asks for, or the answer for a missing window, junk, or a refused field.
   */
  const editRoute = (
    path: string,
    act: (c: Context, who: StaffIdentity, current: Maintenance, form: MaintenanceForm, changes: MaintenanceChanges) => Promise<Response>,
  ) =>
    routes.post(
      path,
      kit.allowed(WRITES, async (c, who) => {
        const current = await findWindow(c.req.param('id') ?? '');
        if (current === null) return missing(c, who);
        const form = await readMaintenanceForm(c);
        if (form === null) return junk(c, who);
        try {
          const changes = toChanges(form, current);
          if (changes instanceof FormRefusal) throw changes;
          return await act(c, who, current, form, changes);
        } catch (error) {
          return refusedForm(c, who, error, form, current);
        }
      }),
    );

  // An edit's review: the window as the edit would leave it, on every page that shows it now or would then; nothing is written.
  editRoute('/admin/maintenance/:id/review', async (c, who, current, form, changes) => {
    const { edited } = await draftMaintenanceChange(ctx, current.id, changes);
    const reached = new Set([...current.componentIds, ...edited.componentIds]);
    const review = await publishReviewOf(kit, reached, { maintenance: edited });
    return formScreen(c, who, 200, form, {}, current, undefined, review);
  });

  editRoute('/admin/maintenance/:id', async (c, who, current, form, changes) => {
    // STF-7: the record keeps what the edit replaced (read just before; the write then locks the row).
    const audited = auditedAs(ctx, who, MAINTENANCE_ACTIONS.updated, { before: auditedFields(current) });
    await updateMaintenance(audited, current.id, changes);
    return sendSeeOther(c, `/admin/maintenance/${current.id}?zone=${encodeURIComponent(form.zone)}&notice=saved`);
  });

  /**
   * A one-button change to a window (start, complete, cancel): on success back to its screen with
   * `notice`; a refusal (a finished window, say) shown there in place, with the message as typed.
   */
  const windowChange = (
    path: string,
    notice: string,
    change: (
      c: Context,
      who: StaffIdentity,
      id: string,
      fields: { message: string; confirm: string; zone: string; notify: boolean },
    ) => Promise<Response | null>,
  ) =>
    routes.post(
      path,
      kit.allowed(WRITES, async (c, who) => {
        const posted = await readForm(c);
        if (posted === null) return junk(c, who);
        const zone = requestedZone(text(posted.zone), defaultZone(await snapshots.fresh())) ?? 'UTC';
        const fields = {
          message: text(posted.message).slice(0, 20_000),
          confirm: text(posted.confirm),
          zone,
          notify: notifyChosen(posted),
        };
        const id = c.req.param('id') ?? '';
        try {
          const early = await change(c, who, id, fields);
          if (early) return early;
          return sendSeeOther(c, `/admin/maintenance/${id}?zone=${encodeURIComponent(zone)}&notice=${notice}`);
        } catch (error) {
          const status = statusOf(error);
          if (status === null || !(error instanceof BeaconError)) throw error;
          const maintenance = await findWindow(id);
          if (maintenance === null) return missing(c, who);
          return detailScreen(c, who, status, maintenance, zone, { notice: { text: error.message, error: true }, message: fields.message });
        }
      }),
    );

  windowChange('/admin/maintenance/:id/start', 'started', async (_c, who, id, { notify }) => {
    await startMaintenanceEarly(auditedAs(ctx, who, MAINTENANCE_ACTIONS.startedEarly), id, { notify });
    return null;
  });
  windowChange('/admin/maintenance/:id/complete', 'completed', async (_c, who, id, { message, notify }) => {
    await completeMaintenance(auditedAs(ctx, who, MAINTENANCE_ACTIONS.completed, message.trim() ? { message } : {}), id, {
      message,
      notify,
    });
    return null;
  });

  routes.get(
    '/admin/maintenance/:id/cancel',
    kit.allowed(WRITES, async (c, who) => {
      const zone = await zoneFor(c.req.query('zone'));
      if (zone === null) return unknownZone(c, who);
      const maintenance = await findWindow(c.req.param('id') ?? '');
      if (maintenance === null) return missing(c, who);
      const phase = maintenancePhase(maintenance, ctx.clock());
      return answer(
        c,
        200,
        <CancelPage viewer={viewerOf(who)} assets={ADMIN_ASSETS} maintenance={maintenance} phase={phase} zone={zone} />,
      );
    }),
  );
  windowChange('/admin/maintenance/:id/cancel', 'cancelled', async (c, who, id, { message, confirm, zone, notify }) => {
    if (confirm !== 'yes') {
      const maintenance = await findWindow(id);
      if (maintenance === null) return missing(c, who);
      const notice = { text: 'Nothing was cancelled: confirm with the button below.', error: true };
      const props = { viewer: viewerOf(who), assets: ADMIN_ASSETS, maintenance, zone, notice, message };
      return answer(c, 400, <CancelPage {...props} phase={maintenancePhase(maintenance, ctx.clock())} />);
    }
    await cancelMaintenance(auditedAs(ctx, who, MAINTENANCE_ACTIONS.cancelled, message.trim() ? { message } : {}), id, { message, notify });
    return null;
  });
}
