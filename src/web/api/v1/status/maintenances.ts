import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  cancelMaintenance,
  completeMaintenance,
  deleteMaintenance,
  getMaintenance,
  listMaintenances,
  postMaintenanceUpdate,
  scheduleMaintenance,
  updateMaintenance,
} from '../../../../services/status/maintenances.js';
import type { AppDeps } from '../../../app-deps.js';
import {
  cancelMaintenanceRoute,
  completeMaintenanceRoute,
  deleteMaintenanceRoute,
  getMaintenanceRoute,
  listMaintenancesRoute,
  postMaintenanceUpdateRoute,
  scheduleMaintenanceRoute,
  updateMaintenanceRoute,
} from './maintenances-schema.js';
import type { ApiEnv } from '../openapi-app.js';
import { notifyOf } from '../write-schema.js';
import { presentMaintenance } from '../presenters/maintenance.js';

const toDate = (iso: string | undefined): Date | undefined => (iso === undefined ? undefined : new Date(iso));

/** `/maintenances`: schedule, update, complete and cancel maintenance windows. */
export function registerMaintenanceRoutes(api: OpenAPIHono<ApiEnv>, { ctx }: AppDeps): void {
  // The phase is derived from the clock, so each response reads it afresh.
  const present = (maintenance: Parameters<typeof presentMaintenance>[0]) => presentMaintenance(maintenance, ctx.clock());

  api.openapi(scheduleMaintenanceRoute, async (c) => {
    const body = c.req.valid('json');
    const maintenance = await scheduleMaintenance(c.var.ctx, {
      name: body.name,
      description: body.description ?? null,
      componentIds: body.component_ids,
      scheduledStart: new Date(body.scheduled_start),
      scheduledEnd: new Date(body.scheduled_end),
      ...notifyOf(body),
    });
    return c.json(present(maintenance), 201);
  });

  api.openapi(listMaintenancesRoute, async (c) => {
    const query = c.req.valid('query');
    const maintenances = await listMaintenances(c.var.ctx, { limit: query.limit, before: query.before });
    return c.json({ data: maintenances.map(present) }, 200);
  });

  api.openapi(getMaintenanceRoute, async (c) => {
    return c.json(present(await getMaintenance(c.var.ctx, c.req.valid('param').id)), 200);
  });

  api.openapi(updateMaintenanceRoute, async (c) => {
    const body = c.req.valid('json');
    const maintenance = await updateMaintenance(c.var.ctx, c.req.valid('param').id, {
      name: body.name,
      description: body.description,
      componentIds: body.component_ids,
      scheduledStart: toDate(body.scheduled_start),
      scheduledEnd: toDate(body.scheduled_end),
      ...notifyOf(body),
    });
    return c.json(present(maintenance), 200);
  });

  api.openapi(deleteMaintenanceRoute, async (c) => {
    await deleteMaintenance(c.var.ctx, c.req.valid('param').id);
    return c.body(null, 204);
  });

  api.openapi(postMaintenanceUpdateRoute, async (c) => {
    const body = c.req.valid('json');
    const maintenance = await postMaintenanceUpdate(c.var.ctx, c.req.valid('param').id, { message: body.message, ...notifyOf(body) });
    return c.json(present(maintenance), 201);
  });

  api.openapi(completeMaintenanceRoute, async (c) => {
    const body = c.req.valid('json') ?? {};
    return c.json(
      present(await completeMaintenance(c.var.ctx, c.req.valid('param').id, { message: body.message, ...notifyOf(body) })),
      200,
    );
  });

  api.openapi(cancelMaintenanceRoute, async (c) => {
    const body = c.req.valid('json') ?? {};
    return c.json(present(await cancelMaintenance(c.var.ctx, c.req.valid('param').id, { message: body.message, ...notifyOf(body) })), 200);
  });
}
