import { createRoute, z } from '@hono/zod-openapi';
import { MAX_EMAIL_LENGTH } from '../../../../domain/access/email-address.js';
import { IdParamsSchema, IdSchema, TimestampSchema, jsonBody, jsonResponse, problem, problems } from '../common-schema.js';

const tags = ['Subscribers'];

// Printable text only: a cursor or search with control characters (NUL among them) is a 400, never a query.
const PRINTABLE = /^[^\u0000-\u001f\u007f]*$/;

const ScopeSchema = z
  .string()
  .min(1)
  .max(300)
  .regex(/^(page|sub|customer):[\x21-\x7e]+$/, 'must be page:<pageId>, sub:<pageId>/<entryId> or customer:<customerPageId>')
  .openapi({
    description: 'The page subscribed to: `page:<pageId>`, `sub:<pageId>/<entryId>` or `customer:<customerPageId>`',
    example: 'page:k3v7q2m4x5a6b7c8',
  });

const LimitSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(200)
  .default(50)
  .openapi({ description: 'At most this many (1–200, 50 by default)' });

const CursorSchema = z
  .string()
  .max(300)
  .regex(PRINTABLE, 'must not contain control characters')
  .optional()
  .openapi({ description: '`next_cursor` of the previous page' });

const NextCursorSchema = z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page; null on the last page' });

const SubscriberSchema = z
  .object({
    id: z.string(),
    scope: z.string(),
    email: z.string().openapi({ example: 'ann@example.com' }),
    components: z.array(z.string()).nullable().openapi({ description: 'The components chosen; null for the whole page' }),
    state: z.enum(['pending', 'confirmed', 'unsubscribed']),
    consent_source: z
      .string()
      .openapi({ description: '`form`, `staff:<staff id>`, `import:<staff id>:<what staff said>`', example: 'staff:k3v7q2m4x5a6b7c8' }),
    consent_at: TimestampSchema.nullable(),
    created_at: TimestampSchema,
    confirmed_at: TimestampSchema.nullable(),
    unsubscribed_at: TimestampSchema.nullable(),
  })
  .openapi('Subscriber');

export type SubscriberBody = z.infer<typeof SubscriberSchema>;

const EmailCountsSchema = z.object({ pending: z.number().int(), confirmed: z.number().int(), unsubscribed: z.number().int() });

const ScopeCountsSchema = z
  .object({
    scope: z.string(),
    page: z.string().nullable().openapi({ description: "The page's name; null when the page or entry is gone" }),
    channels: z
      .object({ email: EmailCountsSchema })
      .openapi({ description: 'Subscribers per channel (email today; webhook endpoints will be counted here too)' }),
  })
  .openapi('SubscriberCounts');

export const listSubscriberCountsRoute = createRoute({
  method: 'get',
  path: '/subscribers/counts',
  tags,
  summary: 'Every page with subscribers and how many per channel and state, in scope order (keyset pages)',
  request: { query: z.object({ cursor: CursorSchema, limit: LimitSchema }) },
  responses: {
    200: jsonResponse(z.object({ data: z.array(ScopeCountsSchema), next_cursor: NextCursorSchema }), 'A page of counts'),
    ...problems(401),
  },
});

export const listSubscribersRoute = createRoute({
  method: 'get',
  path: '/subscribers',
  tags,
  summary: "A page's subscribers in address order (keyset pages), by state and address prefix",
  request: {
    query: z.object({
      scope: ScopeSchema,
      state: z.enum(['pending', 'confirmed', 'unsubscribed']).optional(),
      search: z
        .string()
        .max(MAX_EMAIL_LENGTH)
        .regex(PRINTABLE, 'must not contain control characters')
        .optional()
        .openapi({ description: 'Addresses starting with this' }),
      cursor: CursorSchema,
      limit: LimitSchema,
    }),
  },
  responses: {
    200: jsonResponse(z.object({ data: z.array(SubscriberSchema), next_cursor: NextCursorSchema }), 'A page of subscribers'),
    ...problems(401),
  },
});

export const addSubscriberRoute = createRoute({
  method: 'post',
  path: '/subscribers',
  tags,
  summary: 'Subscribe an address, confirmed at once: staff vouch for the consent (recorded as `staff:<id>`, now)',
  description:
    'A customer page takes only addresses its allowlist admits (422 otherwise). An address already subscribed, or one that unsubscribed, is a 409: only the person can subscribe again.',
  request: {
    body: jsonBody(
      z
        .object({
          scope: ScopeSchema,
          email: z.string().max(MAX_EMAIL_LENGTH).openapi({ example: 'ann@example.com' }),
          components: z
            .array(IdSchema)
            .max(500)
            .nullable()
            .optional()
            .openapi({ description: 'Only these components; none or null for the whole page' }),
        })
        .strict(),
    ),
  },
  responses: {
    201: jsonResponse(SubscriberSchema, 'Subscribed'),
    ...problems(401, 404, 409),
    422: problem('The address is not on the customer page’s allowlist (SUB-4).'),
  },
});

