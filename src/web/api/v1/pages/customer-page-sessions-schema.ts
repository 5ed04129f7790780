import { createRoute, z } from '@hono/zod-openapi';
import { IdParamsSchema, problems, TimestampSchema, jsonBody, jsonResponse, listOf } from '../common-schema.js';

const CustomerPageSessionSchema = z
  .object({
    id: z.string().openapi({ description: 'A handle for the session; never the cookie value (SES-8)' }),
    email: z.string(),
    domain: z.string(),
    created_at: TimestampSchema,
    last_seen_at: TimestampSchema.openapi({ description: 'Refreshed at most every few minutes' }),
    idle_expires_at: TimestampSchema,
    absolute_expires_at: TimestampSchema,
  })
  .openapi('CustomerPageSession');

const RevokeSessionsBodySchema = z
  .union([
    z.strictObject({ all: z.literal(true) }),
    z.strictObject({ email: z.string().max(254).openapi({ example: 'alice@acme.example' }) }),
    z.strictObject({
      domain: z.string().max(254).openapi({ description: '`*.example.com` also takes its subdomains', example: 'acme.example' }),
    }),
  ])
  .openapi('RevokeSessions', { description: 'Exactly one of `{ "all": true }`, `{ "email": … }`, `{ "domain": … }`' });

const RevokedSessionsSchema = z.object({ revoked: z.number().int() }).openapi('RevokedSessions');

const AuditEventSchema = z
  .object({
    id: z.string(),
    at: TimestampSchema,
    actor: z.string(),
    action: z.string().openapi({ example: 'sign_in.link_requested' }),
    subject_type: z.string(),
    subject_id: z.string(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEvent');

const AuditLogQuerySchema = z.object({
  before: z.iso
    .datetime()
    .optional()
    .openapi({ description: 'Only events strictly before this instant (the oldest `at` of the previous page)' }),
  limit: z.coerce.number().int().min(1).max(500).optional().openapi({ description: '100 by default' }),
});

export type CustomerPageSessionBody = z.infer<typeof CustomerPageSessionSchema>;
export type AuditEventBody = z.infer<typeof AuditEventSchema>;

const tags = ['Customer pages'];

export const listCustomerPageSessionsRoute = createRoute({
  method: 'get',
  path: '/customer-pages/{id}/sessions',
  tags,
  summary: "A customer page's active sessions, most recently seen first",
  request: { params: IdParamsSchema },
  responses: {
    200: jsonResponse(listOf(CustomerPageSessionSchema), 'The sessions'),
    ...problems(401, 404),
  },
});

export const revokeCustomerPageSessionsRoute = createRoute({
  method: 'post',
  path: '/customer-pages/{id}/sessions/revoke',
  tags,
  summary: 'End sessions of a customer page: all, one address, or one domain (SES-7); effective at once',
  request: { params: IdParamsSchema, body: jsonBody(RevokeSessionsBodySchema) },
  responses: {
    200: jsonResponse(RevokedSessionsSchema, 'How many sessions ended'),
    ...problems(400, 401, 404),
  },
});

export const listCustomerPageAuditRoute = createRoute({
  method: 'get',
  path: '/customer-pages/{id}/audit-log',
  tags,
  summary: "A customer page's audit log, newest first (LOG-1): sign-in requests, mails, redemptions, sessions",
  request: { params: IdParamsSchema, query: AuditLogQuerySchema },
  responses: {
    200: jsonResponse(listOf(AuditEventSchema), 'The events'),
    ...problems(400, 401, 404),
  },
});
