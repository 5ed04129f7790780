import { createRoute, z } from '@hono/zod-openapi';

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
    omitted_errors: z
      .number()
      .int()
      .optional()
      .openapi({ description: 'How many more offending fields there were than `errors` lists (it lists the first 20).' }),
  })
  .openapi('Problem', {
    description:
      'An RFC 9457 problem document; `errors` names each offending field (the first 20), quoting at most 100 characters of any value.',
  });

/** A problem response with its own description, for a status a route answers in its own way. */
export const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });

/** The error responses a route documents, by status. */
export const PROBLEM_RESPONSES = {
  400: problem('The request is malformed; `errors` names each bad field.'),
  401: problem('The bearer API key is missing, unknown or revoked.'),
  404: problem('No resource has this id.'),
  409: problem('The request conflicts with the current state (e.g. a slug already taken).'),
  412: problem('`If-Match` names a version the resource is no longer at (someone changed it since); nothing was changed.'),
  422: problem('The request is well-formed but a rule refuses it; `detail` says which.'),
} as const;

/** The error responses of `statuses`, to spread into a route's `responses`: `...problems(401, 404)`. */
export const problems = <S extends keyof typeof PROBLEM_RESPONSES>(...statuses: S[]): Pick<typeof PROBLEM_RESPONSES, S> =>
  Object.fromEntries(statuses.map((status) => [status, PROBLEM_RESPONSES[status]])) as Pick<typeof PROBLEM_RESPONSES, S>;

/** A problem response as it stands in the generated document, where `Problem` is a named schema. */
const problemRef = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** The 400 any route with parameters or a body may answer: an over-long id, a bad query value, a malformed body. */
export const BAD_REQUEST_RESPONSE = problemRef(
  'The request is malformed (an id over 128 characters, a bad query or header value, a bad body); `errors` names each bad field.',
);

/** The 404 any route with an id in its path may answer. */
export const NOT_FOUND_RESPONSE = problemRef('No resource has this id.');

/** The 413 every write may answer: its body is over 1 MiB, refused before it is read. */
export const PAYLOAD_TOO_LARGE_RESPONSE = problemRef('The request body is larger than 1 MiB (1,048,576 bytes).');

/** The 415 every POST, PUT and PATCH may answer when it carries a body that is not JSON. */
export const UNSUPPORTED_MEDIA_TYPE_RESPONSE = problemRef('The request body is not JSON (send it with `Content-Type: application/json`).');

/** The 503 every write may answer when the database's write lock stays taken (on SQLite, by another process) past the busy timeout. */
export const BUSY_RESPONSE = {
  ...problemRef(
    'The database is busy (another process holds its write lock); nothing was written. Send the same request again after `Retry-After` seconds.',
  ),
  headers: { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' } } },
} as const;

/** What any path outside the document answers (`components.responses`, as no operation can say it). */
export const UNKNOWN_PATH_RESPONSE = problemRef('Any path under /api/v1 that this document does not list, with or without an API key.');

/** What a listed path answers to a method it does not list. */
export const METHOD_NOT_ALLOWED_RESPONSE = {
  ...problemRef('A method the path does not take, with or without an API key.'),
  headers: { Allow: { description: 'The methods the path takes (HEAD wherever GET is).', schema: { type: 'string' } } },
} as const;

export const IdParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'k3v7q2m4x5a6b7c8' }),
});

/** An id in a body: short and printable, so it can never reach a query malformed. */
export const IdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

const NAME_MAX = 200;
const DESCRIPTION_MAX = 2000;

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

/** What every route states for itself; the helpers below add the parts that routes of their kind share. */
interface RouteHead<P extends string> {
  path: P;
  tags: string[];
  summary: string;
}

/** `GET` of a whole collection: `{ data: [...] }`, or 401. */
export const listRoute = <P extends string, T extends z.ZodType>(head: RouteHead<P>, item: T, description: string) =>
  createRoute({ method: 'get', ...head, responses: { 200: jsonResponse(listOf(item), description), ...problems(401) } });

/** `GET` of one resource by its `{id}`: the resource, or 401, 404. */
export const readRoute = <P extends string, T extends z.ZodType>(head: RouteHead<P>, schema: T, description: string) =>
  createRoute({
    method: 'get',
    ...head,
    request: { params: IdParamsSchema },
    responses: { 200: jsonResponse(schema, description), ...problems(401, 404) },
  });

/** `DELETE` of one resource by its `{id}`: 204 (`description` says what was done), or 401, 404. */
export const deleteRoute = <P extends string>(head: RouteHead<P>, description = 'Deleted') =>
  createRoute({
    method: 'delete',
    ...head,
    request: { params: IdParamsSchema },
    responses: { 204: { description }, ...problems(401, 404) },
  });
