import type { Selectable } from 'kysely';
import { fromDbTime, fromDbTimeOrNull, toDbTime } from '../codec.js';
import type { Tables } from '../tables.js';
import type { Queryable, Tx } from '../transaction.js';

type EmailSubscriptionState = 'pending' | 'confirmed' | 'unsubscribed';

/** One address's subscription to one scope (a page, a sub-page or a customer page). */
export interface EmailSubscriptionRecord {
  id: string;
  /** `page:<pageId>`, `sub:<pageId>/<entryId>` or `customer:<customerPageId>` (`scopeKey`). */
  scope: string;
  /** Canonical (DOM-1). */
  email: string;
  domain: string;
  /** The chosen components; null for the whole page. */
  componentIds: string[] | null;
  state: EmailSubscriptionState;
  consentSource: string;
  consentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  confirmedAt: Date | null;
  unsubscribedAt: Date | null;
}

export type SubscriptionTokenPurpose = 'confirm' | 'manage';

/** A confirmation or manage link: only HMACs of its token and code are stored (SUB-2, as TOK-2). */
export interface SubscriptionTokenRecord {
  /** The non-secret handle (audit log, the code form). */
  id: string;
  tokenHash: string;
  subscriptionId: string;
  purpose: SubscriptionTokenPurpose;
  codeHash: string | null;
  codeAttempts: number;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

type SubscriptionRow = Selectable<Tables['email_subscriptions']>;
type TokenRow = Selectable<Tables['subscription_tokens']>;

const STATES: readonly string[] = ['pending', 'confirmed', 'unsubscribed'];

function parseComponentIds(text: string | null): string[] | null {
  if (text === null) return null;
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : null;
}

const toSubscription = (row: SubscriptionRow): EmailSubscriptionRecord => ({
  id: row.id,
  scope: row.scope,
  email: row.email,
  domain: row.domain,
  componentIds: parseComponentIds(row.component_ids),
  // An unknown state (a newer version's) reads as ended: nothing is ever sent on a guess.
  state: STATES.includes(row.state) ? (row.state as EmailSubscriptionState) : 'unsubscribed',
  consentSource: row.consent_source,
  consentAt: fromDbTimeOrNull(row.consent_at),
  createdAt: fromDbTime(row.created_at),
  updatedAt: fromDbTime(row.updated_at),
  confirmedAt: fromDbTimeOrNull(row.confirmed_at),
  unsubscribedAt: fromDbTimeOrNull(row.unsubscribed_at),
});

const toToken = (row: TokenRow): SubscriptionTokenRecord => ({
  id: row.id,
  tokenHash: row.token_hash,
  subscriptionId: row.subscription_id,
  purpose: row.purpose === 'confirm' ? 'confirm' : 'manage',
  codeHash: row.code_hash,
  codeAttempts: Number(row.code_attempts),
  createdAt: fromDbTime(row.created_at),
  expiresAt: fromDbTime(row.expires_at),
  usedAt: fromDbTimeOrNull(row.used_at),
});

const componentIdsText = (ids: readonly string[] | null): string | null => (ids === null ? null : JSON.stringify(ids));

export async function findEmailSubscription(db: Queryable, scope: string, email: string): Promise<EmailSubscriptionRecord | null> {
  const row = await db
    .selectFrom('email_subscriptions')
    .selectAll()
    .where('scope', '=', scope)
    .where('email', '=', email)
    .executeTakeFirst();
  return row ? toSubscription(row) : null;
}

export async function findEmailSubscriptionById(db: Queryable, id: string): Promise<EmailSubscriptionRecord | null> {
  const row = await db.selectFrom('email_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSubscription(row) : null;
}

/**
 * A form's request for `scope` and `email`: a new pending subscription, or an ended or still pending
 * one made pending again with the components now chosen. A confirmed subscription is left exactly as
 * it is (only its holder changes it, through a manage link: SUB-2). Returns the row as it now is.
 */
export async function upsertPendingSubscription(
  tx: Tx,
  input: { id: string; scope: string; email: string; domain: string; componentIds: readonly string[] | null; now: Date },
): Promise<EmailSubscriptionRecord> {
  const now = toDbTime(input.now);
  const componentIds = componentIdsText(input.componentIds);
  await tx
    .insertInto('email_subscriptions')
    .values({
      id: input.id,
      scope: input.scope,
      email: input.email,
      domain: input.domain,
      component_ids: componentIds,
      state: 'pending',
      consent_source: 'form',
      consent_at: null,
      created_at: now,
      updated_at: now,
      confirmed_at: null,
      unsubscribed_at: null,
    })
    .onConflict((oc) =>
      oc
        .columns(['scope', 'email'])
        .doUpdateSet({ state: 'pending', component_ids: componentIds, consent_source: 'form', updated_at: now, unsubscribed_at: null })
        .where('email_subscriptions.state', '<>', 'confirmed'),
    )
    .execute();
  const row = await tx
    .selectFrom('email_subscriptions')
    .selectAll()
    .where('scope', '=', input.scope)
    .where('email', '=', input.email)
    .executeTakeFirstOrThrow();
  return toSubscription(row);
}

/** Confirms a pending subscription (the address's consent, from the form); false when it is not pending. */
export async function confirmSubscription(tx: Tx, id: string, at: Date): Promise<boolean> {
  const now = toDbTime(at);
  const result = await tx
    .updateTable('email_subscriptions')
    .set({ state: 'confirmed', confirmed_at: now, consent_at: now, updated_at: now })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends a subscription; false when it had already ended (or never existed), so a repeat changes nothing. */
export async function endSubscription(tx: Tx, id: string, at: Date): Promise<boolean> {
  const now = toDbTime(at);
  const result = await tx
    .updateTable('email_subscriptions')
    .set({ state: 'unsubscribed', unsubscribed_at: now, updated_at: now })
    .where('id', '=', id)
    .where('state', '<>', 'unsubscribed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Sets what a confirmed subscription covers (null: the whole page); false unless it is confirmed. */
export async function setSubscriptionComponents(tx: Tx, id: string, componentIds: readonly string[] | null, at: Date): Promise<boolean> {
  const result = await tx
    .updateTable('email_subscriptions')
    .set({ component_ids: componentIdsText(componentIds), updated_at: toDbTime(at) })
    .where('id', '=', id)
    .where('state', '=', 'confirmed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertSubscriptionToken(tx: Tx, record: SubscriptionTokenRecord): Promise<void> {
  await tx
    .insertInto('subscription_tokens')
    .values({
      token_hash: record.tokenHash,
      id: record.id,
      subscription_id: record.subscriptionId,
      purpose: record.purpose,
      code_hash: record.codeHash,
      code_attempts: record.codeAttempts,
      created_at: toDbTime(record.createdAt),
      expires_at: toDbTime(record.expiresAt),
      used_at: record.usedAt ? toDbTime(record.usedAt) : null,
    })
    .execute();
}

export async function findSubscriptionToken(db: Queryable, tokenHash: string): Promise<SubscriptionTokenRecord | null> {
  const row = await db.selectFrom('subscription_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row ? toToken(row) : null;
}

/** A token by its non-secret handle (the code form carries it). */
export async function findSubscriptionTokenById(db: Queryable, id: string): Promise<SubscriptionTokenRecord | null> {
  const row = await db.selectFrom('subscription_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toToken(row) : null;
}

/**
 * Spends a live token with one conditional update (as TOK-5): true for exactly one caller however
 * many race; false when it was already used or has expired.
 */
export async function spendSubscriptionToken(tx: Tx, tokenHash: string, at: Date): Promise<boolean> {
  return (await spendLiveTokens(tx, { tokenHash }, at)) === 1;
}

/** Spends every live token of one purpose of a subscription (a new link supersedes the older ones, as TOK-6). */
export async function voidLiveSubscriptionTokens(
  tx: Tx,
  subscriptionId: string,
  purpose: SubscriptionTokenPurpose,
  at: Date,
): Promise<number> {
  return spendLiveTokens(tx, { subscriptionId, purpose }, at);
}

/** Marks used the live tokens `which` names; returns how many. */
async function spendLiveTokens(
  tx: Tx,
  which: { tokenHash: string } | { subscriptionId: string; purpose: SubscriptionTokenPurpose },
  at: Date,
): Promise<number> {
  const now = toDbTime(at);
  let update = tx.updateTable('subscription_tokens').set({ used_at: now }).where('used_at', 'is', null).where('expires_at', '>', now);
  update =
    'tokenHash' in which
      ? update.where('token_hash', '=', which.tokenHash)
      : update.where('subscription_id', '=', which.subscriptionId).where('purpose', '=', which.purpose);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Counts one code attempt on a live token, unless `maxAttempts` are spent (as TOK-8: counted before
 * comparing, by one conditional update). Returns the attempts counted so far, this one included, or
 * null when it was not counted.
 */
export async function countSubscriptionCodeAttempt(tx: Tx, tokenId: string, maxAttempts: number, at: Date): Promise<number | null> {
  const now = toDbTime(at);
  const result = await tx
    .updateTable('subscription_tokens')
    .set((eb) => ({ code_attempts: eb('code_attempts', '+', 1) }))
    .where('id', '=', tokenId)
    .where('code_attempts', '<', maxAttempts)
    .where('code_hash', 'is not', null)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('code_attempts')
    .executeTakeFirst();
  return result === undefined ? null : Number(result.code_attempts);
}

/** Housekeeping: removes tokens that expired before `before`. */
export async function deleteSubscriptionTokensExpiredBefore(tx: Tx, before: Date): Promise<number> {
  const result = await tx.deleteFrom('subscription_tokens').where('expires_at', '<', toDbTime(before)).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Housekeeping: removes subscriptions never confirmed and last asked for before `before`. */
export async function deletePendingSubscriptionsBefore(tx: Tx, before: Date): Promise<number> {
  const result = await tx
    .deleteFrom('email_subscriptions')
    .where('state', '=', 'pending')
    .where('updated_at', '<', toDbTime(before))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
