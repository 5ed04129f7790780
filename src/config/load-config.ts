import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { type CacheSettings, DEFAULT_CACHE_SETTINGS, MEGABYTE } from '../domain/cache-bounds.js';
import { BeaconError } from '../domain/errors.js';
import { parseCidr } from '../domain/webhooks/address-policy.js';
import type { Config } from '../config.js';
import type { DkimSettings } from '../domain/dkim-settings.js';
import { SQLITE_SYNCHRONOUS_MODES, isPostgresUrl } from '../store/database.js';

/** How long a SQLite write waits for another process to release the write lock before failing as busy. */
const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** `status@example.com` or `Display Name <status@example.com>`: what a From header holds. */
const MAILBOX = /^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/;
const SMTP_SCHEME = /^smtps?:\/\//;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** `https://status.example.com/` → `https://status.example.com`; anything but an http(s) origin is refused. */
function toOrigin(text: string): string | { problem: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: 'expected an absolute URL such as https://status.example.com' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: 'expected an http:// or https:// URL' };
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    return { problem: 'expected an origin only (scheme, host and port; no path, query or credentials)' };
  }
  return url.origin;
}

/** An IP address or a CIDR range (TRUSTED_PROXIES, WEBHOOK_ALLOWED_CIDRS). */
const isCidr = (entry: string): boolean => {
  try {
    parseCidr(entry);
    return true;
  } catch {
    return false;
  }
};

/** A comma-separated list of addresses and CIDR ranges, blanks dropped. */
const cidrList = (error: string) =>
  z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    )
    .refine((entries) => entries.every(isCidr), { error })
    .optional();

/** A cache's byte bound in megabytes (fractions allowed), defaulting to `bytes`. */
const megabytes = (bytes: number) =>
  z.coerce
    .number({ error: 'expected a number of megabytes' })
    .positive({ error: 'expected more than 0 megabytes' })
    .max(65_536, { error: 'expected at most 65536 megabytes' })
    .default(bytes / MEGABYTE);

/** Each key is the environment variable it reads, so a failure names the variable. */
const EnvSchema = z.object({
  PORT: z.coerce
    .number({ error: 'expected a port number' })
    .int({ error: 'expected a whole port number' })
    .min(0, { error: 'expected a port between 0 and 65535' })
    .max(65535, { error: 'expected a port between 0 and 65535' })
    .default(3000),
  HOST: z.string().default('127.0.0.1'),
  BEACON_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .refine((url) => isPostgresUrl(url) || !/^[a-z][a-z0-9+.-]*:\/\//i.test(url), {
      error: 'expected a postgres:// URL or a SQLite file path',
    })
    .optional(),
  PUBLIC_URL: z
    .string()
    .transform((text, ctx) => {
      const origin = toOrigin(text);
      if (typeof origin === 'string') return origin;
      ctx.issues.push({ code: 'custom', message: origin.problem, input: text });
      return z.NEVER;
    })
    .optional(),
  BEACON_SECRET: z.string().min(32, { error: 'must be at least 32 characters (e.g. `openssl rand -hex 32`)' }).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  SMTP_URL: z.string().regex(SMTP_SCHEME, { error: 'expected an smtp:// or smtps:// URL' }).optional(),
  MAIL_FROM: z.string().optional(),
  TRUSTED_PROXIES: cidrList('expected comma-separated IP addresses or CIDRs'),
  WEBHOOK_ALLOWED_CIDRS: cidrList('expected comma-separated CIDR ranges, e.g. 10.1.0.0/16,::1/128'),
  WEBHOOK_TIMEOUT_MS: z.coerce
    .number({ error: 'expected a number of milliseconds' })
    .int({ error: 'expected a whole number of milliseconds' })
    .min(1000, { error: 'expected 1000 to 60000 milliseconds' })
    .max(60_000, { error: 'expected 1000 to 60000 milliseconds' })
    .default(10_000),
  DKIM_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, { error: 'expected a domain name such as example.com' })
    .optional(),
  DKIM_SELECTOR: z
    .string()
    .regex(/^[a-z0-9._-]+$/i, { error: 'expected a DNS label such as beacon2026' })
    .optional(),
  DKIM_PRIVATE_KEY: z.string().optional(),
  DKIM_PRIVATE_KEY_FILE: z.string().optional(),
  MAINTENANCE_REMINDER_MINUTES: z.coerce
    .number({ error: 'expected a number of minutes' })
    .int({ error: 'expected a whole number of minutes' })
    .min(1, { error: 'expected at least 1 minute (unset: no reminder)' })
    .max(7 * 24 * 60, { error: 'expected at most 10080 minutes (a week)' })
    .optional(),
  BEACON_DISABLE_LISTEN: z.enum(['0', '1', 'true', 'false'], { error: 'expected 1/true or 0/false' }).optional(),
  BEACON_REVISION_POLL_MS: z.coerce
    .number({ error: 'expected a number of milliseconds' })
    .int({ error: 'expected a whole number of milliseconds' })
    .min(0, { error: 'expected 0 (off) or more milliseconds' })
    .default(1000),
  BEACON_RENDER_CACHE_MB: megabytes(DEFAULT_CACHE_SETTINGS.renderCache.maxBytes),
  BEACON_CUSTOMER_RENDER_CACHE_MB: megabytes(DEFAULT_CACHE_SETTINGS.customerRenderCache.maxBytes),
  BEACON_HOT_RESPONSES_MB: megabytes(DEFAULT_CACHE_SETTINGS.hotResponses.maxBytes),
  BEACON_SESSION_CACHE_MB: megabytes(DEFAULT_CACHE_SETTINGS.sessionCache.maxBytes),
  BEACON_SESSION_CACHE_ENTRIES: z.coerce
    .number({ error: 'expected a number of sessions' })
    .int({ error: 'expected a whole number of sessions' })
    .min(1, { error: 'expected at least 1 session' })
    .default(DEFAULT_CACHE_SETTINGS.sessionCache.maxEntries),
  BEACON_STATEMENT_CACHE_MB: megabytes(DEFAULT_CACHE_SETTINGS.statementCache.maxBytes),
  BEACON_ARCHIVE_CACHE_MB: megabytes(DEFAULT_CACHE_SETTINGS.incidentArchive.maxBytes),
  BEACON_ROW_CACHE_MB: megabytes(DEFAULT_CACHE_SETTINGS.statusPageRows.maxBytes),
  BEACON_SQLITE_SYNCHRONOUS: z
    .enum(SQLITE_SYNCHRONOUS_MODES, { error: `expected one of ${SQLITE_SYNCHRONOUS_MODES.join(', ')}` })
    .default('normal'),
  BEACON_BUSY_TIMEOUT_MS: z.coerce
    .number({ error: 'expected a number of milliseconds' })
    .int({ error: 'expected a whole number of milliseconds' })
    .min(0, { error: 'expected 0 or more milliseconds' })
    // SQLite waits for its lock synchronously, holding up the whole server process meanwhile.
    .max(60_000, { error: 'expected at most 60000 milliseconds (the server waits with everything else held up)' })
    .default(DEFAULT_BUSY_TIMEOUT_MS),
});

