import type { MiddlewareHandler } from 'hono';
import { apiKeyActor } from '../../domain/access/audit-event.js';
import { apiResourceOf } from '../../domain/access/staff-role.js';
import type { ServiceContext } from '../../services/context.js';
import { withWriteAudit, writeResultId } from '../../services/staff/staff-audit.js';
import type { ApiEnv } from '../api/v1/openapi-app.js';
import { patternOf } from '../api/v1/unrouted.js';
import { API_V1_BASE } from './api-key-auth.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The OpenAPI routes of an app (`api.openAPIRegistry`), for the status each answers on success. */
interface RouteRegistry {
  readonly openAPIRegistry: {
    readonly definitions: readonly (
      { type: 'route'; route: { method: string; path: string; responses: Record<string, unknown> } } | { type: string }
    )[];
  };
}

interface SuccessStatus {
  method: string;
  pattern: RegExp;
  /** Literal segments first: `/pages/structure` before `/pages/{id}`, should both exist. */
  parameters: number;
  status: number;
  /** Which `/`-separated segment of the path is the route's first parameter (the subject's id), if any. */
  idSegment: number | undefined;
}

/**
 * STF-7: sets the request's service context (`c.var.ctx`). For a write with an API key, that context
 * records an `api.write` event in each write transaction the request makes, inside it: the key as the
 * actor (`api-key:<id>`, its name in the details), the method, the path and the status the route
 * answers on success (from its OpenAPI responses, since the response does not exist yet). A write
 * that fails or is refused rolls back with its record; one whose record fails is rolled back. A
 * request that makes several writes records one event per write; the routes make one each, and a
 * request that writes nothing (an idempotent replay) records none. Services that keep a fuller
 * record (catalog edits with before and after, revocations) write theirs too, in the same transaction.
 */
export function auditApiWrites(ctx: ServiceContext, api: RouteRegistry): MiddlewareHandler<ApiEnv> {
  let table: SuccessStatus[] | undefined;
  return async (c, next) => {
    const apiKey = c.get('apiKey');
    if (READS.has(c.req.method) || apiKey === undefined) {
      c.set('ctx', ctx);
      return next();
    }
    table ??= successStatuses(api);
    const { method } = c.req;
    const path = c.req.path.slice(API_V1_BASE.length);
    const route = table.find((candidate) => candidate.method === method && candidate.pattern.test(path));
    const status = route?.status;
    const idInPath = route?.idSegment === undefined ? '' : (path.split('/')[route.idSegment] ?? '');
    const audited = withWriteAudit(ctx, (result) => ({
      actor: apiKeyActor(apiKey.id),
      action: 'api.write',
      subjectType: apiResourceOf(path) ?? 'api',
      // A create names what it made (`POST /catalog/types/{id}/entries` makes an entry); anything else, what its path names.
      subjectId: status === 201 ? createdIdOf(result) || idInPath : idInPath || createdIdOf(result),
      details: { method, path, ...(status === undefined ? {} : { status }), keyName: apiKey.name },
    }));
    c.set('ctx', audited);
    return next();
  };
}

/** Each route's method, path pattern and lowest 2xx response, from the OpenAPI registry. */
function successStatuses(api: RouteRegistry): SuccessStatus[] {
  const table: SuccessStatus[] = [];
  for (const definition of api.openAPIRegistry.definitions) {
    if (!('route' in definition)) continue;
    const { method, path, responses } = definition.route;
    const status = Object.keys(responses)
      .map(Number)
      .filter((code) => code >= 200 && code < 300)
      .sort((a, b) => a - b)[0];
    if (status === undefined) continue;
    const honoPath = path.replace(/\{([^}]+)\}/g, ':$1');
    const segments = path.split('/');
    const firstParameter = segments.findIndex((segment) => segment.startsWith('{'));
    table.push({
      method: method.toUpperCase(),
      pattern: patternOf(honoPath),
      parameters: segments.filter((segment) => segment.startsWith('{')).length,
      status,
      idSegment: firstParameter === -1 ? undefined : firstParameter,
    });
  }
  return table.sort((a, b) => a.parameters - b.parameters);
}

/**
 * The id of what a create made (its path names no id yet): the result's `id`, or the `id` in the
 * body of an idempotent create's recorded response; '' when there is none.
 */
function createdIdOf(result: unknown): string {
  if (typeof result !== 'object' || result === null) return '';
  const id = writeResultId(result);
  if (id !== '') return id;
  if (!('body' in result) || typeof result.body !== 'string') return '';
  try {
    const body: unknown = JSON.parse(result.body);
    return typeof body === 'object' && body !== null && 'id' in body && typeof body.id === 'string' ? body.id : '';
  } catch {
    return '';
  }
}
