import { createRoute, z } from '@hono/zod-openapi';
import {
  DescriptionSchema,
  IdParamsSchema,
  IdSchema,
  NameSchema,
  problems,
  jsonBody,
  jsonResponse,
  listOf,
  listRoute,
} from '../common-schema.js';
import { PAGE_MAX_ITEMS, PageItemInputSchema, PageSchema } from './pages-schema.js';

const PageBindingSchema = z
  .object({
    kind: z.enum(['parent', 'customer_set']),
    catalog_type_id: z.string(),
    component_attribute_id: z.string(),
    allowlist_attribute_id: z.string().nullable().openapi({ description: 'Customer page sets only' }),
  })
  .openapi('PageBinding');

const BoundPageSchema = PageSchema.extend({
  binding: PageBindingSchema.nullable().openapi({ description: 'What a parent page or customer page set is generated from' }),
}).openapi('BoundPage');

const ParentBindingBodySchema = z
  .strictObject({
    catalog_type_id: IdSchema.openapi({ description: 'Each entry of this catalog type becomes a sub-page' }),
    component_attribute_id: IdSchema.openapi({ description: "A `component` attribute of the type: each sub-page's components" }),
  })
  .openapi('ParentBinding');

const CreateCustomerPageSetBodySchema = z
  .strictObject({
    slug: z.string().max(200),
    name: NameSchema,
    description: DescriptionSchema.optional(),
    time_zone: z.string().max(100).optional().openapi({ description: 'Defaults to UTC' }),
    items: z.array(PageItemInputSchema).max(PAGE_MAX_ITEMS).optional().openapi({ description: 'The shared structure every customer sees' }),
    catalog_type_id: IdSchema.optional().openapi({ description: 'An existing type (give the two attribute ids too), or use `new_type`' }),
    allowlist_attribute_id: IdSchema.optional().openapi({ description: "An `email_domain` attribute: each customer's allowlist" }),
    component_attribute_id: IdSchema.optional().openapi({ description: "A `component` attribute: each customer's own components" }),
    new_type: z
      .strictObject({ name: NameSchema, description: DescriptionSchema.optional() })
      .optional()
      .openapi({ description: 'A new type, made with `email_domains` and `components` list attributes' }),
  })
  .openapi('CreateCustomerPageSet');

const CustomerPageSchema = z
  .object({
    id: z.string(),
    page_id: z.string().openapi({ description: 'The customer page set' }),
    set_name: z.string(),
    entry_id: z.string(),
    name: z.string().openapi({ description: "The customer's name: the page's title" }),
    url: z.string().openapi({ description: 'The unlisted URL, `PUBLIC_URL/c/<token>`; share it only with the customer' }),
    domains: z.array(z.string()).openapi({ description: 'The allowlist, ASCII, wildcards written `*.example.com`' }),
    no_one_can_sign_in: z.boolean().openapi({ description: 'The entry allowlists no domain: the page serves nothing' }),
  })
  .openapi('CustomerPage');

const SubPageParamsSchema = IdParamsSchema.extend({
  entry_id: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: 'entry_id', in: 'path' }, description: 'The catalog entry of the sub-page' }),
});

const SubPageSettingBodySchema = z.strictObject({ disabled: z.boolean() }).openapi('SubPageSettingInput');

const SubPageSettingSchema = z.object({ page_id: z.string(), entry_id: z.string(), disabled: z.boolean() }).openapi('SubPageSetting');

const WhoCanAccessQuerySchema = z.object({
  // REQ-8: longer input is refused before any parsing.
  email: z
    .string()
    .min(1)
    .max(254)
    .openapi({ param: { name: 'email', in: 'query' }, example: 'alice@acme.com' }),
});

const AccessGrantSchema = z
  .object({
    customer_page_id: z.string(),
    page_name: z.string(),
    set_name: z.string(),
    entry_id: z.string(),
    entry_name: z.string(),
    url: z.string(),
    matched_domain: z.string().openapi({ description: 'The allowlist entry that admits the address' }),
  })
  .openapi('AccessGrant');

export type BoundPageBody = z.infer<typeof BoundPageSchema>;
export type CustomerPageBody = z.infer<typeof CustomerPageSchema>;
export type AccessGrantBody = z.infer<typeof AccessGrantSchema>;
export type SubPageSettingBody = z.infer<typeof SubPageSettingSchema>;

const pageTags = ['Pages'];
const customerTags = ['Customer pages'];

export const bindParentRoute = createRoute({
  method: 'put',
  path: '/pages/{id}/parent',
  tags: pageTags,
  summary: 'Make a page a parent: one sub-page per entry of a catalog type',
  request: { params: IdParamsSchema, body: jsonBody(ParentBindingBodySchema) },
  responses: { 200: jsonResponse(BoundPageSchema, 'The parent page'), ...problems(400, 401, 404, 409) },
});

export const unbindParentRoute = createRoute({
  method: 'delete',
  path: '/pages/{id}/parent',
  tags: pageTags,
  summary: 'Make a parent page standalone again; its sub-pages are gone',
  request: { params: IdParamsSchema },
  responses: { 200: jsonResponse(BoundPageSchema, 'The standalone page'), ...problems(401, 404, 409) },
});

export const setSubPageRoute = createRoute({
  method: 'patch',
  path: '/pages/{id}/sub-pages/{entry_id}',
  tags: pageTags,
  summary: 'Switch one sub-page off (404, left out of the parent) or back on',
  request: { params: SubPageParamsSchema, body: jsonBody(SubPageSettingBodySchema) },
  responses: { 200: jsonResponse(SubPageSettingSchema, 'The sub-page switch'), ...problems(400, 401, 404, 409) },
});

export const createCustomerPageSetRoute = createRoute({
  method: 'post',
  path: '/customer-page-sets',
  tags: customerTags,
  summary: 'Create a customer page set: one authenticated page per entry of a catalog type',
  request: { body: jsonBody(CreateCustomerPageSetBodySchema) },
  responses: { 201: jsonResponse(BoundPageSchema, 'The customer page set'), ...problems(400, 401, 409) },
});

export const listCustomerPagesRoute = listRoute(
  { path: '/customer-pages', tags: customerTags, summary: 'List every customer page with its unlisted URL' },
  CustomerPageSchema,
  'The customer pages',
);

export const rotateCustomerPageTokenRoute = createRoute({
  method: 'post',
  path: '/customer-pages/{id}/rotate-token',
  tags: customerTags,
  summary: 'Give a customer page a new URL; the old one answers 404 at once',
  request: { params: IdParamsSchema },
  responses: { 200: jsonResponse(CustomerPageSchema, 'The customer page with its new URL'), ...problems(401, 404) },
});

export const whoCanAccessRoute = createRoute({
  method: 'get',
  path: '/who-can-access',
  tags: customerTags,
  summary: 'The customer pages an address may sign in to, and why',
  request: { query: WhoCanAccessQuerySchema },
  responses: {
    200: jsonResponse(listOf(AccessGrantSchema), 'The pages and the matching allowlist entries'),
    ...problems(400, 401),
  },
});
