import { createRoute, z } from '@hono/zod-openapi';
import { IdParamsSchema, NameSchema, problems, TimestampSchema, jsonBody, jsonResponse, listOf, readRoute } from '../common-schema.js';
import { ForceQuerySchema, UNPROCESSABLE_RESPONSE } from './catalog-types-schema.js';

/** A bulk upsert holds at most this many entries. */
const MAX_BULK_ENTRIES = 5000;

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

const CatalogEntrySchema = z
  .object({
    id: z.string(),
    type_id: z.string(),
    name: z.string(),
    external_id: z.string(),
    aliases: z.array(z.string()),
    rank: z.number().int(),
    slug: z.string(),
    values: z.record(z.string(), z.union([Scalar, z.array(Scalar)])).openapi({
      description: 'Keyed by attribute id. References are stored as ids; email domains in ASCII (`*.xn--bcher-kva.example`)',
      example: { email_domains: ['acme.com'], region: 'k3v7q2m4x5a6b7c8' },
    }),
    source: z.enum(['manual', 'sync']),
    sync_key: z.string().nullable().openapi({ description: 'The sync that manages this entry; null for entries made by hand' }),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
  })
  .openapi('CatalogEntry');

const ValuesInputSchema = z.record(z.string().max(200), z.union([Scalar, z.array(Scalar).max(1000), z.null()])).openapi({
  description:
    'Keyed by attribute id or name; a list attribute also takes a single value; `null` empties an attribute. References may be an id, an external id, a name or an alias.',
  example: { 'Email domains': ['acme.com', '*.acme.de'], Region: 'EU' },
});
const ExternalIdSchema = z.string().max(200).openapi({ example: 'acme', description: 'Unique within the type: the key syncs use' });
const AliasesSchema = z.array(z.string().max(200)).max(50);
const RankSchema = z.number().openapi({ description: 'Whole number; entries sort by rank, then name' });
const EntrySlugSchema = z
  .string()
  .max(200)
  .openapi({ example: 'acme', description: 'Stable URL segment of the entry’s sub-page; derived from the name when left out' });
const AllowUnsafeSchema = z.boolean().optional().openapi({
  description: 'Accept public-suffix, webmail and disposable email domains; every one accepted this way is recorded in the audit log',
});

const CreateCatalogEntryBodySchema = z
  .strictObject({
    name: NameSchema,
    external_id: ExternalIdSchema.optional(),
    aliases: AliasesSchema.optional(),
    rank: RankSchema.optional(),
    slug: EntrySlugSchema.optional(),
    values: ValuesInputSchema.optional(),
    allow_unsafe_domains: AllowUnsafeSchema,
  })
  .openapi('CreateCatalogEntry');

const UpdateCatalogEntryBodySchema = z
  .strictObject({
    name: NameSchema.optional(),
    external_id: ExternalIdSchema.optional(),
    aliases: AliasesSchema.optional(),
    rank: RankSchema.optional(),
    slug: EntrySlugSchema.optional(),
    values: ValuesInputSchema.optional().openapi({ description: 'Only the attributes named change' }),
    allow_unsafe_domains: AllowUnsafeSchema,
  })
  .openapi('UpdateCatalogEntry');

const UpsertCatalogEntrySchema = z
  .strictObject({
    external_id: ExternalIdSchema,
    name: NameSchema,
    aliases: AliasesSchema.optional(),
    rank: RankSchema.optional(),
    slug: EntrySlugSchema.optional(),
    values: ValuesInputSchema.optional(),
  })
  .openapi('UpsertCatalogEntry', {
    description: 'The whole state of one entry: left-out aliases and values become empty, rank 0; the slug is kept',
  });

const UpsertCatalogEntriesBodySchema = z
  .strictObject({ entries: z.array(UpsertCatalogEntrySchema).max(MAX_BULK_ENTRIES), allow_unsafe_domains: AllowUnsafeSchema })
  .openapi('UpsertCatalogEntries');

const UpsertCatalogEntriesResultSchema = z
  .object({ data: z.array(CatalogEntrySchema), created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() })
  .openapi('UpsertCatalogEntriesResult');

export type CatalogEntryBody = z.infer<typeof CatalogEntrySchema>;

const tags = ['Catalog'];
const TypeParamsSchema = IdParamsSchema;

export const listCatalogEntriesRoute = createRoute({
  method: 'get',
  path: '/catalog/types/{id}/entries',
  tags,
  summary: 'List the entries of a type, by rank then name',
  request: { params: TypeParamsSchema },
  responses: { 200: jsonResponse(listOf(CatalogEntrySchema), 'The entries'), ...problems(401, 404) },
});

export const createCatalogEntryRoute = createRoute({
  method: 'post',
  path: '/catalog/types/{id}/entries',
  tags,
  summary: 'Create an entry of a type',
  request: { params: TypeParamsSchema, body: jsonBody(CreateCatalogEntryBodySchema) },
  responses: {
    201: jsonResponse(CatalogEntrySchema, 'The new entry'),
    ...problems(400, 401, 404, 409),
  },
});

export const upsertCatalogEntriesRoute = createRoute({
  method: 'put',
  path: '/catalog/types/{id}/entries',
  tags,
  summary: 'Create or replace entries by external id, all or nothing',
  description:
    'One transaction: when any entry is bad nothing is written, and `errors` names each one (`entries[3].values.domains[1]`). Entries may refer to each other. A record whose external id is an entry a sync owns is refused with 409 naming the sync.',
  request: { params: TypeParamsSchema, body: jsonBody(UpsertCatalogEntriesBodySchema) },
  responses: {
    200: jsonResponse(UpsertCatalogEntriesResultSchema, 'The entries, in request order'),
    ...problems(400, 401, 404, 409),
  },
});

export const getCatalogEntryRoute = readRoute(
  { path: '/catalog/entries/{id}', tags, summary: 'Read a catalog entry' },
  CatalogEntrySchema,
  'The entry',
);

export const updateCatalogEntryRoute = createRoute({
  method: 'patch',
  path: '/catalog/entries/{id}',
  tags,
  summary: 'Change a catalog entry (only the fields and attributes given)',
  description:
    "An entry a sync owns (`source: sync`) keeps its name, external id, aliases, rank and slug: changing any of them is refused with 409 naming the sync (change it in the sync's source). Attribute values the sync does not manage may be set.",
  request: { params: IdParamsSchema, body: jsonBody(UpdateCatalogEntryBodySchema) },
  responses: {
    200: jsonResponse(CatalogEntrySchema, 'The updated entry'),
    ...problems(400, 401, 404, 409),
  },
});

export const deleteCatalogEntryRoute = createRoute({
  method: 'delete',
  path: '/catalog/entries/{id}',
  tags,
  summary: 'Delete a catalog entry; refused while other entries refer to it unless `force=true`',
  description:
    'An entry a sync owns (`source: sync`) is refused with 409 naming the sync: the sync deletes it once its source no longer has it.',
  request: { params: IdParamsSchema, query: ForceQuerySchema },
  responses: { 204: { description: 'Deleted' }, ...problems(401, 404, 409), 422: UNPROCESSABLE_RESPONSE },
});
