import { isAllowlisted } from '../../domain/access/allowlist.js';
import { type CanonicalEmail, canonicaliseEmail } from '../../domain/access/email-address.js';
import { BeaconError, invalid, notFound } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import { type SubscriptionTarget, subscriptionTarget } from '../../domain/notifications/subscription-target.js';
import type { PageKindsIndex } from '../../domain/pages/page-kinds-index.js';
import {
  type QuarantinedAddress,
  type ScopeCounts,
  type SubscriberRecord,
  type SubscriberState,
  countSubscribersByScope,
  deleteSubscriber,
  findSubscriberByAddress,
  listQuarantine,
  listSubscribers,
  releaseQuarantinedAddress,
  upsertConfirmedSubscribers,
} from '../../store/subscriptions/subscriber-admin.js';
import type { Tx } from '../../store/transaction.js';
import { type ServiceContext, write } from '../context.js';
import { appendAudit } from '../sign-in/sign-in-audit.js';

/** Audit actions of staff changes to subscribers and the quarantine (STF-7). */
export const SUBSCRIBER_ACTIONS = {
  added: 'subscriber.added',
  removed: 'subscriber.removed',
  imported: 'subscriber.imported',
  released: 'email_quarantine.released',
} as const;

/** Records one staff change to subscribers or the quarantine in the write's transaction (STF-7). */
export async function auditSubscriberChange(
  tx: Tx,
  at: Date,
  who: SubscriberAdminActor,
  change: { action: string; subjectType: string; subjectId: string; details: Record<string, unknown> },
): Promise<void> {
  await appendAudit(tx, at, [{ actor: who.actor, pageId: null, ...change }]);
}

/** Who acts: the audit actor (`staff:<email>`, `api-key:<id>`) and the id the consent is recorded under. */
export interface SubscriberAdminActor {
  actor: string;
  /** A staff member's id, or `api-key:<id>`: consent sources read `staff:<this>` or `import:<this>:…`. */
  staffId: string;
}

/** The most a page of any list holds. */
const SUBSCRIBER_PAGE_MAX = 200;

export interface SubscriberPage {
  items: SubscriberRecord[];
  /** The cursor of the next page (the last address), or null when this is the last. */
  next: string | null;
}

/** A page of one scope's subscribers in address order, after `after` (an address). */
export async function listScopeSubscribers(
  ctx: ServiceContext,
  query: { scope: string; state?: SubscriberState; search?: string; after?: string; limit: number },
): Promise<SubscriberPage> {
  const limit = Math.min(Math.max(1, query.limit), SUBSCRIBER_PAGE_MAX);
  // One more than asked tells whether there is a next page without a count.
  const rows = await listSubscribers(ctx.database.db, {
    scope: query.scope,
    ...(query.state ? { state: query.state } : {}),
    ...(query.search ? { emailPrefix: query.search.trim().toLowerCase() } : {}),
    ...(query.after !== undefined ? { after: { scope: query.scope, email: query.after } } : {}),
    limit: limit + 1,
  });
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? (items.at(-1)?.email ?? null) : null };
}

/** Counts per channel of every scope with subscribers, in scope order, after `afterScope`. */
export async function listScopeCounts(
  ctx: ServiceContext,
  query: { afterScope?: string; excludePages?: boolean; limit: number },
): Promise<{ items: ScopeCounts[]; next: string | null }> {
  const limit = Math.min(Math.max(1, query.limit), SUBSCRIBER_PAGE_MAX);
  const rows = await countSubscribersByScope(ctx.database.db, {
    ...(query.afterScope !== undefined ? { afterScope: query.afterScope } : {}),
    ...(query.excludePages ? { excludePages: true } : {}),
    limit: limit + 1,
  });
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? (items.at(-1)?.scope ?? null) : null };
}

/** Counts per channel of these scopes (a screen's pages); scopes without subscribers count zero. */
export async function countScopes(ctx: ServiceContext, scopes: readonly string[]): Promise<Map<string, ScopeCounts>> {
  const rows = await countSubscribersByScope(ctx.database.db, { scopes, limit: scopes.length });
  const counts = new Map(rows.map((row) => [row.scope, row]));
  for (const scope of scopes) if (!counts.has(scope)) counts.set(scope, { scope, email: { pending: 0, confirmed: 0, unsubscribed: 0 } });
  return counts;
}

/**
 * Why `email` may not be subscribed to `target`, or null: SUB-4, a customer page takes only
 * addresses its allowlist admits (checked again by the fan-out when each notification is sent).
 */
export function allowlistRefusal(target: SubscriptionTarget, email: CanonicalEmail): string | null {
  if (target.allowlist === null || isAllowlisted(email, target.allowlist)) return null;
  return `${email.address} is not on the allowlist of the customer page "${target.title}", so it cannot be subscribed to it`;
}

/** The page a scope names, or a 404 naming it. */
function targetOf(kinds: PageKindsIndex, scope: string): SubscriptionTarget {
  const target = subscriptionTarget(kinds, scope);
  if (target === null) throw notFound('Page scope', scope);
  return target;
}

