import type { Context, Hono } from 'hono';
import { roleMay } from '../../../domain/access/staff-role.js';
import { BeaconError } from '../../../domain/errors.js';
import { parseScopeKey } from '../../../domain/notifications/notification-event.js';
import { subscriptionTarget } from '../../../domain/notifications/subscription-target.js';
import { staffActor } from '../../../services/staff/staff-audit.js';
import type { StaffIdentity } from '../../../services/staff/staff-sessions.js';
import {
  type SubscriberAdminActor,
  addSubscriber,
  countScopes,
  listQuarantined,
  listScopeCounts,
  listScopeSubscribers,
  releaseQuarantined,
  removeSubscriber,
} from '../../../services/subscriptions/subscriber-admin.js';
import { exportSubscribers, importSubscribers } from '../../../services/subscriptions/subscriber-csv.js';
import { SUBSCRIBER_STATES, type SubscriberState } from '../../../store/subscriptions/subscriber-admin.js';
import { sendCsvDownload } from '../../csv-download.js';
import { SUBSCRIBER_IMPORT_FORM_PATH } from '../../middleware/body-size.js';
import { readForm } from '../../customer/form-body.js';
import { sendSeeOther } from '../../customer/respond.js';
import { type AdminKit, viewerOf } from '../admin-kit.js';
import { ADMIN_ASSETS, renderMessage, toAdminHtml } from '../render.js';
import { QuarantinePage } from './quarantine-page.js';
import { type SubscriberFilters, type SubscriberListProps, SubscriberListPage } from './subscriber-list-page.js';
import { SubscribersOverview, scopeHref } from './subscribers-overview.js';

const READS = { resource: 'subscribers', writes: false } as const;
/** STF-3: adding, removing, importing and releasing are admin writes, as over the API. */
const WRITES = { resource: 'subscribers', writes: true } as const;
const PAGE_SIZE = 50;

const NOTICES: Readonly<Record<string, string>> = {
  added: 'Subscriber added, confirmed.',
  removed: 'Subscriber removed.',
  released: 'Address released: mail goes to it again.',
};

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
/** A query or form value kept to a sane length and printable, else empty. */
const cleanText = (value: string | undefined, max: number): string =>
  value !== undefined && value.length <= max && !/[\u0000-\u001f\u007f]/.test(value) ? value : '';

const actorOf = (who: StaffIdentity): SubscriberAdminActor => ({ actor: staffActor(who.member.email), staffId: who.member.id });

type RefusalStatus = 400 | 404 | 409 | 422;
const REFUSALS: Partial<Record<BeaconError['code'], RefusalStatus>> = {
  validation: 400,
  payload_too_large: 400,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
};

/** The status a refused change answers with, or null for an error that is not a refusal (rethrown). */
const refusalStatus = (error: unknown): RefusalStatus | null => (error instanceof BeaconError ? (REFUSALS[error.code] ?? null) : null);

