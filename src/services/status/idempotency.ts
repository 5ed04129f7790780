import { createHash } from 'node:crypto';
import { BeaconError } from '../../domain/errors.js';
import { type IdempotencyRecord, findIdempotencyRecord, recordIdempotentResponse, reserveIdempotencyKey } from '../../store/idempotency.js';
import type { ChangeSet } from '../../store/revisions/change-log.js';
import type { Tx } from '../../store/transaction.js';
import { type ServiceContext, write } from '../context.js';

/** How long a key is remembered; after that the same key creates anew. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/** One request made with an `Idempotency-Key`, scoped to the API key that made it. */
export interface IdempotentRequest {
  apiKeyId: string;
  key: string;
  /** `hashIdempotentRequest(route, body)`: the same key with another hash is a conflict. */
  requestHash: string;
}

/** The response as first sent: status and body bytes, replayed verbatim. */
export interface RecordedResponse {
  status: number;
  body: string;
}

export interface IdempotentResult {
  response: RecordedResponse;
  /** True when this is a stored response of an earlier request, and nothing was written now. */
  replayed: boolean;
}

/** Thrown inside the transaction when another request already holds the key; caught below. */
class KeyTaken extends Error {
  constructor(readonly record: IdempotencyRecord | null) {
    super('idempotency key taken');
  }
}

/**
 * A digest of what was asked: the route plus the body with object keys sorted, so that key
 * order and whitespace do not matter but any change of value does.
 *
 * @example hashIdempotentRequest('POST /incidents', { name: 'Outage' })
 */
export function hashIdempotentRequest(route: string, body: unknown): string {
  return createHash('sha256').update(route).update('\n').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function replay(record: IdempotencyRecord | null, request: IdempotentRequest): IdempotentResult {
  if (record === null || record.status === 0) {
    // Only possible if the holder's row vanished between our claim and our read (it expired or was purged).
    throw new BeaconError('conflict', `Idempotency-Key ${JSON.stringify(request.key)} is in use by a request still in progress; retry`);
  }
  if (record.requestHash !== request.requestHash) {
    throw new BeaconError(
      'conflict',
      `Idempotency-Key ${JSON.stringify(request.key)} was already used with a different request; use a new key`,
    );
  }
  return { response: { status: record.status, body: record.body }, replayed: true };
}

/**
 * Runs a create at most once per (API key, idempotency key) within 24 hours. The key is claimed
 * in the same transaction as the rows `work` writes, and its response stored there too, so that
 * concurrent duplicates create exactly one thing on either engine: the losers wait for the
 * winner's commit and replay its response. A failed `work` rolls back and releases the key.
 *
 * @example writeIdempotently(ctx, request, async (tx) => ({ status: 201, body: JSON.stringify(await create(tx)) }))
 */
export async function writeIdempotently(
  ctx: ServiceContext,
  request: IdempotentRequest,
  work: (tx: Tx, changed: ChangeSet) => Promise<RecordedResponse>,
): Promise<IdempotentResult> {
  const now = ctx.clock();
  const expiredBy = new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS);
  // Fast path: a plain retry replays without opening a write transaction.
  const existing = await findIdempotencyRecord(ctx.database.db, request.apiKeyId, request.key, expiredBy);
  if (existing) return replay(existing, request);

  try {
    const response = await write(ctx, async (tx, changed) => {
      const reserved = await reserveIdempotencyKey(tx, { ...request, createdAt: now }, expiredBy);
      if (!reserved) throw new KeyTaken(await findIdempotencyRecord(tx, request.apiKeyId, request.key, expiredBy));
      const result = await work(tx, changed);
      await recordIdempotentResponse(tx, request.apiKeyId, request.key, result.status, result.body);
      return result;
    });
    return { response, replayed: false };
  } catch (error) {
    if (error instanceof KeyTaken) return replay(error.record, request);
    throw error;
  }
}
