import type { OpenAPIHono } from '@hono/zod-openapi';
import { apiKeyActor } from '../../../../domain/access/audit-event.js';
import { notFound } from '../../../../domain/errors.js';
import { listCustomerPageAudit } from '../../../../services/pages/customer-page-audit.js';
import { type RevokeBy, listSessions, revokeSessions } from '../../../../services/sessions/sessions.js';
import type { AppDeps } from '../../../app-deps.js';
import {
  listCustomerPageAuditRoute,
  listCustomerPageSessionsRoute,
  revokeCustomerPageSessionsRoute,
} from './customer-page-sessions-schema.js';
import type { ApiEnv } from '../openapi-app.js';
import { presentAuditEvent, presentCustomerPageSession } from '../presenters/customer-page-session.js';

/** `/customer-pages/{id}/sessions` and `/audit-log`: who is signed in, ending sessions (SES-7), and the page's audit log (LOG-1). */
export function registerCustomerPageSessionRoutes(api: OpenAPIHono<ApiEnv>, deps: AppDeps): void {
  const signIn = deps.customerSignIn;

  /** The sign-in services over the current snapshot, once the customer page is known to exist. */
  const forPage = async (id: string) => {
    const kinds = deps.snapshots.pageKinds(await deps.snapshots.fresh());
    if (!kinds.customerPagesById.has(id)) throw notFound('Customer page', id);
    return signIn.at(kinds);
  };

  api.openapi(listCustomerPageSessionsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const sessions = await listSessions(await forPage(id), id);
    return c.json({ data: sessions.map(presentCustomerPageSession) }, 200);
  });

  api.openapi(revokeCustomerPageSessionsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const by: RevokeBy = 'all' in body ? 'all' : 'email' in body ? { email: body.email } : { domain: body.domain };
    // The request's audit hook (STF-7) on the sign-in services' context.
    const signIn = { ...(await forPage(id)), audit: c.var.ctx.audit };
    const result = await revokeSessions(signIn, { customerPageId: id, by }, apiKeyActor(c.get('apiKeyId')));
    return c.json(result, 200);
  });

  api.openapi(listCustomerPageAuditRoute, async (c) => {
    const { id } = c.req.valid('param');
    const query = c.req.valid('query');
    await forPage(id);
    const events = await listCustomerPageAudit(c.var.ctx, id, {
      ...(query.before ? { before: new Date(query.before) } : {}),
      ...(query.limit ? { limit: query.limit } : {}),
    });
    return c.json({ data: events.map(presentAuditEvent) }, 200);
  });
}
