import type { ServiceContext } from '../services/context.js';
import { type WebhookDeps, createWebhookDeps } from '../services/webhooks/webhook-deps.js';
import type { AppDeps } from './app-deps.js';

/** The webhook services over the app's configuration and snapshots, with `ctx` (the API's per-request one). */
export const webhookDepsOf = (deps: Pick<AppDeps, 'config' | 'snapshots'>, ctx: ServiceContext): WebhookDeps =>
  createWebhookDeps(ctx, { secret: deps.config.secret, publicUrl: deps.config.publicUrl, ...deps.config.webhooks }, deps.snapshots);
