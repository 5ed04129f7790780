/**
 * Customer pages for HTTP tests: two customers (Acme, Globex) of one customer page set made through
 * the services, a cookie jar, the sign-in form and link flow through `app.request`, and the mail
 * delivered by the real outbox handler into memory.
 */
import pino from 'pino';
import { newId } from '../../src/domain/id.js';
import { createCatalogEntry } from '../../src/services/catalog/catalog-entries.js';
import { createCatalogType } from '../../src/services/catalog/catalog-types.js';
import { createComponent } from '../../src/services/status/components.js';
import type { ServiceContext } from '../../src/services/context.js';
import { listCustomerPages } from '../../src/services/pages/customer-pages.js';
import type { MailMessage, Mailer } from '../../src/services/outbox/mailer.js';
import { runOutboxOnce } from '../../src/services/outbox/outbox-worker.js';
import { createCustomerPageSet } from '../../src/services/pages/page-kinds.js';
import { createSignInMailHandler, formatSignInLinkUnder } from '../../src/services/sign-in/sign-in-mail.js';
import { SIGN_IN_MAIL_KIND } from '../../src/services/sign-in/sign-in-mail-payload.js';
import type { AppDeps } from '../../src/web/app-deps.js';
import type { Database } from '../../src/store/database.js';
import { type SessionRecord, insertSession } from '../../src/store/access/sessions.js';
import { writeTransaction } from '../../src/store/transaction.js';

interface SeededCustomer {
  entryId: string;
  customerPageId: string;
  /** `/c/<token>`. */
  path: string;
  componentId: string;
  componentName: string;
}

export interface SeededCustomerPages {
  typeId: string;
  setId: string;
  sharedComponentId: string;
  acme: SeededCustomer;
  globex: SeededCustomer;
}

/** Acme (acme-corp.com, acme-labs.com) and Globex (globex.com), each with a dedicated cluster, sharing "Public API". */
export async function seedCustomerPages(ctx: ServiceContext, publicUrl: string): Promise<SeededCustomerPages> {
  const actor = 'test';
  const shared = await createComponent(ctx, { name: 'Public API' });
  const acmeCluster = await createComponent(ctx, { name: 'Acme cluster' });
  const globexCluster = await createComponent(ctx, { name: 'Globex cluster' });
  const type = await createCatalogType(
    ctx,
    {
      name: 'Customer',
      attributes: [
        { name: 'Email domains', kind: 'email_domain', isList: true },
        { name: 'Components', kind: 'component', isList: true },
      ],
    },
    { actor },
  );
  const acme = await createCatalogEntry(
    ctx,
    type.id,
    { name: 'Acme Corp', values: { email_domains: ['acme-corp.com', 'acme-labs.com'], components: [acmeCluster.id] } },
    { actor },
  );
  const globex = await createCatalogEntry(
    ctx,
    type.id,
    { name: 'Globex', values: { email_domains: ['globex.com'], components: [globexCluster.id] } },
    { actor },
  );
  const set = await createCustomerPageSet(
    ctx,
    {
      slug: 'customers',
      name: 'Customer status',
      catalogTypeId: type.id,
      allowlistAttributeId: 'email_domains',
      componentAttributeId: 'components',
      items: [{ kind: 'component', componentId: shared.id, showUptime: true }],
    },
    actor,
  );
  const pages = await listCustomerPages(ctx, { publicUrl });
  const customer = (entryId: string, componentId: string, componentName: string): SeededCustomer => {
    const page = pages.find((p) => p.entryId === entryId);
    if (!page) throw new Error(`no customer page for entry ${entryId}`);
    return { entryId, customerPageId: page.id, path: new URL(page.url).pathname, componentId, componentName };
  };
  return {
    typeId: type.id,
    setId: set.id,
    sharedComponentId: shared.id,
    acme: customer(acme.id, acmeCluster.id, acmeCluster.name),
    globex: customer(globex.id, globexCluster.id, globexCluster.name),
  };
}

const DAY = 86_400_000;

/** Stores a session as sign-in leaves it, for `email` on a customer page (only page and address matter to callers). */
export async function insertSessionFor(database: Database, customerPageId: string, email: string, now: Date): Promise<SessionRecord> {
  const record: SessionRecord = {
    id: newId(),
    idHash: `hash-${newId()}`,
    customerPageId,
    email,
    domain: email.split('@')[1]!,
    createdAt: now,
    lastSeenAt: now,
    idleExpiresAt: new Date(now.getTime() + 7 * DAY),
    absoluteExpiresAt: new Date(now.getTime() + 30 * DAY),
  };
  await writeTransaction(database, (tx) => insertSession(tx, record));
  return record;
}

