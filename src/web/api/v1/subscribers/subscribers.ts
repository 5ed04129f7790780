import type { OpenAPIHono } from '@hono/zod-openapi';
import { apiKeyActor } from '../../../../domain/access/audit-event.js';
import { BeaconError } from '../../../../domain/errors.js';
import { subscriptionTarget } from '../../../../domain/notifications/subscription-target.js';
import {
  type SubscriberAdminActor,
  addSubscriber,
  listQuarantined,
  listScopeCounts,
  listScopeSubscribers,
  releaseQuarantined,
  removeSubscriber,
} from '../../../../services/subscriptions/subscriber-admin.js';
import { exportSubscribers, importSubscribers } from '../../../../services/subscriptions/subscriber-csv.js';
import type { AppDeps } from '../../../app-deps.js';
import { sendCsvDownload } from '../../../csv-download.js';
import type { ApiEnv } from '../openapi-app.js';
import { presentImportReport, presentQuarantined, presentSubscriber } from '../presenters/subscriber.js';
import {
  addSubscriberRoute,
  exportSubscribersRoute,
  importSubscribersRoute,
  listQuarantineRoute,
  listSubscriberCountsRoute,
  listSubscribersRoute,
  releaseQuarantineRoute,
  removeSubscriberRoute,
} from './subscribers-schema.js';

/** The one write that reads CSV instead of JSON (see `requireJsonBodies`). */
export const CSV_IMPORT_PATH = '/api/v1/subscribers/import';

/**
 * `/subscribers…` and `/email-quarantine…`: staff see and manage email subscribers (docs/subscribers-admin.md).
 * Reads for every role, writes for admins (resource `subscribers`, STF-3); every write audited (STF-7).
 */
export function registerSubscriberRoutes(api: OpenAPIHono<ApiEnv>, deps: AppDeps): void {
  const kinds = async () => deps.snapshots.pageKinds(await deps.snapshots.fresh());
  const actorOf = (keyId: string): SubscriberAdminActor => ({ actor: apiKeyActor(keyId), staffId: apiKeyActor(keyId) });

  api.openapi(listSubscriberCountsRoute, async (c) => {
    const { cursor, limit } = c.req.valid('query');
    const page = await listScopeCounts(c.var.ctx, { ...(cursor !== undefined ? { afterScope: cursor } : {}), limit });
    const index = await kinds();
    const data = page.items.map((counts) => ({
      scope: counts.scope,
      page: subscriptionTarget(index, counts.scope)?.title ?? null,
      channels: { email: counts.email },
    }));
    return c.json({ data, next_cursor: page.next }, 200);
  });

  api.openapi(listSubscribersRoute, async (c) => {
    const { scope, state, search, cursor, limit } = c.req.valid('query');
    const page = await listScopeSubscribers(c.var.ctx, {
      scope,
      ...(state ? { state } : {}),
      ...(search ? { search } : {}),
      ...(cursor !== undefined ? { after: cursor } : {}),
      limit,
    });
    return c.json({ data: page.items.map(presentSubscriber), next_cursor: page.next }, 200);
  });

  api.openapi(addSubscriberRoute, async (c) => {
    const body = c.req.valid('json');
    const added = await addSubscriber(
      c.var.ctx,
      await kinds(),
      { scope: body.scope, email: body.email, componentIds: body.components ?? null },
      actorOf(c.get('apiKeyId')),
    );
    return c.json(presentSubscriber(added), 201);
  });

  api.openapi(removeSubscriberRoute, async (c) => {
    await removeSubscriber(c.var.ctx, c.req.valid('param').id, actorOf(c.get('apiKeyId')));
    return c.body(null, 204);
  });

  api.openapi(exportSubscribersRoute, async (c) => {
    const { scope } = c.req.valid('query');
    const chunks = exportSubscribers(c.var.ctx, await kinds(), scope === undefined ? {} : { scope });
    // The route's response is a stream, which the typed handler cannot express.
    return sendCsvDownload(c, 'subscribers.csv', chunks) as never;
  });

  api.openapi(importSubscribersRoute, async (c) => {
    const query = c.req.valid('query');
    if (!/^text\/csv\s*(;|$)/i.test(c.req.header('content-type') ?? '')) {
      throw new BeaconError('unsupported_media_type', 'The request body must be CSV, sent with Content-Type: text/csv');
    }
    const report = await importSubscribers(
      c.var.ctx,
      await kinds(),
      {
        text: await c.req.text(),
        ...(query.scope !== undefined ? { scope: query.scope } : {}),
        skipInvalid: query.skip_invalid === 'true',
        dryRun: query.dry_run === 'true',
      },
      actorOf(c.get('apiKeyId')),
    );
    return c.json(presentImportReport(report), 200);
  });

  api.openapi(listQuarantineRoute, async (c) => {
    const { search, cursor, limit } = c.req.valid('query');
    const page = await listQuarantined(c.var.ctx, {
      ...(search ? { search } : {}),
      ...(cursor !== undefined ? { after: cursor } : {}),
      limit,
    });
    return c.json({ data: page.items.map(presentQuarantined), next_cursor: page.next }, 200);
  });

  api.openapi(releaseQuarantineRoute, async (c) => {
    await releaseQuarantined(c.var.ctx, c.req.valid('json').email, actorOf(c.get('apiKeyId')));
    return c.body(null, 204);
  });
}
