import { createRoute, z } from '@hono/zod-openapi';
import { STAFF_RESOURCES, STAFF_ROLES } from '../../../domain/access/staff-role.js';
import { IdParamsSchema, NameSchema, PROBLEM_RESPONSES, TimestampSchema, jsonBody, jsonResponse, listOf } from './common-schema.js';

const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    created_at: TimestampSchema,
    last_used_at: TimestampSchema.nullable().openapi({ description: 'Refreshed at most hourly' }),
    revoked_at: TimestampSchema.nullable(),
    role: z.enum(STAFF_ROLES).openapi({ description: 'viewer: read only; responder: also incidents and maintenance; admin: everything' }),
    scope: z
      .array(z.enum(STAFF_RESOURCES))
      .nullable()
      .openapi({ description: 'The resources the key is limited to; null for every one its role allows' }),
    prefix: z
      .string()
      .nullable()
      .openapi({ description: 'The first characters of the token, to tell keys apart (null for keys made before roles)' }),
  })
  .openapi('ApiKey');

const CreatedApiKeySchema = ApiKeySchema.extend({
  token: z.string().openapi({ description: 'The bearer token. Shown only in this response; store it now.', example: 'bk_…' }),
}).openapi('CreatedApiKey');

const CreateApiKeyBodySchema = z
  .strictObject({
    name: NameSchema.openapi({ example: 'PagerDuty' }),
    role: z.enum(STAFF_ROLES).optional().openapi({ description: 'admin when left out (what every key could do before roles)' }),
    scope: z.array(z.enum(STAFF_RESOURCES)).min(1).nullable().optional().openapi({ description: 'Limit the key to these resources' }),
  })
  .openapi('CreateApiKey');

export type ApiKeyBody = z.infer<typeof ApiKeySchema>;
export type CreatedApiKeyBody = z.infer<typeof CreatedApiKeySchema>;

const tags = ['API keys'];

export const createApiKeyRoute = createRoute({
  method: 'post',
  path: '/api-keys',
  tags,
  summary: 'Create an API key; the token is returned once',
  request: { body: jsonBody(CreateApiKeyBodySchema) },
  responses: {
    201: jsonResponse(CreatedApiKeySchema, 'The new key and its token'),
    400: PROBLEM_RESPONSES[400],
    401: PROBLEM_RESPONSES[401],
  },
});

export const listApiKeysRoute = createRoute({
  method: 'get',
  path: '/api-keys',
  tags,
  summary: 'List every API key, revoked ones included (never their tokens)',
  responses: { 200: jsonResponse(listOf(ApiKeySchema), 'The keys'), 401: PROBLEM_RESPONSES[401] },
});

export const revokeApiKeyRoute = createRoute({
  method: 'delete',
  path: '/api-keys/{id}',
  tags,
  summary: 'Revoke an API key at once (revoking twice is harmless)',
  request: { params: IdParamsSchema },
  responses: { 204: { description: 'Revoked' }, 401: PROBLEM_RESPONSES[401], 404: PROBLEM_RESPONSES[404] },
});