/** A browser's cookies, as far as these tests need: name=value pairs set and cleared by responses. */
class CookieJar {
  readonly #cookies = new Map<string, string>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = /max-age=0\b/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line);
      if (expired || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  set(name: string, value: string): void {
    this.#cookies.set(name, value);
  }

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get size(): number {
    return this.#cookies.size;
  }
}

/** Headers a same-origin form post from a modern browser carries. */
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' } as const;

/**
 * A browser talking to the app: requests carry its cookies and store what comes back; form posts
 * are same-origin unless `headers` says otherwise.
 */
export function createBrowser(app: { request(path: string, init?: RequestInit): Response | Promise<Response> }) {
  const jar = new CookieJar();
  const send = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (jar.size > 0 && !headers.has('cookie')) headers.set('cookie', jar.header());
    const res = await app.request(path, { ...init, headers });
    jar.store(res);
    return res;
  };
  return {
    jar,
    get: (path: string, headers: Record<string, string> = {}) => send(path, { headers: { accept: 'text/html', ...headers } }),
    head: (path: string) => send(path, { method: 'HEAD' }),
    /** A form post; an array value is a field sent once per item (ticked checkboxes). */
    post: (path: string, form: Record<string, string | readonly string[]>, headers: Record<string, string> = SAME_ORIGIN) =>
      send(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers },
        body: new URLSearchParams(
          Object.entries(form).flatMap(([name, value]) =>
            typeof value === 'string' ? [[name, value]] : value.map((item) => [name, item]),
          ),
        ).toString(),
      }),
  };
}

export type TestBrowser = ReturnType<typeof createBrowser>;

/** One delivered sign-in mail, with what it carries. */
export interface SignInMail {
  message: MailMessage;
  to: string;
  link: string;
  token: string;
  code: string;
}

/** Runs the outbox with the real sign-in mail handler and returns the mails it sent. */
export async function deliverSignInMails(deps: AppDeps): Promise<SignInMail[]> {
  const sent: MailMessage[] = [];
  const mailer: Mailer = {
    kind: 'smtp',
    send: async (message) => {
      sent.push(message);
    },
    close: () => {},
  };
  const signIn = deps.customerSignIn.at(deps.snapshots.pageKinds(await deps.snapshots.fresh()));
  const handler = createSignInMailHandler(signIn, { mailer, formatLink: formatSignInLinkUnder(deps.config.publicUrl) });
  // Until a round claims nothing: messages of other kinds queued before (notifications) are put back for later.
  while (
    (await runOutboxOnce(deps.ctx, { handlers: { [SIGN_IN_MAIL_KIND]: handler }, logger: pino({ level: 'silent' }), batchSize: 50 }))
      .claimed > 0
  );
  return sent.map((message) => {
    const link = /https?:\/\/\S+\/auth#[A-Za-z0-9_-]+/.exec(message.text)?.[0];
    const code = /code: (\d{8})/.exec(message.text)?.[1];
    if (!link || !code) throw new Error(`unexpected sign-in mail:\n${message.text}`);
    return { message, to: message.to.address, link, token: link.slice(link.indexOf('#') + 1), code };
  });
}

/** Asks for a link in `browser` and returns the one mail it produced. */
export async function requestLinkMail(
  deps: AppDeps,
  browser: TestBrowser,
  pagePath: string,
  email: string,
  next?: string,
): Promise<SignInMail> {
  const res = await browser.post(`${pagePath}/sign-in`, { email, ...(next === undefined ? {} : { next }) });
  if (res.status !== 200) throw new Error(`sign-in request answered ${res.status}`);
  const mails = await deliverSignInMails(deps);
  const mail = mails.find((m) => m.to === email.toLowerCase());
  if (!mail) throw new Error(`no mail to ${email}`);
  return mail;
}

/** Signs `browser` in to the page at `pagePath` as `email` through the whole flow (form, mail, Continue). */
export async function signIn(deps: AppDeps, browser: TestBrowser, pagePath: string, email: string): Promise<void> {
  const mail = await requestLinkMail(deps, browser, pagePath, email);
  const res = await browser.post(`${pagePath}/auth`, { link: mail.token });
  if (res.status !== 303) throw new Error(`redeeming the link answered ${res.status}`);
}

/** A response's headers as `[name, value]` pairs, in order (each Set-Cookie on its own). */
export function headerList(headers: Headers): [string, string][] {
  const pairs: [string, string][] = [];
  headers.forEach((value, name) => pairs.push([name, value]));
  return pairs;
}
