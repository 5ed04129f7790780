import { createRoute, z } from '@hono/zod-openapi';
import { PAGE_KINDS } from '../../../../domain/pages/page.js';
import { LOGO_MAX_BYTES } from '../../../../domain/pages/logo-image.js';
import { SUPPORT_URL_MAX_LENGTH, UPTIME_DISPLAYS } from '../../../../domain/pages/page-branding.js';
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

// Checked by the domain rules (schemes, the colour's form); the caps only bound the input.
const SupportUrlSchema = z.string().max(SUPPORT_URL_MAX_LENGTH).nullable().openapi({
  example: 'https://help.example.com',
  description: 'Shown as a "Contact support" link: an https:// or mailto: URL; null or "" for none',
});
const BrandColorSchema = z.string().max(20).nullable().openapi({
  example: '#1d4ed8',
  description:
    'Accent of links and the header bar, `#rrggbb`; null or "" for none. Shown as is where it reads at 4.5:1 (links) and 3:1 (bar) on the page, else as the nearest darker (light mode) or lighter (dark mode) shade that does',
});
const UptimeDisplaySchema = z.enum(UPTIME_DISPLAYS).openapi({
  description: '`bars_and_percentage` (default), `bars_only`, or `hidden` (no bars, whatever the items say)',
});

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
    support_url: z.string().nullable(),
    brand_color: z.string().nullable(),
    uptime_display: z.enum(UPTIME_DISPLAYS),
    logo_url: z.string().nullable().openapi({ description: 'Path of the logo (content-hashed, immutable); null for none' }),
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
    support_url: SupportUrlSchema.optional(),
    brand_color: BrandColorSchema.optional(),
    uptime_display: UptimeDisplaySchema.optional(),
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
    support_url: SupportUrlSchema.optional(),
    brand_color: BrandColorSchema.optional(),
    uptime_display: UptimeDisplaySchema.optional(),
  })
  .openapi('UpdatePage');

// Base64 of at most LOGO_MAX_BYTES: four characters per three bytes.
const LOGO_BASE64_MAX = Math.ceil(LOGO_MAX_BYTES / 3) * 4;
const PageLogoBodySchema = z
  .strictObject({
    image_base64: z
      .string()
      .max(LOGO_BASE64_MAX, `must be at most ${LOGO_MAX_BYTES / 1024} KiB once decoded`)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be standard base64')
      .openapi({
        description: `The image file, base64: PNG, JPEG or WebP (told by its bytes; never SVG), at most ${LOGO_MAX_BYTES / 1024} KiB`,
      }),
  })
  .openapi('PageLogo');

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

export const setPageLogoRoute = createRoute({
  method: 'put',
  path: '/pages/{id}/logo',
  tags,
  summary: "Set the page's logo, shown in its header (and its sub-pages' or customer pages'); served at `logo_url`",
  request: { params: IdParamsSchema, body: jsonBody(PageLogoBodySchema) },
  responses: {
    200: jsonResponse(PageSchema, 'The page with its new logo'),
    ...problems(400, 401, 404),
  },
});

export const removePageLogoRoute = createRoute({
  method: 'delete',
  path: '/pages/{id}/logo',
  tags,
  summary: "Remove the page's logo",
  request: { params: IdParamsSchema },
  responses: {
    200: jsonResponse(PageSchema, 'The page without a logo'),
    ...problems(401, 404),
  },
});

const SubscriptionSettingsSchema = z
  .object({
    mail_detail: z.enum(['full', 'notice']).openapi({
      description:
        '`full`: notification mails carry the update (status, message, components); `notice`: only "there is an update on <page>" and a link to sign in to read it.',
    }),
  })
  .openapi('SubscriptionSettings');

export const getSubscriptionSettingsRoute = readRoute(
  { path: '/pages/{id}/subscription-settings', tags, summary: "Read a customer page set's notification mail settings" },
  SubscriptionSettingsSchema,
  'The settings (`full` when never set)',
);

export const setSubscriptionSettingsRoute = createRoute({
  method: 'put',
  path: '/pages/{id}/subscription-settings',
  tags,
  summary: "Set what a customer page set's notification mails carry; applies to mails already queued",
  request: { params: IdParamsSchema, body: jsonBody(z.strictObject({ mail_detail: SubscriptionSettingsSchema.shape.mail_detail })) },
  responses: {
    200: jsonResponse(SubscriptionSettingsSchema, 'The settings'),
    ...problems(400, 401, 404),
    422: { description: 'The page is not a customer page set (other pages are public).', content: PROBLEM_RESPONSES[409].content },
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
