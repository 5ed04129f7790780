import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { SubscriptionDeps } from '../../services/subscriptions/subscription-deps.js';
import { SUBSCRIPTION_PATHS } from '../../services/subscriptions/subscription-links.js';
import type { AppDeps } from '../app-deps.js';
import { type ClientIpResolver, createClientIpResolver } from '../client-ip.js';
import { createSharedNotFound } from '../customer/not-found.js';
import { type ScopePage, resolveScope } from './subscription-scopes.js';

/** What every subscription route shares. */
export interface SubscriptionKit {
  services: SubscriptionDeps;
  publicUrl: string;
  clientIp: ClientIpResolver;
  logger: Pick<Logger, 'info'>;
  /** The scope `key` names in the current snapshot, or null (see `resolveScope`). */
  scope(key: string): Promise<ScopePage | null>;
  /** The shared public 404. */
  notFound(c: Context): Promise<Response>;
}

export function createSubscriptionKit(deps: AppDeps): SubscriptionKit {
  return {
    services: {
      database: deps.ctx.database,
      clock: deps.ctx.clock,
      secret: deps.config.secret,
      ...(deps.ctx.outbox ? { outbox: deps.ctx.outbox } : {}),
    },
    publicUrl: deps.config.publicUrl,
    clientIp: createClientIpResolver(deps.config.trustedProxies),
    logger: deps.logger,
    async scope(key) {
      const snapshot = await deps.snapshots.fresh();
      return resolveScope(deps.snapshots.pageKinds(snapshot), key);
    },
    notFound: createSharedNotFound(deps.config.publicUrl, deps.snapshots),
  };
}

/** The public subscription forms: `?scope=<scopeKey>` on GET, a hidden `scope` field on POST. */
export const SUBSCRIBE_FORM_PATH = '/subscriptions/email';
/** Where the answer to "manage my subscription" posts the mailed code. */
export const MANAGE_CODE_PATH = `${SUBSCRIPTION_PATHS.manage}/code`;
