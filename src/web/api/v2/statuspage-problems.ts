import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { BeaconError } from '../../../domain/errors.js';
import { type Problem, toProblem } from '../../problem.js';

/** Every v2 path answers GET and HEAD only. */
const V2_ALLOW = 'GET, HEAD';

/**
 * The same 404 for an unknown page and an unknown path: a customer page's token is told apart no
 * more than its HTML page tells it.
 */
export const V2_NOT_FOUND = toProblem(
  new BeaconError(
    'not_found',
    'No such page, or no such path under its /api/v2/; the OpenAPI document at /api/v2/openapi.json lists the paths.',
  ),
);
/** A known path asked with another method (sent with `Allow`). */
export const V2_METHOD_NOT_ALLOWED = toProblem(new BeaconError('method_not_allowed', `This path answers ${V2_ALLOW} only.`));
/** A customer page asked without a session that opens it. */
export const V2_SIGNED_OUT = toProblem(
  new BeaconError('unauthenticated', "This page is private: sign in to it in a browser, and send that session's cookie."),
);

/**
 * `problem` as `application/problem+json` with `headers`, through the context, so that what the route
 * set on it (a cleared cookie) goes out too.
 */
export function sendV2Problem(c: Context, problem: Problem, headers: Readonly<Record<string, string>>): Response {
  for (const name in headers) c.header(name, headers[name]);
  if (problem === V2_METHOD_NOT_ALLOWED) c.header('Allow', V2_ALLOW);
  c.header('Content-Type', 'application/problem+json');
  return c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode);
}
