import { createRoute, z } from '@hono/zod-openapi';
import { ATTRIBUTE_KINDS } from '../../../../domain/catalog/catalog.js';
import {
  DescriptionSchema,
  IdParamsSchema,
  NameSchema,
  problems,
  ProblemSchema,
  TimestampSchema,
  jsonBody,
  jsonResponse,
  listRoute,
  readRoute,
} from '../common-schema.js';

/** A type's schema holds at most this many attributes. */
const MAX_ATTRIBUTES = 100;

/** 422: a rule refused the change; `errors` names each entry (and attribute) it would break. */
export const UNPROCESSABLE_RESPONSE = {
  description: 'Refused because it would break entries or references; `errors` names each one. Retry with `force` to apply it anyway.',
  content: { 'application/problem+json': { schema: ProblemSchema } },
} as const;

const CatalogAttributeSchema = z
  .object({
    id: z
      .string()
      .openapi({ description: 'Stable: values are stored under it, so renaming the attribute breaks nothing', example: 'email_domains' }),
    name: z.string(),
    kind: z.enum(ATTRIBUTE_KINDS),
    is_list: z.boolean(),
    target_type_id: z.string().nullable().openapi({ description: 'The type an `entry` attribute refers to' }),
  })
  .openapi('CatalogAttribute');

const CatalogTypeSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    attributes: z.array(CatalogAttributeSchema),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
  })
  .openapi('CatalogType');

const CatalogAttributeInputSchema = z
  .strictObject({
    id: z.string().max(64).optional().openapi({
      description:
        'Keep it to keep the attribute (and its values); left out, the attribute of the same name keeps its id, or a new id is derived from the name',
    }),
    name: NameSchema,
    kind: z.enum(ATTRIBUTE_KINDS),
    is_list: z.boolean().optional().openapi({ description: 'Holds a list of values; false by default' }),
    target_type_id: z
      .string()
      .max(200)
      .nullable()
      .optional()
      .openapi({ description: 'For `entry` attributes: the id or name of the type referred to (this type’s own name works too)' }),
  })
  .openapi('CatalogAttributeInput');

const AttributesInputSchema = z.array(CatalogAttributeInputSchema).max(MAX_ATTRIBUTES);

const CreateCatalogTypeBodySchema = z
  .strictObject({ name: NameSchema, description: DescriptionSchema.optional(), attributes: AttributesInputSchema.optional() })
  .openapi('CreateCatalogType');

const UpdateCatalogTypeBodySchema = z
  .strictObject({
    name: NameSchema.optional(),
    description: DescriptionSchema.optional(),
    attributes: AttributesInputSchema.optional().openapi({ description: 'The whole ordered schema; attributes left out are removed' }),
    force: z.boolean().optional().openapi({
      description: 'Apply a schema change that invalidates entries: values are converted where they fit and dropped otherwise',
    }),
  })
  .openapi('UpdateCatalogType');

export const ForceQuerySchema = z.object({
  force: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ param: { name: 'force', in: 'query' }, description: 'Delete even though other entries or types refer to it' }),
});

export type CatalogTypeBody = z.infer<typeof CatalogTypeSchema>;
export type CatalogAttributeInputBody = z.infer<typeof CatalogAttributeInputSchema>;

const tags = ['Catalog'];

export const createCatalogTypeRoute = createRoute({
  method: 'post',
  path: '/catalog/types',
  tags,
  summary: 'Create a catalog type with its attribute schema',
  request: { body: jsonBody(CreateCatalogTypeBodySchema) },
  responses: {
    201: jsonResponse(CatalogTypeSchema, 'The new type'),
    ...problems(400, 401, 409),
  },
});

export const listCatalogTypesRoute = listRoute(
  { path: '/catalog/types', tags, summary: 'List every catalog type, by name' },
  CatalogTypeSchema,
  'The types',
);

export const getCatalogTypeRoute = readRoute(
  { path: '/catalog/types/{id}', tags, summary: 'Read a catalog type' },
  CatalogTypeSchema,
  'The type',
);

export const updateCatalogTypeRoute = createRoute({
  method: 'patch',
  path: '/catalog/types/{id}',
  tags,
  summary:
    'Change a catalog type (only the fields given); a schema change that would break entries needs `force`; removing or re-kinding an attribute a page is built from is refused (409)',
  request: { params: IdParamsSchema, body: jsonBody(UpdateCatalogTypeBodySchema) },
  responses: {
    200: jsonResponse(CatalogTypeSchema, 'The updated type'),
    ...problems(400, 401, 404, 409),
    422: UNPROCESSABLE_RESPONSE,
  },
});

export const deleteCatalogTypeRoute = createRoute({
  method: 'delete',
  path: '/catalog/types/{id}',
  tags,
  summary: 'Delete a catalog type and its entries; refused while in use unless `force=true`, and while a page is built from it (409)',
  request: { params: IdParamsSchema, query: ForceQuerySchema },
  responses: {
    204: { description: 'Deleted' },
    ...problems(401, 404, 409),
    422: UNPROCESSABLE_RESPONSE,
  },
});
