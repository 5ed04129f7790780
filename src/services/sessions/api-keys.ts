import { type ApiKey, apiKeyPrefixOf, generateApiKeyToken, hashApiKey, isApiKeyToken } from '../../domain/access/api-key.js';
import { type StaffResource, isStaffResource, isStaffRole } from '../../domain/access/staff-role.js';
import { BeaconError, invalid, notFound } from '../../domain/errors.js';
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
import { appendAudit } from '../sign-in/sign-in-audit.js';

/**
 * `lastUsedAt` is refreshed at most this often: every write bumps the data revision and makes
 * every process reload its snapshot, which a busy integration must not trigger per request.
 */
export const API_KEY_USE_RESOLUTION_MS = 60 * 60 * 1000;

export interface CreateApiKeyInput {
  name: string;
  /** STF-3/STF-4: what the key may do; `admin` when not given, as every key could before roles. */
  role?: string;
  /** Narrows the key to these resources (STF-4); none given means every one its role allows. */
  scope?: readonly string[] | null;
}

/**
 * Creates a key. The token is returned once, here; only its hash is stored (STF-4). The creation is
 * audited in the same transaction, with `actor` (STF-7).
 *
 * @example const { token } = await createApiKey(ctx, { name: 'PagerDuty', role: 'responder' }, CLI_ACTOR)
 */
export async function createApiKey(
  ctx: ServiceContext,
  input: CreateApiKeyInput,
  actor: string,
): Promise<{ apiKey: ApiKey; token: string }> {
  const name = checkText('name', input.name, NAME_MAX_LENGTH);
  const role = input.role ?? 'admin';
  if (!isStaffRole(role)) throw invalid('role', 'must be admin, responder or viewer');
  const scope = checkScope(input.scope ?? null);
  const token = generateApiKeyToken();
  const now = ctx.clock();
  const apiKey: ApiKey = {
    id: newId(),
    name,
    createdAt: now,
    lastUsedAt: null,
    revokedAt: null,
    role,
    scope,
    prefix: apiKeyPrefixOf(token),
  };
  // The write answers the key (never its token), so an audit hook names what it created.
  await write(ctx, async (tx, changed) => {
    changed.access();
    await insertApiKey(tx, apiKey, hashApiKey(token));
    await appendAudit(tx, now, [
      {
        actor,
        action: 'api_key.created',
        subjectType: 'api_key',
        subjectId: apiKey.id,
        pageId: null,
        details: { name, role, scope, prefix: apiKey.prefix },
      },
    ]);
    return apiKey;
  });
  return { apiKey, token };
}

function checkScope(scope: readonly string[] | null): StaffResource[] | null {
  if (scope === null) return null;
  const unknown = scope.find((resource) => !isStaffResource(resource));
  if (unknown !== undefined) throw invalid('scope', `unknown resource ${JSON.stringify(unknown)}`);
  if (scope.length === 0) throw invalid('scope', 'must name at least one resource (leave it out for all)');
  return [...new Set(scope as StaffResource[])];
}

/** A live key: who is acting and what it may do. */
export type ApiKeyGrant = Pick<ApiKey, 'id' | 'name' | 'role' | 'scope'>;

/** The live key `token` belongs to, or null for unknown, malformed and revoked tokens (STF-4: revoked fails at once). */
export async function authenticateApiKey(ctx: ServiceContext, token: string): Promise<ApiKeyGrant | null> {
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
  return { id: apiKey.id, name: apiKey.name, role: apiKey.role, scope: apiKey.scope };
}

/** Every key, revoked ones included, oldest first. */
export async function listApiKeys(ctx: ServiceContext): Promise<ApiKey[]> {
  return listApiKeyRows(ctx.database.db);
}

/** Revokes the key at once; revoking it again changes nothing. The row stays for the record; `actor` is audited (STF-7). */
export async function revokeApiKey(ctx: ServiceContext, id: string, actor: string): Promise<ApiKey> {
  return write(ctx, async (tx, changed) => {
    changed.access();
    const before = isPlausibleId(id) ? await findApiKey(tx, id) : null;
    if (!before) throw notFound('API key', id);
    const now = ctx.clock();
    await revokeApiKeyRow(tx, id, now);
    if (before.revokedAt === null) {
      await appendAudit(tx, now, [
        { actor, action: 'api_key.revoked', subjectType: 'api_key', subjectId: id, pageId: null, details: { name: before.name } },
      ]);
    }
    const revoked = await findApiKey(tx, id);
    if (!revoked) throw notFound('API key', id);
    return revoked;
  });
}
