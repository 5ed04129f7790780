import { createRoute, z } from '@hono/zod-openapi';
import { IdParamsSchema, TimestampSchema, jsonResponse, listOf, problems } from '../common-schema.js';

const CustomerPageReadTokenSchema = z
  .object({
    id: z.string().openapi({ description: 'A handle for the token; never the token itself (TOK-2)' }),
    name: z.string().openapi({ description: 'What the viewer called it', example: 'Feed reader' }),
    prefix: z.string().openapi({ description: "The token's first characters", example: 'bcn_rt_Xy3k' }),
    email: z.string().openapi({ description: 'The viewer who made it' }),
    created_at: TimestampSchema,
    last_used_at: TimestampSchema.nullable().openapi({ description: 'Refreshed at most every minute; null when never used' }),
  })
  .openapi('CustomerPageReadToken');

const ReadTokenParamsSchema = IdParamsSchema.extend({
  tokenId: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: 'tokenId', in: 'path' }, example: 'r8t2q4m6x5a6b7c8' }),
});

export type CustomerPageReadTokenBody = z.infer<typeof CustomerPageReadTokenSchema>;

const tags = ['Customer pages'];

export const listCustomerPageReadTokensRoute = createRoute({
  method: 'get',
  path: '/customer-pages/{id}/read-tokens',
  tags,
  summary: "A customer page's personal read tokens, newest first (docs/read-tokens.md)",
  request: { params: IdParamsSchema },
  responses: {
    200: jsonResponse(listOf(CustomerPageReadTokenSchema), 'The tokens'),
    ...problems(401, 404),
  },
});

export const revokeCustomerPageReadTokenRoute = createRoute({
  method: 'delete',
  path: '/customer-pages/{id}/read-tokens/{tokenId}',
  tags,
  summary: 'Revoke one read token of a customer page; refused from the next request on',
  request: { params: ReadTokenParamsSchema },
  responses: { 204: { description: 'Revoked' }, ...problems(401, 404) },
});
