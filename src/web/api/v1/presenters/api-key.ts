import type { ApiKey } from '../../../../domain/access/api-key.js';
import type { ApiKeyBody, CreatedApiKeyBody } from '../access/api-keys-schema.js';

export const presentApiKey = (apiKey: ApiKey): ApiKeyBody => ({
  id: apiKey.id,
  name: apiKey.name,
  created_at: apiKey.createdAt.toISOString(),
  last_used_at: apiKey.lastUsedAt?.toISOString() ?? null,
  revoked_at: apiKey.revokedAt?.toISOString() ?? null,
  role: apiKey.role,
  scope: apiKey.scope === null ? null : [...apiKey.scope],
  prefix: apiKey.prefix,
});

/** The one response that carries the token. */
export const presentCreatedApiKey = (apiKey: ApiKey, token: string): CreatedApiKeyBody => ({ ...presentApiKey(apiKey), token });
