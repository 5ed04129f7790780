import type { MiddlewareHandler } from 'hono';
import { BeaconError } from '../../../domain/errors.js';
import { problemResponse, toProblem } from '../../problem.js';

/** A Hono app's `routes`. */
interface RouteList {
  readonly routes: readonly { method: string; path: string }[];
}

interface RoutedPath {
  pattern: RegExp;
  /** For the `Allow` header: HEAD wherever GET is (Hono answers HEAD from GET). */
  allow: string[];
}

/**
 * Answers requests that no v1 route takes before anything else looks at them: an unknown path gets
 * a 404 problem and a known path asked with another method a 405 problem with `Allow`, with or
 * without an API key (the routes are public in the OpenAPI document). Without it, the key check
 * answered 401 first, and a keyed request fell through to the framework's text/plain 404.
 *
 * The table is read from `api`'s own routes on the first request, when every route is registered.
 * `base` is where `api` is mounted (`/api/v1`).
 */
export function answerUnrouted(api: RouteList, base: string): MiddlewareHandler {
  let table: RoutedPath[] | undefined;
  return async (c, next) => {
    table ??= routeTable(api);
    const path = c.req.path.startsWith(base) ? c.req.path.slice(base.length) : c.req.path;
    const routed = table.find((route) => route.pattern.test(path));
    if (routed === undefined) {
      return problemResponse(
        toProblem(new BeaconError('not_found', 'No API route has this path; the OpenAPI document at /api/v1/openapi.json lists them.')),
      );
    }
    if (!routed.allow.includes(c.req.method)) {
      const allow = routed.allow.join(', ');
      return problemResponse(toProblem(new BeaconError('method_not_allowed', `This path answers ${allow} only.`)), { Allow: allow });
    }
    await next();
  };
}

/**
 * Every path `api` routes, as a pattern, with the methods it takes (middleware registered for all
 * methods counts for none). Literal segments first: `/subscribers/import` is its own path, not an
 * id of `/subscribers/{id}`.
 */
function routeTable(api: RouteList): RoutedPath[] {
  const byPath = new Map<string, Set<string>>();
  for (const route of api.routes) {
    if (route.method === 'ALL') continue;
    const methods = byPath.get(route.path) ?? new Set<string>();
    methods.add(route.method);
    if (route.method === 'GET') methods.add('HEAD');
    byPath.set(route.path, methods);
  }
  const parameters = (path: string) => path.split('/').filter((segment) => segment.startsWith(':')).length;
  return [...byPath]
    .sort(([a], [b]) => parameters(a) - parameters(b))
    .map(([path, methods]) => ({ pattern: patternOf(path), allow: [...methods].sort() }));
}

/** Hono's `/incidents/:id` as `^/incidents/[^/]+$` (the routes use plain named parameters only). */
export function patternOf(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}
