import type { Context, Hono } from 'hono';
import { roleMay } from '../../../domain/access/staff-role.js';
import { BeaconError } from '../../../domain/errors.js';
import { staffActor } from '../../../services/staff/staff-audit.js';
import type { StaffIdentity } from '../../../services/staff/staff-sessions.js';
import { webhookDepsOf } from '../../webhook-deps-of.js';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookDeliveryLog,
  listWebhookEndpoints,
  replayWebhookDelivery,
  rotateWebhookSecret,
  setWebhookEndpointState,
} from '../../../services/webhooks/webhook-endpoints.js';
import { readForm } from '../../customer/form-body.js';
import { sendSeeOther } from '../../customer/respond.js';
import { type AdminKit, viewerOf } from '../admin-kit.js';
import { ADMIN_ASSETS, toAdminHtml } from '../render.js';
import { WebhookDeliveriesPage, type WebhooksPageProps, WebhooksPage } from './webhooks-page.js';

const READS = { resource: 'webhooks', writes: false } as const;
const WRITES = { resource: 'webhooks', writes: true } as const;
const PAGE_SIZE = 50;
const NOTICES: Readonly<Record<string, string>> = {
  disabled: 'Endpoint disabled: it gets nothing until enabled again.',
  enabled: 'Endpoint enabled.',
  deleted: 'Endpoint deleted, with its delivery log.',
  replayed: 'Delivery queued again, under the same webhook-id.',
};

const text = (value: unknown, max = 2000): string => (typeof value === 'string' ? value.slice(0, max) : '');

/** `/admin/webhooks`: every page's webhook endpoints and their delivery logs (admins write, STF-3). */
export function mountWebhookScreens(routes: Hono, kit: AdminKit): void {
  const webhooks = webhookDepsOf(kit.deps, kit.deps.ctx);
  const canWrite = (who: StaffIdentity): boolean => roleMay(who.member.role, WRITES);

  const screen = async (c: Context, who: StaffIdentity, status: 200 | 400 | 404, extra: Partial<WebhooksPageProps> = {}) => {
    const scope = text(c.req.query('scope'), 300);
    const after = text(c.req.query('after'), 128);
    const endpoints = await listWebhookEndpoints(webhooks, { scope: scope || undefined, after: after || undefined, limit: PAGE_SIZE + 1 });
    const shown = endpoints.slice(0, PAGE_SIZE);
    const notice = kit.notice(c, NOTICES);
    const props: WebhooksPageProps = {
      viewer: viewerOf(who),
      assets: ADMIN_ASSETS,
      scope,
      endpoints: shown,
      nextAfter: endpoints.length > PAGE_SIZE ? shown[shown.length - 1]!.id : null,
      canWrite: canWrite(who),
      ...(notice ? { notice: { text: notice } } : {}),
      ...extra,
    };
    return kit.html(c, status, toAdminHtml(<WebhooksPage {...props} />));
  };
  const missing = (c: Context, who: StaffIdentity) => screen(c, who, 404, { notice: { text: 'There is no such endpoint.', error: true } });
  const orMissing = async (c: Context, who: StaffIdentity, work: () => Promise<Response>) => {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof BeaconError) || error.code !== 'not_found') throw error;
      return missing(c, who);
    }
  };

  routes.get(
    '/admin/webhooks',
    kit.allowed(READS, (c, who) => screen(c, who, 200)),
  );

  routes.post(
    '/admin/webhooks',
    kit.allowed(WRITES, async (c, who) => {
      const fields = await readForm(c);
      const form = { scope: text(fields?.scope, 300), url: text(fields?.url), format: text(fields?.format, 20) };
      const actor = staffActor(who.member.email);
      try {
        const created = await createWebhookEndpoint(webhooks, { ...form, format: form.format || undefined, createdBy: actor }, actor);
        return screen(c, who, 200, { secret: { url: created.endpoint.url, secret: created.secret } });
      } catch (error) {
        if (!(error instanceof BeaconError) || (error.code !== 'validation' && error.code !== 'not_found')) throw error;
        return screen(c, who, 400, { form: { ...form, error: error.message } });
      }
    }),
  );

  routes.post(
    '/admin/webhooks/rotate',
    kit.allowed(WRITES, async (c, who) =>
      orMissing(c, who, async () => {
        const { endpoint, secret } = await rotateWebhookSecret(webhooks, text((await readForm(c))?.id, 128), staffActor(who.member.email));
        return screen(c, who, 200, { secret: { url: endpoint.url, secret } });
      }),
    ),
  );

  for (const [path, state] of [
    ['disable', 'disabled'],
    ['enable', 'active'],
  ] as const) {
    routes.post(
      `/admin/webhooks/${path}`,
      kit.allowed(WRITES, async (c, who) =>
        orMissing(c, who, async () => {
          await setWebhookEndpointState(webhooks, text((await readForm(c))?.id, 128), state, null, staffActor(who.member.email));
          return sendSeeOther(c, `/admin/webhooks?notice=${path}d`);
        }),
      ),
    );
  }

  routes.post(
    '/admin/webhooks/delete',
    kit.allowed(WRITES, async (c, who) =>
      orMissing(c, who, async () => {
        await deleteWebhookEndpoint(webhooks, text((await readForm(c))?.id, 128), staffActor(who.member.email));
        return sendSeeOther(c, '/admin/webhooks?notice=deleted');
      }),
    ),
  );

  routes.get(
    '/admin/webhooks/:id/deliveries',
    kit.allowed(READS, async (c, who) =>
      orMissing(c, who, async () => {
        const endpoint = await getWebhookEndpoint(webhooks, c.req.param('id') ?? '');
        const deliveries = await listWebhookDeliveryLog(webhooks, endpoint.id, { before: null, limit: 100 });
        const notice = kit.notice(c, NOTICES);
        const page = (
          <WebhookDeliveriesPage
            viewer={viewerOf(who)}
            assets={ADMIN_ASSETS}
            endpoint={endpoint}
            deliveries={deliveries}
            canWrite={canWrite(who)}
            {...(notice ? { notice: { text: notice } } : {})}
          />
        );
        return kit.html(c, 200, toAdminHtml(page));
      }),
    ),
  );

  routes.post(
    '/admin/webhooks/:id/replay',
    kit.allowed(WRITES, async (c, who) =>
      orMissing(c, who, async () => {
        const id = c.req.param('id') ?? '';
        await replayWebhookDelivery(webhooks, id, text((await readForm(c))?.deliveryId, 128), staffActor(who.member.email));
        return sendSeeOther(c, `/admin/webhooks/${encodeURIComponent(id)}/deliveries?notice=replayed`);
      }),
    ),
  );
}
