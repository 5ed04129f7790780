import type { OpenAPIHono } from '@hono/zod-openapi';
import { createGroup, deleteGroup, getGroup, listGroups, updateGroup } from '../../../../services/status/groups.js';
import { createGroupRoute, deleteGroupRoute, getGroupRoute, listGroupsRoute, updateGroupRoute } from './groups-schema.js';
import type { ApiEnv } from '../openapi-app.js';
import { presentGroup } from '../presenters/group.js';

/** `/groups`: named, ordered sets of components placed on pages as one item. */
export function registerGroupRoutes(api: OpenAPIHono<ApiEnv>): void {
  api.openapi(createGroupRoute, async (c) => {
    const body = c.req.valid('json');
    const group = await createGroup(c.var.ctx, { name: body.name, description: body.description, componentIds: body.component_ids });
    return c.json(presentGroup(group), 201);
  });

  api.openapi(listGroupsRoute, async (c) => {
    const groups = await listGroups(c.var.ctx);
    return c.json({ data: groups.map(presentGroup) }, 200);
  });

  api.openapi(getGroupRoute, async (c) => {
    const group = await getGroup(c.var.ctx, c.req.valid('param').id);
    return c.json(presentGroup(group), 200);
  });

  api.openapi(updateGroupRoute, async (c) => {
    const body = c.req.valid('json');
    const group = await updateGroup(c.var.ctx, c.req.valid('param').id, {
      name: body.name,
      description: body.description,
      componentIds: body.component_ids,
    });
    return c.json(presentGroup(group), 200);
  });

  api.openapi(deleteGroupRoute, async (c) => {
    await deleteGroup(c.var.ctx, c.req.valid('param').id);
    return c.body(null, 204);
  });
}
