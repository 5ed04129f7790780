import { z } from '@hono/zod-openapi';

/**
 * Pieces every v1 resource schema shares: the problem document, the `{id}` path parameter,
 * and the text fields' caps (refused at the edge, before any work is done).
 */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    omitted_errors: z.number().int().optional().openapi({ description: 'How many more offending fields there were than `errors` lists (it lists the first 20).' }),
  })
  .openapi('Problem', {
    description: 'An RFC 9457 problem document; `errors` names each offending field (the first 20), quoting at most 100 characters of any value.',
  });

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });

/** The error responses a route documents, by status. */
export const PROBLEM_RESPONSES = {
  400: problem('The request is malformed; `errors` names each bad field.'),
  401: problem('The bearer API key is missing, unknown or revoked.'),
  404: problem('No resource has this id.'),
  409: problem('The request conflicts with the current state (e.g. a slug already taken).'),
} as const;

/** The 415 every write with a body may answer, as it stands in the generated document (where `Problem` is a named schema). */
export const UNSUPPORTED_MEDIA_TYPE_RESPONSE = {
  description: 'The request body is not JSON (send it with `Content-Type: application/json`).',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
} as const;

/** The 503 every write may answer when the database's write lock stays taken (on SQLite, by another process) past the busy timeout. */
export const BUSY_RESPONSE = {
  description: 'The database is busy (another process holds its write lock); nothing was written. Send the same request again after `Retry-After` seconds.',
  headers: { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' } } },
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
} as const;

export const IdParamsSchema = z.object({
  id: z.string().min(1).max(128).openapi({ param: { name: 'id', in: 'path' }, example: 'k3v7q2m4x5a6b7c8' }),
});

/** An id in a body: short and printable, so it can never reach a query malformed. */
export const IdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

export const NAME_MAX = 200;
export const DESCRIPTION_MAX = 2000;

export const NameSchema = z
  .string()
  .max(NAME_MAX)
  // Names show on one line; control characters (NUL included, which PostgreSQL cannot store) have no place there.
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters')
  .openapi({ example: 'API' });

export const DescriptionSchema = z
  .string()
  .max(DESCRIPTION_MAX)
  .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, 'must not contain control characters other than tabs and line breaks')
  .nullable();

/** Instants are ISO-8601 UTC strings. */
export const TimestampSchema = z.string().openapi({ format: 'date-time', example: '2025-03-01T12:00:00.000Z' });

/** Every list answers `{ data: [...] }`, leaving room for paging fields beside it. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });

export const jsonBody = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } }) as const;

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
