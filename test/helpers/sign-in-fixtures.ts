import { toAllowlist } from '../../src/domain/access/allowlist.js';
import type { CustomerPageAccess, CustomerPageDirectory } from '../../src/services/pages/customer-page-directory.js';
import type { MailMessage, Mailer } from '../../src/services/outbox/mailer.js';
import { openSealed } from '../../src/services/seal.js';
import { type SignInDeps, type SignInSettings, createSignInDeps } from '../../src/services/sign-in/sign-in-deps.js';
import { SIGN_IN_MAIL_KIND, SignInMailPayloadSchema, SignInMailSecretsSchema } from '../../src/services/sign-in/sign-in-mail-payload.js';
import { redeemSignInLink } from '../../src/services/sign-in/sign-in-redeem.js';
import { requestSignInLink } from '../../src/services/sign-in/sign-in-request.js';
import type { Database } from '../../src/store/database.js';
import { buildTestContext } from './write-fixtures.js';
import { TEST_CACHES } from './test-config.js';
import { createSessionCache } from '../../src/services/sessions/session-cache.js';

export const TEST_SECRET = 'sign-in-test-secret-0123456789abcdef-0123456789';

export const buildPage = (id: string, domains: string[], name = `Customer ${id}`): CustomerPageAccess => ({
  id,
  name,
  path: `/c/${id}-token`,
  allowlist: toAllowlist(domains),
});

export const PAGE_A = buildPage('page-a', ['example.com', '*.corp.example'], 'Acme Corp');
export const PAGE_B = buildPage('page-b', ['example.com', 'other.test'], 'Globex');

/**
 * A directory held in a map. Its pages change only when told, and each change
 * is a new revision, as a write is; `setRevision` stands for a write that touched no page.
 */
export function createStaticDirectory(
  pages: readonly CustomerPageAccess[],
  revision = 1,
): CustomerPageDirectory & {
  set(page: CustomerPageAccess): void;
  remove(customerPageId: string): void;
  setRevision(revision: number): void;
} {
  const byId = new Map(pages.map((page) => [page.id, page]));
  let current = revision;
  return {
    get revision() {
      return current;
    },
    find: (customerPageId) => byId.get(customerPageId) ?? null,
    set: (page) => {
      byId.set(page.id, page);
      current += 1;
    },
    remove: (customerPageId) => {
      byId.delete(customerPageId);
      current += 1;
    },
    setRevision: (next) => {
      current = next;
    },
  };
}

/** Sign-in deps on a hand-moved clock, over a directory of PAGE_A and PAGE_B the test can edit. */
export function buildSignInTestDeps(
  database: Database,
  options: { settings?: Partial<SignInSettings>; pages?: CustomerPageAccess[] } = {},
) {
  const context = buildTestContext(database);
  const directory = createStaticDirectory(options.pages ?? [PAGE_A, PAGE_B]);
  const deps: SignInDeps = createSignInDeps(context.ctx, {
    secret: TEST_SECRET,
    directory,
    settings: options.settings ?? {},
    sessionCache: createSessionCache(TEST_CACHES.sessionCache),
  });
  return { ...context, deps, directory };
}

/** A second process on the same database: its own clock reading, cache and directory. */
export function buildOtherProcess(database: Database, first: ReturnType<typeof buildSignInTestDeps>) {
  const directory = createStaticDirectory([PAGE_A, PAGE_B]);
  const deps: SignInDeps = createSignInDeps(
    { ...first.ctx, database },
    { secret: TEST_SECRET, directory, settings: first.deps.settings, sessionCache: createSessionCache(TEST_CACHES.sessionCache) },
  );
  return { deps, directory };
}

let ipCounter = 0;
/** A fresh client IP per call, so tests that are not about the IP limit never meet it. */
export const nextIp = (): string => `198.51.100.${(ipCounter++ % 250) + 1}`;

/** What the mail would carry: the raw token and code of every queued, unsent sign-in mail (read as the mail worker does). */
export async function readQueuedMails(
  deps: Pick<SignInDeps, 'database' | 'secret'>,
  kind = SIGN_IN_MAIL_KIND,
): Promise<{ outboxId: string; to: string; linkId: string; token: string; code: string }[]> {
  const rows = await deps.database.db
    .selectFrom('outbox')
    .selectAll()
    .where('kind', '=', kind)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.flatMap((row) => {
    const payload = SignInMailPayloadSchema.parse(JSON.parse(row.payload));
    if (!payload.sealed) return [];
    const secrets = SignInMailSecretsSchema.parse(JSON.parse(openSealed(deps.secret, payload.sealed) ?? 'null'));
    return [{ outboxId: row.id, to: payload.to, linkId: payload.linkId, ...secrets }];
  });
}

/** Asks for a link as a browser would and returns what that browser and its mailbox then hold. */
export async function requestLinkFor(deps: SignInDeps, email: string, customerPageId = PAGE_A.id, nextPath: string | null = null) {
  const before = new Set((await readQueuedMails(deps)).map((mail) => mail.outboxId));
  const { pendingCookieValue } = await requestSignInLink(deps, { customerPageId, rawEmail: email, clientIp: nextIp(), nextPath });
  const fresh = (await readQueuedMails(deps)).filter((mail) => !before.has(mail.outboxId));
  const [mail] = fresh;
  if (!mail || fresh.length > 1) throw new Error(`expected one new mail for ${email}, got ${fresh.length}`);
  return { pendingCookieValue, token: mail.token, code: mail.code, linkId: mail.linkId };
}

/** Every row of every table, as one JSON string: for proving a secret is stored nowhere. */
export async function dumpAllTables(database: Database): Promise<string> {
  const tables = ['sign_in_tokens', 'sessions', 'rate_limits', 'outbox', 'audit_log', 'meta_revision'] as const;
  const dump: Record<string, unknown> = {};
  for (const table of tables) dump[table] = await database.db.selectFrom(table).selectAll().execute();
  return JSON.stringify(dump);
}

/** A mailer that keeps what it is given. */
export function buildRecordingMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return { kind: 'log', sent, send: async (message) => void sent.push(message), close: () => {} };
}

export const auditActions = async (
  database: Database,
): Promise<{ action: string; subjectId: string; pageId: string | null; details: Record<string, unknown> }[]> => {
  const rows = await database.db.selectFrom('audit_log').selectAll().orderBy('at').orderBy('id').execute();
  return rows.map((row) => ({
    action: row.action,
    subjectId: row.subject_id,
    pageId: row.page_id,
    details: JSON.parse(row.details) as Record<string, unknown>,
  }));
};

/** Signs in through the real request and redemption services and returns the session cookie value. */
export async function signInAs(deps: SignInDeps, email: string, customerPageId = PAGE_A.id): Promise<string> {
  const link = await requestLinkFor(deps, email, customerPageId);
  const result = await redeemSignInLink(deps, { customerPageId, token: link.token, pendingCookieValue: link.pendingCookieValue });
  if (!result.ok) throw new Error(`could not sign in as ${email}`);
  return result.sessionToken;
}
