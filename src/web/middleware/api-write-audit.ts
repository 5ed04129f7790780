import type { MiddlewareHandler } from 'hono';
import { apiKeyActor } from '../../domain/access/audit-event.js';
import { apiResourceOf } from '../../domain/access/staff-role.js';
import type { ServiceContext } from '../../services/context.js';
import { recordStaffWrite } from '../../services/staff/staff-audit.js';
import type { ApiEnv } from '../api/v1/openapi-app.js';
import { API_V1_BASE } from './api-key-auth.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * STF-7: every write through the API that succeeded is in the audit log with its key as the actor
 * (`api-key:<id>`, the key's name in the details), the method, the path and the status. Services
 * that keep a fuller record (catalog edits with before and after, revocations) write theirs too, in
 * the write's own transaction; this one follows the write's commit in a transaction of its own.
 */
export function auditApiWrites(ctx: ServiceContext): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    await next();
    if (READS.has(c.req.method) || c.res.status >= 400) return;
    const apiKey = c.get('apiKey');
    if (apiKey === undefined) return;
    const path = c.req.path.slice(API_V1_BASE.length);
    const event = {
      actor: apiKeyActor(apiKey.id),
      action: 'api.write',
      subjectType: apiResourceOf(path) ?? 'api',
      subjectId: path.split('/')[2] ?? (await createdId(c.res)),
      details: { method: c.req.method, path, status: c.res.status, keyName: apiKey.name },
    };
    try {
      await recordStaffWrite(ctx, event);
    } catch (err) {
      // The write itself is committed: answering 5xx now would invite the client to repeat it.
      c.get('logger')?.error({ err, audit: event }, 'could not record an API write in the audit log');
    }
  };
}

/** The `id` of what a write answered with (a create: the path names no id yet), or ''. */
async function createdId(response: Response): Promise<string> {
  if (!response.headers.get('content-type')?.startsWith('application/json')) return '';
  try {
    const body: unknown = await response.clone().json();
    return typeof body === 'object' && body !== null && 'id' in body && typeof body.id === 'string' ? body.id : '';
  } catch {
    return '';
  }
}
