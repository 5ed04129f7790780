import type { Selectable } from 'kysely';
import type { ApiKey } from '../../domain/access/api-key.js';
import { type StaffResource, isStaffResource, isStaffRole } from '../../domain/access/staff-role.js';
import { fromDbTime, fromDbTimeOrNull, toDbTime } from '../codec.js';
import type { Tables } from '../tables.js';
import type { Queryable, Tx } from '../transaction.js';

type ApiKeyRow = Selectable<Tables['api_keys']>;

const toApiKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  name: row.name,
  createdAt: fromDbTime(row.created_at),
  lastUsedAt: fromDbTimeOrNull(row.last_used_at),
  revokedAt: fromDbTimeOrNull(row.revoked_at),
  // An unknown role (written by a newer Beacon) grants the least.
  role: isStaffRole(row.role) ? row.role : 'viewer',
  scope: parseScope(row.scope),
  prefix: row.prefix,
});

/** The stored scope: null (all), or the resources listed; an unreadable one narrows to nothing. */
function parseScope(text: string | null): StaffResource[] | null {
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter(isStaffResource) : [];
  } catch {
    return [];
  }
}

/** Stores a new key by the hash of its token; the token itself is never written. */
export async function insertApiKey(tx: Tx, apiKey: ApiKey, tokenHash: string): Promise<void> {
  await tx
    .insertInto('api_keys')
    .values({
      id: apiKey.id,
      name: apiKey.name,
      token_hash: tokenHash,
      created_at: toDbTime(apiKey.createdAt),
      last_used_at: null,
      revoked_at: null,
      role: apiKey.role,
      scope: apiKey.scope === null ? null : JSON.stringify(apiKey.scope),
      prefix: apiKey.prefix,
    })
    .execute();
}

/** Marks the key revoked at `at`, unless it already was (the first revocation time is kept). */
export async function revokeApiKeyRow(tx: Tx, id: string, at: Date): Promise<void> {
  await tx
    .updateTable('api_keys')
    .set({ revoked_at: toDbTime(at) })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function recordApiKeyUse(tx: Tx, id: string, at: Date): Promise<void> {
  await tx
    .updateTable('api_keys')
    .set({ last_used_at: toDbTime(at) })
    .where('id', '=', id)
    .execute();
}

export async function findApiKey(db: Queryable, id: string): Promise<ApiKey | null> {
  const row = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toApiKey(row) : null;
}

/** The key whose token hashes to `tokenHash`, revoked or not. */
export async function findApiKeyByTokenHash(db: Queryable, tokenHash: string): Promise<ApiKey | null> {
  const row = await db.selectFrom('api_keys').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row ? toApiKey(row) : null;
}

/** Every key, revoked ones included, oldest first. */
export async function listApiKeyRows(db: Queryable): Promise<ApiKey[]> {
  const rows = await db.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toApiKey);
}
