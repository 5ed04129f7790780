import { createRoute, z } from '@hono/zod-openapi';
import { MAINTENANCE_PHASES } from '../../../../domain/status/maintenance.js';
import {
  DescriptionSchema,
  IdParamsSchema,
  IdSchema,
  NameSchema,
  PROBLEM_RESPONSES,
  problems,
  TimestampSchema,
  jsonBody,
  jsonResponse,
  listOf,
  readRoute,
  deleteRoute,
} from '../common-schema.js';
import { InstantInputSchema, MessageSchema, NotifySchema, emptyBodyAsEmptyObject, optionalJsonBody } from '../write-schema.js';

const MaintenanceUpdateSchema = z
  .object({ id: z.string(), maintenance_id: z.string(), message: z.string(), created_at: TimestampSchema })
  .openapi('MaintenanceUpdate');
export type MaintenanceUpdateBody = z.infer<typeof MaintenanceUpdateSchema>;

const MaintenanceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    status: z.enum(MAINTENANCE_PHASES).openapi({ description: 'Derived from the clock when the response is made; never stored.' }),
    component_ids: z.array(z.string()),
    scheduled_start: TimestampSchema,
    scheduled_end: TimestampSchema,
    completed_at: TimestampSchema.nullable().openapi({ description: 'Set when completed before scheduled_end.' }),
    cancelled_at: TimestampSchema.nullable(),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
    updates: z.array(MaintenanceUpdateSchema).openapi({ description: 'Oldest first.' }),
  })
  .openapi('Maintenance');
export type MaintenanceBody = z.infer<typeof MaintenanceSchema>;

const ComponentIdsSchema = z.array(IdSchema).min(1).max(500);

const ScheduleMaintenanceBodySchema = z
  .strictObject({
    name: NameSchema,
    description: DescriptionSchema.optional(),
    component_ids: ComponentIdsSchema,
    scheduled_start: InstantInputSchema,
    scheduled_end: InstantInputSchema.openapi({ description: 'Must be after scheduled_start.' }),
    notify: NotifySchema,
  })
  .openapi('ScheduleMaintenance');

const UpdateMaintenanceBodySchema = z
  .strictObject({
    name: NameSchema.optional(),
    description: DescriptionSchema.optional(),
    component_ids: ComponentIdsSchema.optional(),
    scheduled_start: InstantInputSchema.optional(),
    scheduled_end: InstantInputSchema.optional(),
    notify: NotifySchema,
  })
  .openapi('UpdateMaintenance', { description: 'Only the fields given change; a finished window can only be renamed or redescribed.' });

const PostMaintenanceUpdateBodySchema = z.strictObject({ message: MessageSchema, notify: NotifySchema }).openapi('PostMaintenanceUpdate');
const EndMaintenanceBodySchema = z.strictObject({ message: MessageSchema.optional(), notify: NotifySchema }).openapi('EndMaintenance');

const ListMaintenancesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: IdSchema.optional().openapi({ description: 'The id of the last maintenance of the previous page.' }),
});

const tags = ['Maintenance'];
const maintenanceResponse = (description: string) => jsonResponse(MaintenanceSchema, description);
const REFUSED = {
  description: 'Refused by the window’s phase (e.g. completing a cancelled window).',
  content: PROBLEM_RESPONSES[409].content,
};

export const scheduleMaintenanceRoute = createRoute({
  method: 'post',
  path: '/maintenances',
  tags,
  summary: 'Schedule a maintenance window',
  request: { body: jsonBody(ScheduleMaintenanceBodySchema) },
  responses: { 201: maintenanceResponse('The new window'), ...problems(400, 401) },
});

export const listMaintenancesRoute = createRoute({
  method: 'get',
  path: '/maintenances',
  tags,
  summary: 'List maintenance windows, latest scheduled start first',
  request: { query: ListMaintenancesQuerySchema },
  responses: { 200: jsonResponse(listOf(MaintenanceSchema), 'The windows'), ...problems(400, 401) },
});

export const getMaintenanceRoute = readRoute(
  { path: '/maintenances/{id}', tags, summary: 'Read a maintenance window' },
  MaintenanceSchema,
  'The window',
);

export const updateMaintenanceRoute = createRoute({
  method: 'patch',
  path: '/maintenances/{id}',
  tags,
  summary: 'Change or reschedule a maintenance window (only the fields given)',
  request: { params: IdParamsSchema, body: jsonBody(UpdateMaintenanceBodySchema) },
  responses: {
    200: maintenanceResponse('The window'),
    ...problems(400, 401, 404),
    422: REFUSED,
  },
});

export const deleteMaintenanceRoute = deleteRoute({ path: '/maintenances/{id}', tags, summary: 'Delete a maintenance window' });

export const postMaintenanceUpdateRoute = createRoute({
  method: 'post',
  path: '/maintenances/{id}/updates',
  tags,
  summary: 'Post an update to a maintenance window',
  request: { params: IdParamsSchema, body: jsonBody(PostMaintenanceUpdateBodySchema) },
  responses: {
    201: maintenanceResponse('The window with the new update'),
    ...problems(400, 401, 404),
  },
});

const endRoute = (action: 'complete' | 'cancel', summary: string) =>
  createRoute({
    method: 'post',
    path: `/maintenances/{id}/${action}`,
    tags,
    summary,
    middleware: [emptyBodyAsEmptyObject] as const,
    request: { params: IdParamsSchema, body: optionalJsonBody(EndMaintenanceBodySchema) },
    responses: {
      200: maintenanceResponse('The window'),
      ...problems(400, 401, 404),
      422: REFUSED,
    },
  });

export const completeMaintenanceRoute = endRoute('complete', 'Complete an in-progress window now, optionally with a closing message');
export const cancelMaintenanceRoute = endRoute('cancel', 'Cancel a scheduled or in-progress window, optionally with a message');
