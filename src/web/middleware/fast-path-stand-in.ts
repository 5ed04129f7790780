import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';

const STANDS_IN = Symbol('beacon.fastPathStandsIn');

type Declared = MiddlewareHandler & { [STANDS_IN]?: true };

/**
 * Declares that the fast path in front of the app (web/fast-path.ts) does, for every request it
 * answers, what `middleware` does (or that `middleware` does nothing to such a request). Say how at
 * the call. The differential test (fast-path-differential.test.ts) holds every declaration to it.
 *
 * @example area.use(fastPathStandsIn(requestId())) // the fast path echoes or makes X-Request-Id alike
 */
export function fastPathStandsIn<T extends MiddlewareHandler>(middleware: T): T {
  (middleware as Declared)[STANDS_IN] = true;
  return middleware;
}

/**
 * True when every handler Hono ran before the current one for this request was declared with
 * `fastPathStandsIn`. The app offers a response to the fast path only then: a middleware added later
 * without a declaration (on the app, an area or a route group) makes the fast path stand aside for
 * the requests it touches, so the fast path can never skip it.
 */
export function isCoveredByFastPath(c: Context): boolean {
  const ran = c.req.routeIndex;
  if (ran === 0) return true;
  const routes = matchedRoutes(c);
  for (let i = 0; i < ran; i++) {
    if ((routes[i]?.handler as Declared | undefined)?.[STANDS_IN] !== true) return false;
  }
  return true;
}