/** `/admin/subscribers…`: pages with their subscriber counts, one page's subscribers (add, remove, import, export), the quarantine. */
export function mountSubscriberScreens(routes: Hono, kit: AdminKit): void {
  const { ctx, snapshots } = kit.deps;
  const kinds = async () => snapshots.pageKinds(await snapshots.fresh());

  routes.get(
    '/admin/subscribers',
    kit.allowed(READS, async (c, who) => {
      const index = await kinds();
      const pages = [...index.snapshot.pages.values()]
        .filter((page) => page.kind !== 'customer_set')
        .sort((a, b) => a.name.localeCompare(b.name));
      const counts = await countScopes(
        ctx,
        pages.map((page) => `page:${page.id}`),
      );
      const after = cleanText(c.req.query('after'), 300) || undefined;
      const others = await listScopeCounts(ctx, { ...(after ? { afterScope: after } : {}), excludePages: true, limit: PAGE_SIZE });
      const row = (scope: string, email = counts.get(scope)?.email) => ({
        scope,
        title: subscriptionTarget(index, scope)?.title ?? null,
        email: email ?? { pending: 0, confirmed: 0, unsubscribed: 0 },
      });
      return kit.html(
        c,
        200,
        toAdminHtml(
          <SubscribersOverview
            viewer={viewerOf(who)}
            assets={ADMIN_ASSETS}
            pages={pages.map((page) => row(`page:${page.id}`))}
            others={others.items.map((item) => row(item.scope, item.email))}
            after={after}
            next={others.next}
          />,
        ),
      );
    }),
  );

  /** The list screen of `scope` with the filters in the query, and whatever a change left to say. */
  const listScreen = async (
    c: Context,
    who: StaffIdentity,
    scope: string,
    status: 200 | RefusalStatus,
    extra: Partial<SubscriberListProps> = {},
  ) => {
    if (parseScopeKey(scope) === null) return kit.notFound(c);
    const rawState = c.req.query('state') ?? '';
    const state = (SUBSCRIBER_STATES as readonly string[]).includes(rawState) ? (rawState as SubscriberState) : undefined;
    const filters: SubscriberFilters = {
      q: cleanText(c.req.query('q'), 254),
      state: state ?? '',
      after: cleanText(c.req.query('after'), 300) || undefined,
    };
    const list = await listScopeSubscribers(ctx, {
      scope,
      ...(state ? { state } : {}),
      ...(filters.q ? { search: filters.q } : {}),
      ...(filters.after !== undefined ? { after: filters.after } : {}),
      limit: PAGE_SIZE,
    });
    const notice = kit.notice(c, NOTICES);
    return kit.html(
      c,
      status,
      toAdminHtml(
        <SubscriberListPage
          viewer={viewerOf(who)}
          assets={ADMIN_ASSETS}
          scope={scope}
          title={subscriptionTarget(await kinds(), scope)?.title ?? null}
          canWrite={roleMay(who.member.role, WRITES)}
          list={list}
          filters={filters}
          {...(notice ? { notice: { text: notice } } : {})}
          {...extra}
        />,
      ),
    );
  };

  routes.get(
    '/admin/subscribers/list',
    kit.allowed(READS, (c, who) => listScreen(c, who, c.req.query('scope') ?? '', 200)),
  );

  routes.get(
    '/admin/subscribers/export',
    kit.allowed(READS, async (c) => {
      const scope = c.req.query('scope') ?? '';
      if (parseScopeKey(scope) === null) return kit.notFound(c);
      return sendCsvDownload(c, 'subscribers.csv', exportSubscribers(ctx, await kinds(), { scope }));
    }),
  );

  routes.post(
    '/admin/subscribers/add',
    kit.allowed(WRITES, async (c, who) => {
      const fields = await readForm(c);
      const scope = text(fields?.scope);
      const email = text(fields?.email).slice(0, 1000);
      try {
        await addSubscriber(ctx, await kinds(), { scope, email }, actorOf(who));
      } catch (error) {
        const status = refusalStatus(error);
        if (status === null) throw error;
        return listScreen(c, who, scope, status, { add: { email, error: (error as Error).message } });
      }
      return sendSeeOther(c, `${scopeHref(scope)}&notice=added`);
    }),
  );

  routes.post(
    '/admin/subscribers/remove',
    kit.allowed(WRITES, async (c, who) => {
      const id = text((await readForm(c))?.id);
      try {
        const removed = await removeSubscriber(ctx, id, actorOf(who));
        return sendSeeOther(c, `${scopeHref(removed.scope)}&notice=removed`);
      } catch (error) {
        if (refusalStatus(error) !== 404) throw error;
        return kit.html(
          c,
          404,
          renderMessage(viewerOf(who), 'No such subscriber', 'There is no such subscriber: someone may have removed it already.'),
        );
      }
    }),
  );

  routes.post(
    SUBSCRIBER_IMPORT_FORM_PATH,
    kit.allowed(WRITES, async (c, who) => {
      const fields = await readForm(c);
      const scope = text(fields?.scope);
      const file = fields?.file;
      if (!(file instanceof File) || file.size === 0) {
        return listScreen(c, who, scope, 400, { notice: { text: 'Choose a CSV file to import.', error: true } });
      }
      try {
        const report = await importSubscribers(
          ctx,
          await kinds(),
          { text: await file.text(), scope, skipInvalid: text(fields?.skip_invalid) === 'true', dryRun: false },
          actorOf(who),
        );
        return listScreen(c, who, scope, 200, { imported: report });
      } catch (error) {
        const status = refusalStatus(error);
        if (status === null || !(error instanceof BeaconError)) throw error;
        const errors = error.issues.map((issue) => ({ line: Number(/\d+/.exec(issue.path)?.[0] ?? 0), message: issue.message }));
        if (status === 422)
          return listScreen(c, who, scope, 422, { importRefusal: { text: error.message, errors: errors.slice(0, 100), more: 0 } });
        return listScreen(c, who, scope, status, { notice: { text: error.message, error: true } });
      }
    }),
  );

  const quarantineScreen = async (c: Context, who: StaffIdentity, status: 200 | 404, notice?: { text: string; error?: boolean }) => {
    const q = cleanText(c.req.query('q'), 254);
    const after = cleanText(c.req.query('after'), 300) || undefined;
    const page = await listQuarantined(ctx, { ...(q ? { search: q } : {}), ...(after ? { after } : {}), limit: PAGE_SIZE });
    const noticed = kit.notice(c, NOTICES);
    const shown = notice ?? (noticed ? { text: noticed } : undefined);
    return kit.html(
      c,
      status,
      toAdminHtml(
        <QuarantinePage
          viewer={viewerOf(who)}
          assets={ADMIN_ASSETS}
          canWrite={roleMay(who.member.role, WRITES)}
          items={page.items}
          q={q}
          after={after}
          next={page.next}
          notice={shown}
        />,
      ),
    );
  };

  routes.get(
    '/admin/subscribers/quarantine',
    kit.allowed(READS, (c, who) => quarantineScreen(c, who, 200)),
  );

  routes.post(
    '/admin/subscribers/quarantine/release',
    kit.allowed(WRITES, async (c, who) => {
      const email = text((await readForm(c))?.email).slice(0, 1000);
      try {
        await releaseQuarantined(ctx, email, actorOf(who));
      } catch (error) {
        if (refusalStatus(error) !== 404) throw error;
        return quarantineScreen(c, who, 404, { text: 'That address is not quarantined.', error: true });
      }
      return sendSeeOther(c, '/admin/subscribers/quarantine?notice=released');
    }),
  );
}
