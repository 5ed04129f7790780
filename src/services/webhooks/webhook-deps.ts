import { type AddressPolicy, createAddressPolicy } from '../../domain/webhooks/address-policy.js';
import type { ServiceContext } from '../context.js';
import type { SnapshotSource } from '../live-state/snapshot-source.js';

/** What the webhook services need, built once per process from the configuration. */
export interface WebhookDeps {
  ctx: ServiceContext;
  /** The server secret: seals endpoint secrets, signs manage links. */
  secret: string;
  publicUrl: string;
  /** WH-2, with staff's allowed ranges (WEBHOOK_ALLOWED_CIDRS). */
  policy: AddressPolicy;
  /** WH-3: each request's timeout (WEBHOOK_TIMEOUT_MS). */
  timeoutMs: number;
  snapshots: Pick<SnapshotSource, 'fresh' | 'pageKinds'>;
}

export function createWebhookDeps(
  ctx: ServiceContext,
  settings: { secret: string; publicUrl: string; allowedCidrs: readonly string[]; timeoutMs: number },
  snapshots: WebhookDeps['snapshots'],
): WebhookDeps {
  return {
    ctx,
    secret: settings.secret,
    publicUrl: settings.publicUrl,
    policy: createAddressPolicy(settings.allowedCidrs),
    timeoutMs: settings.timeoutMs,
    snapshots,
  };
}