type Issue = { path: string; message: string };

/** Rules between settings, checked with the rest so a bad combination stops the start, not the first mail. */
function crossSettingIssues(present: Record<string, string | undefined>): Issue[] {
  const issues: Issue[] = [];
  const smtpUrl = present.SMTP_URL;
  const mailFrom = present.MAIL_FROM;
  if (smtpUrl !== undefined && SMTP_SCHEME.test(smtpUrl) && mailFrom === undefined) {
    issues.push({ path: 'MAIL_FROM', message: 'is required when SMTP_URL is set (e.g. "Status <status@example.com>")' });
  }
  if (mailFrom !== undefined && !MAILBOX.test(mailFrom)) {
    issues.push({ path: 'MAIL_FROM', message: 'expected an address such as status@example.com or "Status <status@example.com>"' });
  }
  const dkim = ['DKIM_DOMAIN', 'DKIM_SELECTOR'].filter((name) => present[name] !== undefined);
  const hasKey = present.DKIM_PRIVATE_KEY !== undefined || present.DKIM_PRIVATE_KEY_FILE !== undefined;
  if (present.DKIM_PRIVATE_KEY !== undefined && present.DKIM_PRIVATE_KEY_FILE !== undefined) {
    issues.push({ path: 'DKIM_PRIVATE_KEY_FILE', message: 'set DKIM_PRIVATE_KEY or DKIM_PRIVATE_KEY_FILE, not both' });
  }
  if ((dkim.length > 0 || hasKey) && (dkim.length < 2 || !hasKey)) {
    issues.push({
      path: 'DKIM_DOMAIN',
      message: 'DKIM signing needs DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY (or DKIM_PRIVATE_KEY_FILE) together',
    });
  }
  return issues;
}

/** The DKIM key, read from the variable or the file; a key that is not PEM stops the start, not the first mail. */
function dkimOf(vars: EnvVars): DkimSettings | null {
  if (vars.DKIM_DOMAIN === undefined || vars.DKIM_SELECTOR === undefined) return null;
  let privateKey = vars.DKIM_PRIVATE_KEY;
  if (privateKey === undefined && vars.DKIM_PRIVATE_KEY_FILE !== undefined) {
    try {
      privateKey = readFileSync(vars.DKIM_PRIVATE_KEY_FILE, 'utf8');
    } catch (error) {
      throw configError('DKIM_PRIVATE_KEY_FILE', `cannot read ${vars.DKIM_PRIVATE_KEY_FILE}: ${(error as Error).message}`);
    }
  }
  const variable = vars.DKIM_PRIVATE_KEY === undefined ? 'DKIM_PRIVATE_KEY_FILE' : 'DKIM_PRIVATE_KEY';
  // An env file often holds a PEM key on one line with literal \n.
  const pem = (privateKey ?? '').replace(/\\n/g, '\n').trim();
  if (!/^-----BEGIN (?:RSA )?PRIVATE KEY-----[\s\S]+-----END (?:RSA )?PRIVATE KEY-----$/.test(pem)) {
    throw configError(variable, 'expected a PEM private key (-----BEGIN PRIVATE KEY----- …)');
  }
  return { domainName: vars.DKIM_DOMAIN.toLowerCase(), keySelector: vars.DKIM_SELECTOR, privateKey: pem };
}

