import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  BAD_REQUEST_RESPONSE,
  BUSY_RESPONSE,
  METHOD_NOT_ALLOWED_RESPONSE,
  NOT_FOUND_RESPONSE,
  PAYLOAD_TOO_LARGE_RESPONSE,
  UNKNOWN_PATH_RESPONSE,
  UNSUPPORTED_MEDIA_TYPE_RESPONSE,
} from './common-schema.js';

type Document = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

const WRITES = ['post', 'put', 'patch', 'delete'] as const;
const READS = ['get'] as const;
// requireJsonBodies checks these methods' bodies, whether or not the route reads one.
const JSON_CHECKED = new Set(['post', 'put', 'patch']);

/**
 * What the edge of the API answers before a route's own code runs, said once for all operations,
 * so the document lists every status a route really gives:
 * - 400 wherever there is a parameter or a body to validate (an id over 128 characters, a bad query value);
 * - 404 wherever the path holds an id;
 * - 413 on every write (`limitBodySize` reads the body of every method but GET, HEAD and OPTIONS);
 * - 415 on every POST, PUT and PATCH that carries a body not in JSON (`requireJsonBodies`);
 * - 503 on every write when the database is busy (the error handler adds `Retry-After`).
 * An unknown path (404) and an unlisted method (405 with `Allow`) belong to no operation: they stand in
 * `components.responses` and the description.
 */
export function withEdgeResponses(document: Document): Document {
  for (const item of Object.values(document.paths ?? {})) {
    for (const method of [...READS, ...WRITES]) {
      const operation = item[method];
      if (operation === undefined) continue;
      const parameters = (operation.parameters ?? []) as { in?: string }[];
      const responses = { ...operation.responses };
      if (parameters.length > 0 || operation.requestBody !== undefined) responses['400'] ??= BAD_REQUEST_RESPONSE;
      if (parameters.some((parameter) => parameter.in === 'path')) responses['404'] ??= NOT_FOUND_RESPONSE;
      if (method !== 'get') {
        responses['413'] = PAYLOAD_TOO_LARGE_RESPONSE;
        // A route that reads another format (a CSV import) says so in its own 415.
        if (JSON_CHECKED.has(method)) responses['415'] ??= UNSUPPORTED_MEDIA_TYPE_RESPONSE;
        responses['503'] = BUSY_RESPONSE;
      }
      operation.responses = responses;
    }
  }
  document.components = {
    ...document.components,
    responses: { ...document.components?.responses, UnknownPath: UNKNOWN_PATH_RESPONSE, MethodNotAllowed: METHOD_NOT_ALLOWED_RESPONSE },
  };
  document.info.description =
    'Every error is an RFC 9457 problem document (`application/problem+json`). A path under /api/v1 that this document ' +
    'does not list answers 404, and a listed path asked with a method it does not list answers 405 with `Allow`, with or ' +
    'without an API key (`components.responses`).';
  return document;
}
