import type { DkimSettings } from './domain/dkim-settings.js';
import type { CacheSettings } from './domain/cache-bounds.js';
import type { SqliteSynchronous } from './store/database.js';

/**
 * Settings read from the environment at start-up (see README "Configuration"); built by `loadConfig`,
 * which checks every rule and holds the one default of each setting, so every field here is set.
 */
export interface Config {
  port: number;
  host: string;
  /** `postgres://…` selects PostgreSQL; anything else is a SQLite file path. */
  databaseUrl: string;
  dataDir: string;
  /** The origin viewers use, e.g. `https://status.example.com`; links and CSRF checks use it. */
  publicUrl: string;
  /** Server secret for HMACs; never stored in the database. */
  secret: string;
  logLevel: string;
  /** Where mail goes (SMTP_URL, and MAIL_FROM, which it requires); null: mail is written to the log (development only). */
  smtp: { smtpUrl: string; from: string } | null;
  /** Signs every outgoing mail with DKIM (DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY or _FILE); null: unsigned. */
  dkim: DkimSettings | null;
  /** Minutes before a maintenance window starts to remind its subscribers (MAINTENANCE_REMINDER_MINUTES); null: no reminder. */
  maintenanceReminderMinutes: number | null;
  /**
   * Outgoing webhooks: the address ranges staff allow although WH-2 refuses them (WEBHOOK_ALLOWED_CIDRS),
   * and each request's timeout (WEBHOOK_TIMEOUT_MS).
   */
  webhooks: { allowedCidrs: string[]; timeoutMs: number };
  /** IPs or CIDRs whose `X-Forwarded-For` is believed. */
  trustedProxies: string[];
  /** LISTEN for other processes' writes on PostgreSQL (off: polling alone, e.g. behind a transaction-mode pooler). */
  listenForRevisions: boolean;
  /** How often (ms) to read the revision as a fallback to LISTEN; 0 turns polling off. */
  revisionPollMs: number;
  /** Each cache's bounds (see domain/cache-bounds.ts). */
  caches: CacheSettings;
  /** SQLite: how long a write waits for another process to release the write lock before failing as busy. */
  busyTimeoutMs: number;
  /** SQLite: `normal` (committed writes survive a crash of Beacon; the last ones may not survive a power cut) or `full`. */
  sqliteSynchronous: SqliteSynchronous;
}