type EnvVars = z.infer<typeof EnvSchema>;

/** The caches' bounds: the entry bounds are fixed, the byte bounds come from the environment. */
function cacheSettingsOf(vars: EnvVars): CacheSettings {
  const bytes = (mb: number): number => Math.round(mb * MEGABYTE);
  const defaults = DEFAULT_CACHE_SETTINGS;
  return {
    renderCache: { ...defaults.renderCache, maxBytes: bytes(vars.BEACON_RENDER_CACHE_MB) },
    customerRenderCache: { ...defaults.customerRenderCache, maxBytes: bytes(vars.BEACON_CUSTOMER_RENDER_CACHE_MB) },
    hotResponses: { ...defaults.hotResponses, maxBytes: bytes(vars.BEACON_HOT_RESPONSES_MB) },
    hotCustomerPages: { ...defaults.hotCustomerPages, maxBytes: bytes(vars.BEACON_HOT_RESPONSES_MB) },
    sessionCache: { maxEntries: vars.BEACON_SESSION_CACHE_ENTRIES, maxBytes: bytes(vars.BEACON_SESSION_CACHE_MB) },
    statementCache: { ...defaults.statementCache, maxBytes: bytes(vars.BEACON_STATEMENT_CACHE_MB) },
    incidentArchive: { ...defaults.incidentArchive, maxBytes: bytes(vars.BEACON_ARCHIVE_CACHE_MB) },
    statusPageRows: { ...defaults.statusPageRows, maxBytes: bytes(vars.BEACON_ROW_CACHE_MB) },
  };
}

/**
 * The secret kept in the data dir: created once (0600), then reused, so restarts keep sessions valid.
 * A new one is written to a private file first and published with link(), which is atomic and fails
 * when the name exists: two processes starting together on one data dir never read a half-written
 * secret. An existing secret is only read, so a read-only data dir holding one works.
 */
function readOrCreateSecret(dataDir: string): string {
  const path = join(dataDir, 'secret');
  if (!existsSync(path)) publishNewSecret(dataDir, path);
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < 32) throw configError('BEACON_SECRET', `the secret kept in ${path} is shorter than 32 characters`);
  return secret;
}

function publishNewSecret(dataDir: string, path: string): void {
  const draft = join(dataDir, `.secret-${process.pid}-${randomBytes(6).toString('hex')}`);
  writeFileSync(draft, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  try {
    linkSync(draft, path);
  } catch (error) {
    // Another process got there first; then we read what it published.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
}

const configError = (variable: string, message: string): BeaconError =>
  new BeaconError('validation', `${variable}: ${message}`, [{ path: variable, message }]);

/**
 * Reads Beacon's settings from the environment, with the documented defaults. Creates the data
 * directory and, when `BEACON_SECRET` is unset, the secret file in it.
 *
 * @example loadConfig(process.env).databaseUrl // '/srv/beacon/data/beacon.sqlite'
 * @throws BeaconError('validation') naming each offending variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  // An empty variable (`PORT=` in an env file) means "unset", not "invalid".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = EnvSchema.safeParse(present);
  const issues = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))),
    ...crossSettingIssues(present),
  ];
  if (!parsed.success || issues.length > 0) {
    throw new BeaconError('validation', issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '), issues);
  }
  const vars = parsed.data;
  const dataDir = resolve(vars.BEACON_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  return {
    port: vars.PORT,
    host: vars.HOST,
    dataDir,
    databaseUrl: vars.DATABASE_URL ?? join(dataDir, 'beacon.sqlite'),
    publicUrl: vars.PUBLIC_URL ?? `http://localhost:${vars.PORT}`,
    secret: vars.BEACON_SECRET ?? readOrCreateSecret(dataDir),
    logLevel: vars.LOG_LEVEL,
    trustedProxies: vars.TRUSTED_PROXIES ?? [],
    listenForRevisions: vars.BEACON_DISABLE_LISTEN !== '1' && vars.BEACON_DISABLE_LISTEN !== 'true',
    revisionPollMs: vars.BEACON_REVISION_POLL_MS,
    caches: cacheSettingsOf(vars),
    busyTimeoutMs: vars.BEACON_BUSY_TIMEOUT_MS,
    sqliteSynchronous: vars.BEACON_SQLITE_SYNCHRONOUS,
    // SMTP_URL without MAIL_FROM was refused above (crossSettingIssues).
    webhooks: { allowedCidrs: vars.WEBHOOK_ALLOWED_CIDRS ?? [], timeoutMs: vars.WEBHOOK_TIMEOUT_MS },
    smtp: vars.SMTP_URL !== undefined && vars.MAIL_FROM !== undefined ? { smtpUrl: vars.SMTP_URL, from: vars.MAIL_FROM } : null,
    dkim: dkimOf(vars),
    maintenanceReminderMinutes: vars.MAINTENANCE_REMINDER_MINUTES ?? null,
  };
}
