import { type Selectable, sql } from 'kysely';
import { fromDbTime, fromDbTimeOrNull, toDbTime } from '../codec.js';
import type { Tables } from '../tables.js';
import type { Queryable, Tx } from '../transaction.js';

/**
 * What staff see and change of email subscribers and the quarantine: keyset pages (never a whole
 * table in memory), counts per scope, the import's upsert, removal and release.
 */

export type SubscriberState = 'pending' | 'confirmed' | 'unsubscribed';
export const SUBSCRIBER_STATES: readonly SubscriberState[] = ['pending', 'confirmed', 'unsubscribed'];

export interface SubscriberRecord {
  id: string;
  scope: string;
  email: string;
  domain: string;
  /** Null for the whole page. */
  componentIds: string[] | null;
  state: SubscriberState;
  consentSource: string;
  consentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  confirmedAt: Date | null;
  unsubscribedAt: Date | null;
}

type Row = Selectable<Tables['email_subscriptions']>;

const toRecord = (row: Row): SubscriberRecord => ({
  id: row.id,
  scope: row.scope,
  email: row.email,
  domain: row.domain,
  componentIds: parseComponentIds(row.component_ids),
  state: SUBSCRIBER_STATES.includes(row.state as SubscriberState) ? (row.state as SubscriberState) : 'pending',
  consentSource: row.consent_source,
  consentAt: fromDbTimeOrNull(row.consent_at),
  createdAt: fromDbTime(row.created_at),
  updatedAt: fromDbTime(row.updated_at),
  confirmedAt: fromDbTimeOrNull(row.confirmed_at),
  unsubscribedAt: fromDbTimeOrNull(row.unsubscribed_at),
});

function parseComponentIds(text: string | null): string[] | null {
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : null;
  } catch {
    return null;
  }
}

/** Where a page of subscribers starts: strictly after this scope and address (the list's order). */
export interface SubscriberCursor {
  scope: string;
  email: string;
}

export interface SubscriberQuery {
  /** One scope (`page:…`, `sub:…/…`, `customer:…`); every scope when absent (the export of everything). */
  scope?: string;
  state?: SubscriberState;
  /** Addresses starting with this (canonical addresses are lower-case). */
  emailPrefix?: string;
  after?: SubscriberCursor;
  limit: number;
}

