import { createRoute, z } from '@hono/zod-openapi';
import {
  DescriptionSchema,
  IdParamsSchema,
  NameSchema,
  PROBLEM_RESPONSES,
  TimestampSchema,
  jsonBody,
  jsonResponse,
  listOf,
} from './common-schema.js';

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
  responses: { 201: jsonResponse(ComponentSchema, 'The new component'), 400: PROBLEM_RESPONSES[400], 401: PROBLEM_RESPONSES[401] },
});

export const listComponentsRoute = createRoute({
  method: 'get',
  path: '/components',
  tags,
  summary: 'List every component, oldest first',
  responses: { 200: jsonResponse(listOf(ComponentSchema), 'The components'), 401: PROBLEM_RESPONSES[401] },
});

export const getComponentRoute = createRoute({
  method: 'get',
  path: '/components/{id}',
  tags,
  summary: 'Read a component',
  request: { params: IdParamsSchema },
  responses: { 200: jsonResponse(ComponentSchema, 'The component'), 401: PROBLEM_RESPONSES[401], 404: PROBLEM_RESPONSES[404] },
});

export const updateComponentRoute = createRoute({
  method: 'patch',
  path: '/components/{id}',
  tags,
  summary: 'Change a component (only the fields given)',
  request: { params: IdParamsSchema, body: jsonBody(UpdateComponentBodySchema) },
  responses: {
    200: jsonResponse(ComponentSchema, 'The updated component'),
    400: PROBLEM_RESPONSES[400],
    401: PROBLEM_RESPONSES[401],
    404: PROBLEM_RESPONSES[404],
  },
});

export const deleteComponentRoute = createRoute({
  method: 'delete',
  path: '/components/{id}',
  tags,
  summary: 'Delete a component; it leaves every group, page, incident and maintenance window',
  request: { params: IdParamsSchema },
  responses: { 204: { description: 'Deleted' }, 401: PROBLEM_RESPONSES[401], 404: PROBLEM_RESPONSES[404] },
});
