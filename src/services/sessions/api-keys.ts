import { type ApiKey, generateApiKeyToken, hashApiKey, isApiKeyToken } from '../../domain/access/api-key.js';
import { BeaconError, notFound } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import {
  findApiKey,
  findApiKeyByTokenHash,
  insertApiKey,
  listApiKeyRows,
  recordApiKeyUse,
  revokeApiKeyRow,
} from '../../store/access/api-keys.js';
import { isPlausibleId } from '../status/component-refs.js';
import { type ServiceContext, write } from '../context.js';
import { writeUnannounced } from '../live-state/unannounced-write.js';
import { NAME_MAX_LENGTH, checkText } from '../text-fields.js';

/**
 * `lastUsedAt` is refreshed at most this often: every write bumps the data revision and makes
 * every process reload its snapshot, which a busy integration must not trigger per request.
 */
export const API_KEY_USE_RESOLUTION_MS = 60 * 60 * 1000;

/**
 * Creates a key. The token is returned once, here; only its hash is stored.
 *
 * @example const { token } = await createApiKey(ctx, { name: 'PagerDuty' })
 */
export async function createApiKey(ctx: ServiceContext, input: { name: string }): Promise<{ apiKey: ApiKey; token: string }> {
  const name = checkText('name', input.name, NAME_MAX_LENGTH);
  const token = generateApiKeyToken();
  const apiKey: ApiKey = { id: newId(), name, createdAt: ctx.clock(), lastUsedAt: null, revokedAt: null };
  await write(ctx, (tx, changed) => {
    changed.access();
    return insertApiKey(tx, apiKey, hashApiKey(token));
  });
  return { apiKey, token };
}

/** The id of the live key `token` belongs to, or null for unknown, malformed and revoked tokens. */
export async function authenticateApiKey(ctx: ServiceContext, token: string): Promise<string | null> {
  if (!isApiKeyToken(token)) return null;
  const apiKey = await findApiKeyByTokenHash(ctx.database.db, hashApiKey(token));
  if (!apiKey || apiKey.revokedAt !== null) return null;
  const now = ctx.clock();
  if (apiKey.lastUsedAt === null || now.getTime() - apiKey.lastUsedAt.getTime() >= API_KEY_USE_RESOLUTION_MS) {
    // No snapshot holds API keys: recording a use must not make every process reload (and drop its page caches).
    try {
      await writeUnannounced(ctx, (tx) => recordApiKeyUse(tx, apiKey.id, now));
    } catch (error) {
      // The time is approximate anyway: a busy database must not refuse a request over it; a later request records it.
      if (!(error instanceof BeaconError && error.code === 'busy')) throw error;
    }
  }
  return apiKey.id;
}

/** Every key, revoked ones included, oldest first. */
export async function listApiKeys(ctx: ServiceContext): Promise<ApiKey[]> {
  return listApiKeyRows(ctx.database.db);
}

/** Revokes the key at once; revoking it again changes nothing. The row stays for the record. */
export async function revokeApiKey(ctx: ServiceContext, id: string): Promise<ApiKey> {
  return write(ctx, async (tx, changed) => {
    changed.access();
    if (!isPlausibleId(id) || !(await findApiKey(tx, id))) throw notFound('API key', id);
    await revokeApiKeyRow(tx, id, ctx.clock());
    const revoked = await findApiKey(tx, id);
    if (!revoked) throw notFound('API key', id);
    return revoked;
  });
}