/** A page of subscribers in (scope, address) order, by the unique (scope, email) index. */
export async function listSubscribers(db: Queryable, query: SubscriberQuery): Promise<SubscriberRecord[]> {
  let select = db.selectFrom('email_subscriptions').selectAll();
  if (query.scope !== undefined) select = select.where('scope', '=', query.scope);
  if (query.state !== undefined) select = select.where('state', '=', query.state);
  if (query.emailPrefix !== undefined && query.emailPrefix !== '') {
    select = select.where(sql<boolean>`email like ${`${escapeLike(query.emailPrefix)}%`} escape '\\'`);
  }
  const { after } = query;
  if (after !== undefined) {
    select =
      query.scope === undefined
        ? select.where((eb) =>
            eb.or([eb('scope', '>', after.scope), eb.and([eb('scope', '=', after.scope), eb('email', '>', after.email)])]),
          )
        : select.where('email', '>', after.email);
  }
  const rows = await select.orderBy('scope').orderBy('email').limit(query.limit).execute();
  return rows.map(toRecord);
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

export async function findSubscriberByAddress(db: Queryable, scope: string, email: string): Promise<SubscriberRecord | null> {
  const row = await db
    .selectFrom('email_subscriptions')
    .selectAll()
    .where('scope', '=', scope)
    .where('email', '=', email)
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** Email subscribers of one scope by state. */
export interface EmailCounts {
  pending: number;
  confirmed: number;
  unsubscribed: number;
}

/**
 * Subscribers of one scope per channel. Webhook endpoints live in their own tables (their counts join
 * here as `webhook` when that channel lands); email is the only channel counted today.
 */
export interface ScopeCounts {
  scope: string;
  email: EmailCounts;
}

export interface ScopeCountQuery {
  /** Only these scopes (the screen's pages); a scope without subscribers is absent from the answer. */
  scopes?: readonly string[];
  /** Only scopes strictly after this one, in scope order (keyset paging over every scope with subscribers). */
  afterScope?: string;
  /** Leave out `page:` scopes (a screen that lists the pages on their own). */
  excludePages?: boolean;
  limit: number;
}

/** Counts per scope, in scope order, by the (state, scope, id) index's neighbour, the (scope, email) one. */
export async function countSubscribersByScope(db: Queryable, query: ScopeCountQuery): Promise<ScopeCounts[]> {
  if (query.scopes !== undefined && query.scopes.length === 0) return [];
  let select = db
    .selectFrom('email_subscriptions')
    .select([
      'scope',
      sql<number | string>`sum(case when state = 'pending' then 1 else 0 end)`.as('pending'),
      sql<number | string>`sum(case when state = 'confirmed' then 1 else 0 end)`.as('confirmed'),
      sql<number | string>`sum(case when state = 'unsubscribed' then 1 else 0 end)`.as('unsubscribed'),
    ]);
  if (query.scopes !== undefined) select = select.where('scope', 'in', query.scopes);
  if (query.afterScope !== undefined) select = select.where('scope', '>', query.afterScope);
  if (query.excludePages) select = select.where('scope', 'not like', 'page:%');
  const rows = await select.groupBy('scope').orderBy('scope').limit(query.limit).execute();
  return rows.map((row) => ({
    scope: row.scope,
    email: { pending: Number(row.pending), confirmed: Number(row.confirmed), unsubscribed: Number(row.unsubscribed) },
  }));
}

/** A subscriber as staff add or import them: confirmed at once, with where the consent came from. */
export interface ConfirmedSubscriberInput {
  id: string;
  scope: string;
  email: string;
  domain: string;
  componentIds: readonly string[] | null;
  consentSource: string;
  consentAt: Date;
}

/**
 * What an upsert did to an address: `created`; `confirmed` (it was pending, now confirmed with the
 * given consent); `unchanged` (already confirmed: kept as it was, so running an import twice changes
 * nothing); `unsubscribed` (the person unsubscribed: kept so, an import never subscribes them again).
 */
export type UpsertOutcome = 'created' | 'confirmed' | 'unchanged' | 'unsubscribed';

// 12 columns a row: well under SQLite's and PostgreSQL's bound-parameter limits.
const UPSERT_BATCH = 200;

/** Stores confirmed subscribers, idempotent on (scope, email); the outcome of each, in input order. */
export async function upsertConfirmedSubscribers(tx: Tx, inputs: readonly ConfirmedSubscriberInput[], now: Date): Promise<UpsertOutcome[]> {
  const outcomes: UpsertOutcome[] = [];
  const at = toDbTime(now);
  for (let start = 0; start < inputs.length; start += UPSERT_BATCH) {
    const batch = inputs.slice(start, start + UPSERT_BATCH);
    const inserted = await tx
      .insertInto('email_subscriptions')
      .values(
        batch.map((input) => ({
          id: input.id,
          scope: input.scope,
          email: input.email,
          domain: input.domain,
          component_ids: input.componentIds === null ? null : JSON.stringify(input.componentIds),
          state: 'confirmed',
          consent_source: input.consentSource,
          consent_at: toDbTime(input.consentAt),
          created_at: at,
          updated_at: at,
          confirmed_at: at,
          unsubscribed_at: null,
        })),
      )
      .onConflict((oc) => oc.columns(['scope', 'email']).doNothing())
      .returning('id')
      .execute();
    const created = new Set(inserted.map((row) => row.id));
    const states = await statesOf(
      tx,
      batch.filter((input) => !created.has(input.id)),
    );
    for (const input of batch) {
      if (created.has(input.id)) {
        outcomes.push('created');
        continue;
      }
      const state = states.get(pairKey(input));
      if (state === 'unsubscribed') outcomes.push('unsubscribed');
      else if (state !== 'pending') outcomes.push('unchanged');
      else {
        // Rare (an address that asked and never confirmed): one update each.
        await tx
          .updateTable('email_subscriptions')
          .set({
            state: 'confirmed',
            consent_source: input.consentSource,
            consent_at: toDbTime(input.consentAt),
            component_ids: input.componentIds === null ? null : JSON.stringify(input.componentIds),
            confirmed_at: at,
            updated_at: at,
          })
          .where('scope', '=', input.scope)
          .where('email', '=', input.email)
          .where('state', '=', 'pending')
          .execute();
        outcomes.push('confirmed');
      }
    }
  }
  return outcomes;
}

const pairKey = (pair: { scope: string; email: string }): string => `${pair.scope} ${pair.email}`;

/** The state of each (scope, email) already stored, in one query. */
async function statesOf(tx: Tx, pairs: readonly { scope: string; email: string }[]): Promise<Map<string, string>> {
  if (pairs.length === 0) return new Map();
  const rows = await tx
    .selectFrom('email_subscriptions')
    .select(['scope', 'email', 'state'])
    .where((eb) => eb.or(pairs.map((pair) => eb.and([eb('scope', '=', pair.scope), eb('email', '=', pair.email)]))))
    .execute();
  return new Map(rows.map((row) => [pairKey(row), row.state]));
}

/** Deletes a subscriber and its links (confirm, manage); answers what was deleted, or null. */
export async function deleteSubscriber(tx: Tx, id: string): Promise<SubscriberRecord | null> {
  const row = await tx.deleteFrom('email_subscriptions').where('id', '=', id).returningAll().executeTakeFirst();
  if (!row) return null;
  await tx.deleteFrom('subscription_tokens').where('subscription_id', '=', id).execute();
  return toRecord(row);
}

export interface QuarantinedAddress {
  email: string;
  reason: string;
  quarantinedAt: Date;
}

const toQuarantined = (row: Selectable<Tables['email_quarantine']>): QuarantinedAddress => ({
  email: row.email,
  reason: row.reason,
  quarantinedAt: fromDbTime(row.quarantined_at),
});

/** A page of quarantined addresses in address order, strictly after `after`. */
export async function listQuarantine(
  db: Queryable,
  query: { emailPrefix?: string; after?: string; limit: number },
): Promise<QuarantinedAddress[]> {
  let select = db.selectFrom('email_quarantine').selectAll();
  if (query.emailPrefix !== undefined && query.emailPrefix !== '') {
    select = select.where(sql<boolean>`email like ${`${escapeLike(query.emailPrefix)}%`} escape '\\'`);
  }
  if (query.after !== undefined) select = select.where('email', '>', query.after);
  const rows = await select.orderBy('email').limit(query.limit).execute();
  return rows.map(toQuarantined);
}

/** Takes an address out of quarantine; answers what was there, or null. */
export async function releaseQuarantinedAddress(tx: Tx, email: string): Promise<QuarantinedAddress | null> {
  const row = await tx.deleteFrom('email_quarantine').where('email', '=', email).returningAll().executeTakeFirst();
  return row ? toQuarantined(row) : null;
}
