import { createRoute, z } from '@hono/zod-openapi';
import { WEBHOOK_FORMATS, WEBHOOK_URL_MAX_LENGTH } from '../../../../domain/webhooks/webhook-endpoint.js';
import { IdParamsSchema, IdSchema, TimestampSchema, deleteRoute, jsonBody, jsonResponse, problems, readRoute } from '../common-schema.js';

const ScopeSchema = z
  .string()
  .min(1)
  .max(300)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

const WebhookEndpointSchema = z
  .object({
    id: z.string(),
    scope: z.string().openapi({ description: '`page:<pageId>`, `sub:<pageId>/<entryId>` or `customer:<customerPageId>`' }),
    url: z.string(),
    format: z.enum(WEBHOOK_FORMATS),
    state: z.enum(['active', 'disabled']),
    disabled_reason: z.string().nullable(),
    created_by: z.string().openapi({ description: 'Who subscribed it: an actor, or `form` for the public subscription form' }),
    previous_secret_until: TimestampSchema.nullable().openapi({
      description: 'Until when the secret replaced by the last rotation still signs',
    }),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
  })
  .openapi('WebhookEndpoint');

const WithSecretSchema = WebhookEndpointSchema.extend({
  secret: z
    .string()
    .openapi({ description: 'The `whsec_` signing secret. Shown only in this response; store it now.', example: 'whsec_…' }),
}).openapi('WebhookEndpointWithSecret');

const WebhookDeliverySchema = z
  .object({
    id: z.string(),
    webhook_id: z.string().openapi({ description: 'The outbox message of the attempt' }),
    event_type: z.string(),
    attempt: z.number().int(),
    at: TimestampSchema,
    outcome: z.enum(['sent', 'failed', 'disabled']).openapi({ description: 'disabled: the receiver answered 410 Gone' }),
    status_code: z.number().int().nullable(),
    duration_ms: z.number().int(),
    error: z.string().nullable(),
    response_excerpt: z.string().nullable().openapi({ description: 'The first 1,024 characters of the response (staff only)' }),
  })
  .openapi('WebhookDelivery');

const CreateBodySchema = z
  .strictObject({
    scope: ScopeSchema,
    url: z.string().min(1).max(WEBHOOK_URL_MAX_LENGTH),
    format: z
      .enum(WEBHOOK_FORMATS)
      .optional()
      .openapi({ description: 'Detected from the URL when left out (Slack, Discord, Teams), else `beacon`' }),
  })
  .openapi('CreateWebhookEndpoint');

const StateBodySchema = z
  .strictObject({ state: z.enum(['active', 'disabled']), reason: z.string().max(500).optional() })
  .openapi('SetWebhookEndpointState');

const LimitSchema = z.coerce.number().int().min(1).max(200).default(50);

const ListQuerySchema = z.object({
  scope: ScopeSchema.optional().openapi({ param: { name: 'scope', in: 'query' } }),
  after: IdSchema.optional().openapi({ param: { name: 'after', in: 'query' }, description: 'The last id of the previous page' }),
  limit: LimitSchema.openapi({ param: { name: 'limit', in: 'query' } }),
});

const DeliveryQuerySchema = z.object({
  cursor: z
    .string()
    .max(200)
    .regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z~[\x21-\x7e]{1,128}$/)
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' }, description: "The previous page's `next_cursor`" }),
  limit: LimitSchema.openapi({ param: { name: 'limit', in: 'query' } }),
});

const DeliveryParamsSchema = IdParamsSchema.extend({
  deliveryId: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: 'deliveryId', in: 'path' } }),
});

export type WebhookEndpointBody = z.infer<typeof WebhookEndpointSchema>;
export type WebhookDeliveryBody = z.infer<typeof WebhookDeliverySchema>;

const tags = ['Webhooks'];

export const createWebhookRoute = createRoute({
  method: 'post',
  path: '/webhooks',
  tags,
  summary: 'Subscribe a URL to a page, sub-page or customer page; the signing secret is returned once',
  request: { body: jsonBody(CreateBodySchema) },
  responses: { 201: jsonResponse(WithSecretSchema, 'The endpoint and its secret'), ...problems(400, 401, 404) },
});

export const listWebhooksRoute = createRoute({
  method: 'get',
  path: '/webhooks',
  tags,
  summary: 'List webhook endpoints (of one scope), in id order, a page at a time',
  request: { query: ListQuerySchema },
  responses: { 200: jsonResponse(z.object({ data: z.array(WebhookEndpointSchema) }), 'The endpoints'), ...problems(400, 401) },
});

export const readWebhookRoute = readRoute(
  { path: '/webhooks/{id}', tags, summary: 'One webhook endpoint' },
  WebhookEndpointSchema,
  'The endpoint',
);

export const setWebhookStateRoute = createRoute({
  method: 'patch',
  path: '/webhooks/{id}',
  tags,
  summary: 'Disable (with a reason) or enable an endpoint',
  request: { params: IdParamsSchema, body: jsonBody(StateBodySchema) },
  responses: { 200: jsonResponse(WebhookEndpointSchema, 'The endpoint'), ...problems(400, 401, 404) },
});

export const rotateWebhookSecretRoute = createRoute({
  method: 'post',
  path: '/webhooks/{id}/rotate-secret',
  tags,
  summary: 'A new signing secret, returned once; the old one also signs for 24 hours',
  request: { params: IdParamsSchema },
  responses: { 200: jsonResponse(WithSecretSchema, 'The endpoint and its new secret'), ...problems(401, 404) },
});

export const deleteWebhookRoute = deleteRoute({ path: '/webhooks/{id}', tags, summary: 'Delete an endpoint and its delivery log' });

export const listWebhookDeliveriesRoute = createRoute({
  method: 'get',
  path: '/webhooks/{id}/deliveries',
  tags,
  summary: "The endpoint's delivery attempts, newest first",
  request: { params: IdParamsSchema, query: DeliveryQuerySchema },
  responses: {
    200: jsonResponse(z.object({ data: z.array(WebhookDeliverySchema), next_cursor: z.string().nullable() }), 'The attempts'),
    ...problems(400, 401, 404),
  },
});

export const replayWebhookDeliveryRoute = createRoute({
  method: 'post',
  path: '/webhooks/{id}/deliveries/{deliveryId}/replay',
  tags,
  summary: 'Send a delivery again: the same body under the same webhook-id',
  request: { params: DeliveryParamsSchema },
  responses: { 202: { description: 'Queued' }, ...problems(401, 404, 409) },
});
