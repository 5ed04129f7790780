import { createRoute, z } from '@hono/zod-openapi';
import { IMPACTS } from '../../../../domain/status/impact.js';
import { INCIDENT_STATUSES } from '../../../../domain/status/incident.js';
import { IdParamsSchema, IdSchema, NameSchema, problems, TimestampSchema, jsonBody, jsonResponse, listOf } from '../common-schema.js';
import { InstantInputSchema, MessageSchema, NotifySchema, emptyBodyAsEmptyObject, optionalJsonBody } from '../write-schema.js';

/** An impact as the API spells it: `none` where the domain says "no impact". */
const ImpactSchema = z.enum([...IMPACTS, 'none']).openapi('Impact');
const StatusSchema = z.enum(INCIDENT_STATUSES).openapi('IncidentStatus');

const ComponentImpactSchema = z.object({ component_id: z.string(), impact: ImpactSchema }).openapi('ComponentImpact');

const IncidentUpdateSchema = z
  .object({
    id: z.string(),
    incident_id: z.string(),
    status: StatusSchema,
    message: z.string(),
    display_at: TimestampSchema.openapi({ description: 'When the update takes effect; may be back-dated.' }),
    created_at: TimestampSchema,
    components: z.array(ComponentImpactSchema).openapi({ description: 'The impacts this update sets; other components keep theirs.' }),
  })
  .openapi('IncidentUpdate');
export type IncidentUpdateBody = z.infer<typeof IncidentUpdateSchema>;

const IncidentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: StatusSchema.openapi({ description: 'The status of the latest update in timeline order.' }),
    impact: ImpactSchema.openapi({ description: 'The worst impact the incident ever set on any component.' }),
    started_at: TimestampSchema.openapi({ description: "The first update's display_at." }),
    resolved_at: TimestampSchema.nullable(),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
    components: z.array(ComponentImpactSchema).openapi({
      description: 'Every component the incident mentioned, with its impact now (`none` once cleared or resolved).',
    }),
    updates: z.array(IncidentUpdateSchema).openapi({ description: 'The timeline, oldest first, ordered by display_at.' }),
    version: z.number().int().optional().openapi({
      description:
        'Raised by every change to the incident; the `ETag` is this number in quotes. Present when the response is one incident (not in lists).',
      example: 3,
    }),
  })
  .openapi('Incident');
export type IncidentBody = z.infer<typeof IncidentSchema>;

const ComponentImpactInputSchema = z.strictObject({ component_id: IdSchema, impact: ImpactSchema });

const updateFields = {
  message: MessageSchema,
  components: z
    .array(ComponentImpactInputSchema)
    .max(500)
    .default([])
    .openapi({ description: 'Impacts to set; `none` sets a component back to no impact. Others keep theirs.' }),
  display_at: InstantInputSchema.optional().openapi({ description: 'Back-dates the update (at most a couple of minutes ahead of now).' }),
  notify: NotifySchema,
};

const CreateIncidentBodySchema = z
  .strictObject({ name: NameSchema, status: StatusSchema.default('investigating'), ...updateFields })
  .openapi('CreateIncident');
export type CreateIncidentBody = z.infer<typeof CreateIncidentBodySchema>;

const PostIncidentUpdateBodySchema = z.strictObject({ status: StatusSchema, ...updateFields }).openapi('PostIncidentUpdate');
const UpdateIncidentBodySchema = z.strictObject({ name: NameSchema }).openapi('UpdateIncident');
const ResolveIncidentBodySchema = z.strictObject({ message: MessageSchema.optional(), notify: NotifySchema }).openapi('ResolveIncident');

const ListIncidentsQuerySchema = z.object({
  status: z.enum(['open', 'resolved']).optional().openapi({ description: 'Only open, or only resolved, incidents.' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: IdSchema.optional().openapi({ description: 'The id of the last incident of the previous page.' }),
});

const IdempotencyHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .optional()
    .openapi({
      // Header names are case-insensitive; the validator sees them lower-cased, so the document names it so too.
      param: { name: 'idempotency-key', in: 'header' },
      description: 'Retrying with the same key and body replays the first response (for 24 hours) instead of creating again.',
    }),
});

