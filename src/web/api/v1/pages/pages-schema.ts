import { createRoute, z } from '@hono/zod-openapi';
import { PAGE_KINDS } from '../../../../domain/pages/page.js';
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
} from '../common-schema.js';

/** A page's structure holds at most this many items. */
export const PAGE_MAX_ITEMS = 1000;

const ShowUptimeSchema = z.boolean().openapi({ description: 'Show the 90-day uptime bar' });

const PageItemSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('component'), component_id: z.string(), show_uptime: z.boolean() }),
    z.object({ type: z.literal('group'), group_id: z.string(), show_uptime: z.boolean() }),
  ])
  .openapi('PageItem');

export const PageItemInputSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('component'), component_id: IdSchema, show_uptime: ShowUptimeSchema.default(true) }),
    z.strictObject({ type: z.literal('group'), group_id: IdSchema, show_uptime: ShowUptimeSchema.default(true) }),
  ])
  .openapi('PageItemInput');

const ItemsInputSchema = z.array(PageItemInputSchema).max(PAGE_MAX_ITEMS);

export const PageSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    time_zone: z.string(),
    is_default: z.boolean(),
    kind: z.enum(PAGE_KINDS),
    items: z.array(PageItemSchema),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
  })
  .openapi('Page');

// Slug and zone are checked by the domain rules (reserved words, IANA names); the caps only bound the input.
const SlugSchema = z
  .string()
  .max(200)
  .openapi({ example: 'status', description: 'Lower-case letters, digits and single hyphens; 1–64 characters' });
const TimeZoneSchema = z.string().max(100).openapi({ example: 'Europe/Berlin', description: 'IANA time zone of the uptime days' });

const CreatePageBodySchema = z
  .strictObject({
    slug: SlugSchema,
    name: NameSchema,
    description: DescriptionSchema.optional(),
    time_zone: TimeZoneSchema.optional().openapi({ description: 'Defaults to UTC' }),
    is_default: z.boolean().optional().openapi({ description: 'Make this the page served at `/`; the first page always is' }),
    items: ItemsInputSchema.optional(),
  })
  .openapi('CreatePage');

const UpdatePageBodySchema = z
  .strictObject({
    slug: SlugSchema.optional(),
    name: NameSchema.optional(),
    description: DescriptionSchema.optional(),
    time_zone: TimeZoneSchema.optional(),
    is_default: z.boolean().optional().openapi({ description: '`true` moves the default here; the default page cannot be unset' }),
    items: ItemsInputSchema.optional(),
  })
  .openapi('UpdatePage');

const PageStructureBodySchema = z.strictObject({ items: ItemsInputSchema }).openapi('PageStructure');

export type PageBody = z.infer<typeof PageSchema>;
export type PageItemInput = z.infer<typeof PageItemInputSchema>;

const tags = ['Pages'];

export const createPageRoute = createRoute({
  method: 'post',
  path: '/pages',
  tags,
  summary: 'Create a page with its structure',
  request: { body: jsonBody(CreatePageBodySchema) },
  responses: {
    201: jsonResponse(PageSchema, 'The new page'),
    ...problems(400, 401, 409),
  },
});

export const listPagesRoute = listRoute({ path: '/pages', tags, summary: 'List every page, oldest first' }, PageSchema, 'The pages');

export const getPageRoute = readRoute({ path: '/pages/{id}', tags, summary: 'Read a page with its structure' }, PageSchema, 'The page');

export const updatePageRoute = createRoute({
  method: 'patch',
  path: '/pages/{id}',
  tags,
  summary: 'Change a page (only the fields given)',
  request: { params: IdParamsSchema, body: jsonBody(UpdatePageBodySchema) },
  responses: {
    200: jsonResponse(PageSchema, 'The updated page'),
    ...problems(400, 401, 404, 409),
  },
});

export const setPageStructureRoute = createRoute({
  method: 'put',
  path: '/pages/{id}/structure',
  tags,
  summary: "Replace a page's structure",
  request: { params: IdParamsSchema, body: jsonBody(PageStructureBodySchema) },
  responses: {
    200: jsonResponse(PageSchema, 'The page with its new structure'),
    ...problems(400, 401, 404),
  },
});

export const deletePageRoute = createRoute({
  method: 'delete',
  path: '/pages/{id}',
  tags,
  summary:
    'Delete a page; deleting the default page promotes the oldest remaining one; deleting a customer page set removes its customer pages and ends their sessions',
  request: { params: IdParamsSchema },
  responses: { 204: { description: 'Deleted' }, ...problems(401, 404) },
});
