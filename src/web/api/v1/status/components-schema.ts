import { createRoute, z } from '@hono/zod-openapi';
import {
  DescriptionSchema,
  IdParamsSchema,
  NameSchema,
  problems,
  TimestampSchema,
  jsonBody,
  jsonResponse,
  listRoute,
  readRoute,
  deleteRoute,
} from '../common-schema.js';

const ComponentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
  })
  .openapi('Component');

const CreateComponentBodySchema = z
  .strictObject({ name: NameSchema, description: DescriptionSchema.optional() })
  .openapi('CreateComponent');

const UpdateComponentBodySchema = z
  .strictObject({ name: NameSchema.optional(), description: DescriptionSchema.optional() })
  .openapi('UpdateComponent');

export type ComponentBody = z.infer<typeof ComponentSchema>;

const tags = ['Components'];

export const createComponentRoute = createRoute({
  method: 'post',
  path: '/components',
  tags,
  summary: 'Create a component',
  request: { body: jsonBody(CreateComponentBodySchema) },
  responses: { 201: jsonResponse(ComponentSchema, 'The new component'), ...problems(400, 401) },
});

export const listComponentsRoute = listRoute(
  { path: '/components', tags, summary: 'List every component, oldest first' },
  ComponentSchema,
  'The components',
);

export const getComponentRoute = readRoute(
  { path: '/components/{id}', tags, summary: 'Read a component' },
  ComponentSchema,
  'The component',
);

export const updateComponentRoute = createRoute({
  method: 'patch',
  path: '/components/{id}',
  tags,
  summary: 'Change a component (only the fields given)',
  request: { params: IdParamsSchema, body: jsonBody(UpdateComponentBodySchema) },
  responses: {
    200: jsonResponse(ComponentSchema, 'The updated component'),
    ...problems(400, 401, 404),
  },
});

export const deleteComponentRoute = deleteRoute({
  path: '/components/{id}',
  tags,
  summary: 'Delete a component; it leaves every group, page, incident and maintenance window',
});