/** Component ids that exist in the snapshot, each once; null (the whole page) for none. */
function checkComponentIds(kinds: PageKindsIndex, ids: readonly string[] | null, path: string): string[] | null {
  if (ids === null || ids.length === 0) return null;
  const unknown = ids.find((id) => !kinds.snapshot.components.has(id));
  if (unknown !== undefined) throw invalid(path, `no component has the id ${JSON.stringify(unknown)}`);
  return [...new Set(ids)];
}

/**
 * Subscribes `email` to `scope`, confirmed at once: staff state that the person asked (consent source
 * `staff:<id>`, at now). Refused: an unknown scope (404), a malformed address (400), an address a
 * customer page's allowlist does not admit (422, SUB-4), an address already subscribed or that
 * unsubscribed (409: only the person can subscribe again). Audited in the same transaction (STF-7).
 */
export async function addSubscriber(
  ctx: ServiceContext,
  kinds: PageKindsIndex,
  input: { scope: string; email: string; componentIds?: readonly string[] | null },
  who: SubscriberAdminActor,
): Promise<SubscriberRecord> {
  const target = targetOf(kinds, input.scope);
  const email = canonicaliseEmail(input.email);
  if (!email.ok) throw invalid('email', email.reason);
  const refusal = allowlistRefusal(target, email.address);
  if (refusal !== null) throw new BeaconError('unprocessable', refusal, [{ path: 'email', message: refusal }]);
  const componentIds = checkComponentIds(kinds, input.componentIds ?? null, 'components');
  const now = ctx.clock();
  const record = {
    id: newId(),
    scope: input.scope,
    email: email.address.address,
    domain: email.address.domain,
    componentIds,
    consentSource: `staff:${who.staffId}`,
    consentAt: now,
  };
  return write(ctx, async (tx) => {
    const [outcome] = await upsertConfirmedSubscribers(tx, [record], now);
    if (outcome === 'unchanged') throw new BeaconError('conflict', `${record.email} is already subscribed to "${target.title}"`);
    if (outcome === 'unsubscribed') {
      throw new BeaconError('conflict', `${record.email} unsubscribed from "${target.title}"; only they can subscribe again`);
    }
    const stored = await findSubscriberByAddress(tx, record.scope, record.email);
    await auditSubscriberChange(tx, now, who, {
      action: SUBSCRIBER_ACTIONS.added,
      subjectType: 'subscriber',
      subjectId: stored?.id ?? record.id,
      details: { scope: record.scope, email: record.email, consentSource: record.consentSource, outcome },
    });
    if (!stored) throw new Error('the subscriber just stored is not there');
    return stored;
  });
}

/** Removes a subscriber (erases the row and its links) and audits what was removed (STF-7); 404 when there is none. */
export async function removeSubscriber(ctx: ServiceContext, id: string, who: SubscriberAdminActor): Promise<SubscriberRecord> {
  const now = ctx.clock();
  return write(ctx, async (tx) => {
    const removed = await deleteSubscriber(tx, id);
    if (removed === null) throw notFound('Subscriber', id);
    await auditSubscriberChange(tx, now, who, {
      action: SUBSCRIBER_ACTIONS.removed,
      subjectType: 'subscriber',
      subjectId: id,
      details: { scope: removed.scope, email: removed.email, state: removed.state, consentSource: removed.consentSource },
    });
    return removed;
  });
}

/** A page of quarantined addresses in address order. */
export async function listQuarantined(
  ctx: ServiceContext,
  query: { search?: string; after?: string; limit: number },
): Promise<{ items: QuarantinedAddress[]; next: string | null }> {
  const limit = Math.min(Math.max(1, query.limit), SUBSCRIBER_PAGE_MAX);
  const rows = await listQuarantine(ctx.database.db, {
    ...(query.search ? { emailPrefix: query.search.trim().toLowerCase() } : {}),
    ...(query.after !== undefined ? { after: query.after } : {}),
    limit: limit + 1,
  });
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? (items.at(-1)?.email ?? null) : null };
}

/** Mail may go to `email` again (staff know the mailbox works now); audited with what it was held for. */
export async function releaseQuarantined(ctx: ServiceContext, email: string, who: SubscriberAdminActor): Promise<QuarantinedAddress> {
  const canonical = canonicaliseEmail(email);
  const address = canonical.ok ? canonical.address.address : email;
  const now = ctx.clock();
  return write(ctx, async (tx) => {
    const released = await releaseQuarantinedAddress(tx, address);
    if (released === null) throw notFound('Quarantined address', email);
    await auditSubscriberChange(tx, now, who, {
      action: SUBSCRIBER_ACTIONS.released,
      subjectType: 'email_quarantine',
      subjectId: address,
      details: { email: address, reason: released.reason, quarantinedAt: released.quarantinedAt.toISOString() },
    });
    return released;
  });
}
