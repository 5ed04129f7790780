import { createRoute, z } from '@hono/zod-openapi';
import { STAFF_RESOURCES, STAFF_ROLES } from '../../../../domain/access/staff-role.js';
import { NameSchema, problems, TimestampSchema, jsonBody, jsonResponse, listRoute, deleteRoute } from '../common-schema.js';

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
    ...problems(400, 401),
  },
});

export const listApiKeysRoute = listRoute(
  { path: '/api-keys', tags, summary: 'List every API key, revoked ones included (never their tokens)' },
  ApiKeySchema,
  'The keys',
);

export const revokeApiKeyRoute = deleteRoute(
  { path: '/api-keys/{id}', tags, summary: 'Revoke an API key at once (revoking twice is harmless)' },
  'Revoked',
);
