import type { AllowlistDomain } from '../../domain/access/email-domain.js';
import type { ServiceContext } from '../context.js';

/** What the subscriber's services need: the database, the clock, the outbox's doorbell, and the server secret keying every HMAC. */
export type SubscriptionDeps = Pick<ServiceContext, 'database' | 'clock' | 'outbox'> & { secret: string };

/** A scope as the services need it: what mails call it, and who may subscribe to it. */
export interface ScopeTarget {
  /** The page's name as its readers see it, e.g. "Platform — EU". */
  name: string;
  /** A customer page's current allowlist (SUB-4); null for public pages and sub-pages, which anyone may follow. */
  allowlist: readonly AllowlistDomain[] | null;
}

/**
 * Scopes as the current snapshot has them (the web layer builds it: page names are its words). Null
 * for a scope that is gone or serves nothing (a removed page, a disabled sub-page).
 */
export type ScopeDirectory = (scopeKey: string) => ScopeTarget | null;
