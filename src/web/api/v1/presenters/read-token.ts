import type { ReadTokenSummary } from '../../../../services/sessions/read-tokens.js';
import type { CustomerPageReadTokenBody } from '../pages/customer-page-read-tokens-schema.js';

export const presentReadToken = (token: ReadTokenSummary): CustomerPageReadTokenBody => ({
  id: token.id,
  name: token.name,
  prefix: token.prefix,
  email: token.email,
  created_at: token.createdAt.toISOString(),
  last_used_at: token.lastUsedAt === null ? null : token.lastUsedAt.toISOString(),
});