/** Optimistic concurrency the HTTP way: a write sent with the ETag it read fails (412) if anyone changed the incident since. */
const IfMatchHeadersSchema = z.object({
  'if-match': z
    .string()
    .max(512)
    .optional()
    .openapi({
      param: { name: 'if-match', in: 'header' },
      example: '"3"',
      description:
        'The `ETag` of the incident as last read: the write applies only if the incident is still at that version, else 412 and nothing changes. Without it (or with `*`) the write applies to the incident as it is.',
    }),
});

const ETAG_HEADER = {
  ETag: {
    description: 'The incident\'s version in quotes (`"3"`); send it back in `If-Match` to write only over this version.',
    schema: { type: 'string' },
  },
} as const;

const tags = ['Incidents'];
const incidentResponse = (description: string) => ({ ...jsonResponse(IncidentSchema, description), headers: ETAG_HEADER });

export const createIncidentRoute = createRoute({
  method: 'post',
  path: '/incidents',
  tags,
  summary: 'Declare an incident with its first update',
  request: { headers: IdempotencyHeadersSchema, body: jsonBody(CreateIncidentBodySchema) },
  responses: {
    201: incidentResponse('The new incident (or, with a reused Idempotency-Key, the first response replayed)'),
    ...problems(400, 401, 409),
  },
});

export const listIncidentsRoute = createRoute({
  method: 'get',
  path: '/incidents',
  tags,
  summary: 'List incidents, newest first',
  request: { query: ListIncidentsQuerySchema },
  responses: { 200: jsonResponse(listOf(IncidentSchema), 'The incidents'), ...problems(400, 401) },
});

export const getIncidentRoute = createRoute({
  method: 'get',
  path: '/incidents/{id}',
  tags,
  summary: 'Read an incident with its timeline',
  request: { params: IdParamsSchema },
  responses: { 200: incidentResponse('The incident'), ...problems(401, 404) },
});

export const updateIncidentRoute = createRoute({
  method: 'patch',
  path: '/incidents/{id}',
  tags,
  summary: 'Rename an incident',
  request: { params: IdParamsSchema, headers: IfMatchHeadersSchema, body: jsonBody(UpdateIncidentBodySchema) },
  responses: {
    200: incidentResponse('The incident'),
    ...problems(400, 401, 404, 412),
  },
});

export const deleteIncidentRoute = createRoute({
  method: 'delete',
  path: '/incidents/{id}',
  tags,
  summary: 'Delete an incident and its timeline',
  request: { params: IdParamsSchema, headers: IfMatchHeadersSchema },
  responses: { 204: { description: 'Deleted' }, ...problems(400, 401, 404, 412) },
});

export const postIncidentUpdateRoute = createRoute({
  method: 'post',
  path: '/incidents/{id}/updates',
  tags,
  summary: 'Post an update: status, message and component impacts (any status order; `resolved` closes)',
  request: { params: IdParamsSchema, headers: IfMatchHeadersSchema, body: jsonBody(PostIncidentUpdateBodySchema) },
  responses: {
    201: incidentResponse('The incident with the new update'),
    ...problems(400, 401, 404, 412),
  },
});

export const resolveIncidentRoute = createRoute({
  method: 'post',
  path: '/incidents/{id}/resolve',
  tags,
  summary: 'Resolve an incident (a no-op when it already is)',
  middleware: [emptyBodyAsEmptyObject] as const,
  request: { params: IdParamsSchema, headers: IfMatchHeadersSchema, body: optionalJsonBody(ResolveIncidentBodySchema) },
  responses: {
    200: incidentResponse('The resolved incident'),
    ...problems(400, 401, 404, 412),
  },
});