export const removeSubscriberRoute = createRoute({
  method: 'delete',
  path: '/subscribers/{id}',
  tags,
  summary: 'Remove a subscriber: the row and its links are erased (audited with what was removed)',
  request: { params: IdParamsSchema },
  responses: { 204: { description: 'Removed' }, ...problems(401, 404) },
});

export const exportSubscribersRoute = createRoute({
  method: 'get',
  path: '/subscribers/export',
  tags,
  summary: "A page's subscribers (every page's without `scope`) as CSV, streamed",
  description:
    "Columns: email, scope, page, components (space-separated ids), state, consent_source, consent_at, created_at, confirmed_at, unsubscribed_at. A cell starting with = + - @ is prefixed with `'` so that spreadsheets do not run it; an import takes it off again.",
  request: { query: z.object({ scope: ScopeSchema.optional() }) },
  responses: {
    200: { description: 'The CSV', content: { 'text/csv': { schema: z.string() } } },
    ...problems(401),
  },
});

const ImportReportSchema = z
  .object({
    rows: z.number().int().openapi({ description: 'Data rows read' }),
    created: z.number().int(),
    confirmed: z.number().int().openapi({ description: 'Pending addresses now confirmed' }),
    unchanged: z.number().int().openapi({ description: 'Already confirmed: kept as they were' }),
    skipped_unsubscribed: z.number().int().openapi({ description: 'Addresses that unsubscribed: never subscribed again by an import' }),
    skipped_not_confirmed: z.number().int().openapi({ description: 'Rows whose state column is not `confirmed`' }),
    duplicates: z.number().int(),
    errors: z.array(z.object({ line: z.number().int(), message: z.string() })).openapi({ description: 'The first 100 bad rows' }),
    error_count: z.number().int(),
    written: z.boolean(),
  })
  .openapi('SubscriberImport');

export const importSubscribersRoute = createRoute({
  method: 'post',
  path: '/subscribers/import',
  tags,
  summary: 'Import subscribers from CSV (RFC 4180, header row first), confirmed, idempotent on (scope, email)',
  description:
    'Columns: `email` and `consent_source` (where the person agreed, e.g. "webinar sign-up 2024"; stored as `import:<key>:<text>`) are required; `scope` (else the `scope` parameter), `components`, `state` (rows not `confirmed` are skipped) and `consent_at` are read when present, other columns ignored. ' +
    'A file with any bad row imports nothing and answers 422 naming each row by line, unless `skip_invalid=true`. Addresses that unsubscribed stay unsubscribed. At most 1 MiB.',
  request: {
    query: z.object({
      scope: ScopeSchema.optional(),
      skip_invalid: z.enum(['true', 'false']).default('false').openapi({ description: 'Import the good rows and report the bad ones' }),
      dry_run: z.enum(['true', 'false']).default('false').openapi({ description: 'Check and report; write nothing' }),
    }),
    body: { required: true, content: { 'text/csv': { schema: z.string() } } },
  },
  responses: {
    200: jsonResponse(ImportReportSchema, 'What was imported'),
    ...problems(401),
    415: problem('The body is not CSV (send it with `Content-Type: text/csv`).'),
    422: problem('Some rows are bad (`errors` names the first 20 by line, `detail` counts them); nothing was imported.'),
  },
});

const QuarantinedSchema = z
  .object({
    email: z.string(),
    reason: z.string().openapi({ description: 'What the receiving mail server said when it refused for good (5xx)' }),
    quarantined_at: TimestampSchema,
  })
  .openapi('QuarantinedAddress');

export const listQuarantineRoute = createRoute({
  method: 'get',
  path: '/email-quarantine',
  tags,
  summary: 'Addresses nothing is sent to since a mail server refused them for good, in address order (keyset pages)',
  request: {
    query: z.object({
      search: z.string().max(MAX_EMAIL_LENGTH).regex(PRINTABLE, 'must not contain control characters').optional(),
      cursor: CursorSchema,
      limit: LimitSchema,
    }),
  },
  responses: {
    200: jsonResponse(z.object({ data: z.array(QuarantinedSchema), next_cursor: NextCursorSchema }), 'A page of addresses'),
    ...problems(401),
  },
});

export const releaseQuarantineRoute = createRoute({
  method: 'post',
  path: '/email-quarantine/release',
  tags,
  summary: 'Release an address: mail goes to it again',
  request: { body: jsonBody(z.object({ email: z.string().max(MAX_EMAIL_LENGTH) }).strict()) },
  responses: { 204: { description: 'Released' }, ...problems(401, 404) },
});
