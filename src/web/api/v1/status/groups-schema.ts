import { createRoute, z } from '@hono/zod-openapi';
import {
  DescriptionSchema,
  IdParamsSchema,
  IdSchema,
  NameSchema,
  problems,
  TimestampSchema,
  jsonBody,
  jsonResponse,
  listRoute,
  readRoute,
  deleteRoute,
} from '../common-schema.js';

/** A group holds at most this many components; far above any real page, low enough to bound the work. */
const GROUP_MAX_COMPONENTS = 500;

const GroupSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    component_ids: z.array(z.string()).openapi({ description: 'The members, in display order' }),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
  })
  .openapi('Group');

const ComponentIdsSchema = z.array(IdSchema).max(GROUP_MAX_COMPONENTS);

const CreateGroupBodySchema = z
  .strictObject({ name: NameSchema, description: DescriptionSchema.optional(), component_ids: ComponentIdsSchema.optional() })
  .openapi('CreateGroup');

const UpdateGroupBodySchema = z
  .strictObject({
    name: NameSchema.optional(),
    description: DescriptionSchema.optional(),
    component_ids: ComponentIdsSchema.optional().openapi({ description: 'Replaces the members and their order' }),
  })
  .openapi('UpdateGroup');

export type GroupBody = z.infer<typeof GroupSchema>;

const tags = ['Groups'];

export const createGroupRoute = createRoute({
  method: 'post',
  path: '/groups',
  tags,
  summary: 'Create a group of components',
  request: { body: jsonBody(CreateGroupBodySchema) },
  responses: { 201: jsonResponse(GroupSchema, 'The new group'), ...problems(400, 401) },
});

export const listGroupsRoute = listRoute({ path: '/groups', tags, summary: 'List every group, oldest first' }, GroupSchema, 'The groups');

export const getGroupRoute = readRoute({ path: '/groups/{id}', tags, summary: 'Read a group' }, GroupSchema, 'The group');

export const updateGroupRoute = createRoute({
  method: 'patch',
  path: '/groups/{id}',
  tags,
  summary: 'Change a group (only the fields given)',
  request: { params: IdParamsSchema, body: jsonBody(UpdateGroupBodySchema) },
  responses: {
    200: jsonResponse(GroupSchema, 'The updated group'),
    ...problems(400, 401, 404, 409),
  },
});

export const deleteGroupRoute = deleteRoute({
  path: '/groups/{id}',
  tags,
  summary: 'Delete a group; its components stay, pages lose the group',
});
