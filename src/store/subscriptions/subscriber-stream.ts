import { toDbTime } from '../codec.js';
import type { Queryable, Tx } from '../transaction.js';

/** A confirmed subscriber as the fan-out sees it: who, and which components (null: the whole page). */
export interface StreamedSubscriber {
  id: string;
  email: string;
  componentIds: string[] | null;
}

const parseComponentIds = (text: string | null): string[] | null => {
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : null;
  } catch {
    // A row that no longer parses narrows to nothing rather than widening to the whole page.
    return [];
  }
};

/**
 * One keyset page of the confirmed subscriptions of `scopes`, in id order after `after`, leaving out
 * quarantined addresses. The fan-out walks them page by page, so no set of subscribers is ever held
 * whole (the `email_subscriptions_fan_out` index serves it).
 */
export async function readConfirmedSubscribers(
  db: Queryable,
  input: { scopes: readonly string[]; after: string | null; limit: number },
): Promise<StreamedSubscriber[]> {
  if (input.scopes.length === 0) return [];
  let query = db
    .selectFrom('email_subscriptions as s')
    .select(['s.id', 's.email', 's.component_ids'])
    .where('s.state', '=', 'confirmed')
    .where('s.scope', 'in', [...input.scopes])
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('email_quarantine as q').select('q.email').whereRef('q.email', '=', 's.email'))),
    )
    .orderBy('s.id')
    .limit(input.limit);
  if (input.after !== null) query = query.where('s.id', '>', input.after);
  const rows = await query.execute();
  return rows.map((row) => ({ id: row.id, email: row.email, componentIds: parseComponentIds(row.component_ids) }));
}

/** A subscription as a notification mail re-checks it just before sending. */
export interface SubscriptionAtSend {
  id: string;
  scope: string;
  email: string;
  state: string;
  quarantined: boolean;
}

export async function findSubscriptionAtSend(db: Queryable, id: string): Promise<SubscriptionAtSend | null> {
  const row = await db
    .selectFrom('email_subscriptions as s')
    .leftJoin('email_quarantine as q', 'q.email', 's.email')
    .select(['s.id', 's.scope', 's.email', 's.state', 'q.email as quarantined'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  return row ? { id: row.id, scope: row.scope, email: row.email, state: row.state, quarantined: row.quarantined !== null } : null;
}

/** Records that a mail server refused `email` for good; nothing more is sent to it. False when it already was. */
export async function quarantineAddress(tx: Tx, input: { email: string; reason: string; at: Date }): Promise<boolean> {
  const result = await tx
    .insertInto('email_quarantine')
    .values({ email: input.email, reason: input.reason, quarantined_at: toDbTime(input.at) })
    .onConflict((conflict) => conflict.column('email').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
