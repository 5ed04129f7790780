import type { OpenAPIHono } from '@hono/zod-openapi';
import { apiKeyActor } from '../../../../domain/access/audit-event.js';
import { notFound } from '../../../../domain/errors.js';
import { listPageReadTokens, revokePageReadToken } from '../../../../services/sessions/read-tokens.js';
import type { AppDeps } from '../../../app-deps.js';
import type { ApiEnv } from '../openapi-app.js';
import { presentReadToken } from '../presenters/read-token.js';
import { listCustomerPageReadTokensRoute, revokeCustomerPageReadTokenRoute } from './customer-page-read-tokens-schema.js';

/** `/customer-pages/{id}/read-tokens`: the viewers' personal read tokens, and revoking one (audited). */
export function registerCustomerPageReadTokenRoutes(api: OpenAPIHono<ApiEnv>, deps: AppDeps): void {
  /** The sign-in services over the current snapshot, once the customer page is known to exist. */
  const forPage = async (id: string) => {
    const kinds = deps.snapshots.pageKinds(await deps.snapshots.fresh());
    if (!kinds.customerPagesById.has(id)) throw notFound('Customer page', id);
    return deps.customerSignIn.at(kinds);
  };

  api.openapi(listCustomerPageReadTokensRoute, async (c) => {
    const { id } = c.req.valid('param');
    const tokens = await listPageReadTokens(await forPage(id), id);
    return c.json({ data: tokens.map(presentReadToken) }, 200);
  });

  api.openapi(revokeCustomerPageReadTokenRoute, async (c) => {
    const { id, tokenId } = c.req.valid('param');
    // The request's audit hook (STF-7) on the sign-in services' context.
    const signIn = { ...(await forPage(id)), audit: c.var.ctx.audit };
    await revokePageReadToken(signIn, { customerPageId: id, tokenId }, apiKeyActor(c.get('apiKeyId')));
    return c.body(null, 204);
  });
}
