import type { Migration } from 'kysely';
import { foundation } from './0001-foundation.js';
import { catalog } from './0002-catalog.js';
import { signIn } from './0003-sign-in.js';
import { pageBindings } from './0004-page-bindings.js';
import { liveState } from './0005-live-state.js';
import { slidingRateLimits } from './0006-sliding-rate-limits.js';
import { staff } from './0007-staff.js';
import { incidentEditing } from './0008-incident-editing.js';
import { maintenanceStartIndex } from './0009-maintenance-start-index.js';
import { auditAddress } from './0010-audit-address.js';
import { archivedStructure } from './0011-archived-structure.js';
import { catalogEntrySearch } from './0012-catalog-entry-search.js';
import { pageBranding } from './0013-page-branding.js';
import { readTokens } from './0014-read-tokens.js';
import { subscriptions } from './0015-subscriptions.js';
import { webhooks } from './0016-webhooks.js';

/** Every migration, in order. Listed statically so they work the same from `src/` and `dist/`. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-catalog': catalog,
  '0003-sign-in': signIn,
  '0004-page-bindings': pageBindings,
  '0005-live-state': liveState,
  '0006-sliding-rate-limits': slidingRateLimits,
  '0007-staff': staff,
  '0008-incident-editing': incidentEditing,
  '0009-maintenance-start-index': maintenanceStartIndex,
  '0010-audit-address': auditAddress,
  '0011-archived-structure': archivedStructure,
  '0012-catalog-entry-search': catalogEntrySearch,
  '0013-page-branding': pageBranding,
  '0014-read-tokens': readTokens,
  '0015-subscriptions': subscriptions,
  '0016-webhooks': webhooks,
};
