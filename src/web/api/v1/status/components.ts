import type { OpenAPIHono } from '@hono/zod-openapi';
import { createComponent, deleteComponent, getComponent, listComponents, updateComponent } from '../../../../services/status/components.js';
import {
  createComponentRoute,
  deleteComponentRoute,
  getComponentRoute,
  listComponentsRoute,
  updateComponentRoute,
} from './components-schema.js';
import type { ApiEnv } from '../openapi-app.js';
import { presentComponent } from '../presenters/component.js';

/** `/components`: the catalogue of reportable parts of the product. */
export function registerComponentRoutes(api: OpenAPIHono<ApiEnv>): void {
  api.openapi(createComponentRoute, async (c) => {
    const body = c.req.valid('json');
    const component = await createComponent(c.var.ctx, { name: body.name, description: body.description });
    return c.json(presentComponent(component), 201);
  });

  api.openapi(listComponentsRoute, async (c) => {
    const components = await listComponents(c.var.ctx);
    return c.json({ data: components.map(presentComponent) }, 200);
  });

  api.openapi(getComponentRoute, async (c) => {
    const component = await getComponent(c.var.ctx, c.req.valid('param').id);
    return c.json(presentComponent(component), 200);
  });

  api.openapi(updateComponentRoute, async (c) => {
    const body = c.req.valid('json');
    const component = await updateComponent(c.var.ctx, c.req.valid('param').id, { name: body.name, description: body.description });
    return c.json(presentComponent(component), 200);
  });

  api.openapi(deleteComponentRoute, async (c) => {
    await deleteComponent(c.var.ctx, c.req.valid('param').id);
    return c.body(null, 204);
  });
}
