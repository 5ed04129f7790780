import type { NonSharedBuffer } from 'node:buffer';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Variant } from './cached-response.js';
import { NEEDS_DATABASE, checkSessionInMemory } from '../services/sessions/sessions.js';
import { quickCookieValue } from './customer/cookies.js';
import type { HotCustomerPage, HotCustomerPages } from './customer/hot-pages.js';
import { noncedPage } from './customer/private-page.js';
import { signedInHeaderList, writeNoncedPage } from './customer/respond.js';
import type { HotEntry, HotResponses } from './hot-responses.js';
import { loggablePath } from './middleware/access-log.js';
import { contentSecurityPolicy, createNonce } from './middleware/csp.js';
import { requestIdFor } from './middleware/request-id.js';
import { baselineSecurityHeaders } from './middleware/security-headers.js';
import { matchesEtag, pickEncoding } from './send-cached.js';

export interface FastPathOptions {
  hot: HotResponses;
  /** Signed-in customer pages, answered here when this process already holds the viewer's session. */
  customerPages?: HotCustomerPages;
  /** Decides the security headers, as for the app (`securityHeaders`). */
  publicUrl: string;
  logger: Logger;
  /** How often the access log gets its summary line of fast-path requests. */
  summaryIntervalMs?: number;
}

export interface FastPath {
  /** `listener` (the app's) behind the fast path. */
  wrap(listener: RequestListener): RequestListener;
  /** Logs what is left of the summary and stops its timer. */
  close(): void;
}

/** The request headers the fast path reads, found in one pass over the raw headers. */
interface RequestFacts {
  acceptEncoding: string | undefined;
  ifNoneMatch: string | undefined;
  requestId: string | undefined;
  cookie: string | undefined;
  authorization: boolean;
}

interface PreparedHeaders {
  /** Flat `[name, value, …]` lists with the request id's value at index 1, copied per request. */
  ok: string[];
  notModified: string[];
  /** The route's own headers these lists hold (`HotResponse.headers`). */
  routeHeaders: Readonly<Record<string, string>> | undefined;
}

/**
 * A request listener in front of the app for the hottest requests: a GET or HEAD with no Cookie and
 * no Authorization whose exact target has a current entry in `hot` (filled by the app's public routes)
 * is answered here, with the same status, headers and bytes as the app would send (request id and
 * baseline security headers included, `304` on a matching `If-None-Match`), without building a
 * Request, a Context or a Response.
 *
 * A GET of a signed-in customer page in `customerPages` is answered here too, but only when its
 * session cookie passes `checkSessionInMemory` (the very check the app makes first: session cached at
 * the current revision, unexpired, of this page, its address on the page's current allowlist, no write
 * due); then the page goes out as the app sends it, with a fresh nonce. Any doubt goes to the app.
 * Everything else goes to the app unchanged.
 *
 * Fast-path requests are not logged one line each: the access log gets a summary per method, path
 * (never the query) and status every `summaryIntervalMs` (see the README).
 */
export function createFastPath(options: FastPathOptions): FastPath {
  const { hot } = options;
  const baselineHeaders = baselineSecurityHeaders(options.publicUrl);
  const baseline = Object.entries(baselineHeaders).flat();
  const prepared = new WeakMap<Variant, PreparedHeaders>();
  const summary = createSummary(options.logger, options.summaryIntervalMs ?? 10_000);

  const prepare = (variant: Variant, routeHeaders: Readonly<Record<string, string>> | undefined): PreparedHeaders => {
    let headers = prepared.get(variant);
    if (headers === undefined || headers.routeHeaders !== routeHeaders) {
      // The order the app's middleware and route produce: request id, security headers, the route's middleware's, then the entry's.
      const before = ['X-Request-Id', '', ...baseline, ...(routeHeaders === undefined ? [] : Object.entries(routeHeaders).flat())];
      headers = {
        ok: [...before, ...Object.entries(variant.headers).flat()],
        notModified: [...before, ...Object.entries(variant.notModifiedHeaders).flat()],
        routeHeaders,
      };
      prepared.set(variant, headers);
    }
    return headers;
  };

  /** True when it answered the request. */
  function serveHot(request: IncomingMessage, response: ServerResponse, method: string, target: string): boolean {
    const found = hot.lookup(target);
    if (found === undefined) return false;
    const facts = readFacts(request.rawHeaders);
    if (facts === null || facts.cookie !== undefined || facts.authorization) return false;

    const encoding = pickEncoding(facts.acceptEncoding);
    // The form this client gets is not made yet: the app has it made and waits for it (see sendCached).
    if (found.response.isPending(encoding)) return false;
    const variant = found.response.variantsFor(found.options)[encoding];
    const headers = prepare(variant, found.headers);
    const notModified = facts.ifNoneMatch !== undefined && matchesEtag(facts.ifNoneMatch, variant.etag);
    const list = (notModified ? headers.notModified : headers.ok).slice();
    list[1] = requestIdFor(facts.requestId);
    if (notModified) {
      response.writeHead(304, list);
      response.end();
    } else if (method === 'HEAD') {
      response.writeHead(found.response.status, list);
      response.end();
    } else {
      writeChunks(response, found.response.status, list, variant.chunks);
      if (variant.chunks.length > 1) found.response.noteIdentitySent();
    }
    summary.count(found, method, notModified ? 304 : found.response.status);
    return true;
  }

  const signedIn = signedInHeaderList(baselineHeaders);

  /** True when it answered a signed-in customer page (see `createFastPath`). */
  function serveSignedIn(request: IncomingMessage, response: ServerResponse, pages: HotCustomerPages, target: string): boolean {
    const found: HotCustomerPage | undefined = pages.lookup(target);
    if (found === undefined) return false;
    const facts = readFacts(request.rawHeaders);
    if (facts === null || facts.cookie === undefined) return false;
    const sessionToken = quickCookieValue(facts.cookie, found.sessionCookie);
    if (typeof sessionToken !== 'string') return false;
    const viewer = checkSessionInMemory(found.signIn, { sessionToken, customerPageId: found.customerPageId });
    if (viewer === null || viewer === NEEDS_DATABASE) return false;

    const nonce = createNonce();
    const page = noncedPage(found.response, nonce);
    const list = signedIn.list.slice();
    list[signedIn.requestIdAt] = requestIdFor(facts.requestId);
    list[signedIn.contentLengthAt] = String(page.byteLength);
    list[signedIn.policyAt] = contentSecurityPolicy(nonce);
    writeNoncedPage(response, list, page);
    summary.count(found, 'GET', 200);
    return true;
  }

  const customerPages = options.customerPages;
  const serve = (request: IncomingMessage, response: ServerResponse): boolean => {
    const method = request.method;
    const target = request.url;
    if (target === undefined) return false;
    if (method === 'GET' && customerPages !== undefined && target.startsWith('/c/'))
      return serveSignedIn(request, response, customerPages, target);
    return (method === 'GET' || method === 'HEAD') && serveHot(request, response, method, target);
  };

  return {
    wrap: (listener) => (request, response) => {
      if (!serve(request, response)) void listener(request, response);
    },
    close: () => summary.close(),
  };
}

/**
 * A response with `chunks` as its body, corked, so that Node hands the headers and every chunk to the
 * socket in one write (writev); a single chunk goes with `end`, as one buffer always did.
 */
function writeChunks(response: ServerResponse, status: number, headers: string[], chunks: readonly NonSharedBuffer[]): void {
  if (chunks.length <= 1) {
    response.writeHead(status, headers);
    response.end(chunks[0]);
    return;
  }
  response.cork();
  response.writeHead(status, headers);
  const last = chunks.length - 1;
  for (let i = 0; i < last; i++) response.write(chunks[i]);
  response.end(chunks[last]);
  response.uncork();
}

/**
 * Accept-Encoding, If-None-Match, X-Request-Id and Cookie from the raw headers, and whether there is
 * an Authorization; null when the request repeats a header the fast path reads (the app decides then).
 */
function readFacts(raw: readonly string[]): RequestFacts | null {
  const facts: RequestFacts = {
    acceptEncoding: undefined,
    ifNoneMatch: undefined,
    requestId: undefined,
    cookie: undefined,
    authorization: false,
  };
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    // Compare by length first: most headers are none of these and cost one integer comparison.
    switch (name.length) {
      case 6:
        if (name.toLowerCase() === 'cookie') {
          if (facts.cookie !== undefined) return null;
          facts.cookie = raw[i + 1]!;
        }
        break;
      case 13: {
        const lower = name.toLowerCase();
        if (lower === 'authorization') facts.authorization = true;
        if (lower === 'if-none-match') {
          if (facts.ifNoneMatch !== undefined) return null;
          facts.ifNoneMatch = raw[i + 1]!;
        }
        break;
      }
      case 15:
        if (name.toLowerCase() === 'accept-encoding') {
          if (facts.acceptEncoding !== undefined) return null;
          facts.acceptEncoding = raw[i + 1]!;
        }
        break;
      case 12:
        if (name.toLowerCase() === 'x-request-id') {
          if (facts.requestId !== undefined) return null;
          facts.requestId = raw[i + 1]!;
        }
        break;
      default:
    }
  }
  return facts;
}

interface Summary {
  count(hot: HotEntry, method: string, status: number): void;
  close(): void;
}

interface SummaryLine {
  method: string;
  path: string;
  status: number;
  count: number;
}

/** Counts fast-path requests per method, path and status, and logs the counts every `intervalMs`. */
function createSummary(logger: Logger, intervalMs: number): Summary {
  // Per logged path, then per method and status: no key to build on the hot path. Not per entry: an
  // entry holds its snapshot, and a busy period with writes would keep every snapshot alive till the flush.
  let counts = new Map<string, Map<string, SummaryLine>>();
  let since = Date.now();
  const flush = (): void => {
    if (counts.size === 0) {
      since = Date.now();
      return;
    }
    const periodMs = Date.now() - since;
    // Paths that log alike are added up into one line.
    const merged = new Map<string, SummaryLine>();
    for (const lines of counts.values()) {
      for (const line of lines.values()) {
        const key = `${line.method} ${line.status} ${line.path}`;
        const total = merged.get(key);
        if (total === undefined) merged.set(key, { ...line });
        else total.count += line.count;
      }
    }
    for (const line of merged.values()) logger.info({ ...line, periodMs, fastPath: true }, 'requests');
    counts = new Map();
    since = Date.now();
  };
  const timer = setInterval(flush, intervalMs);
  timer.unref();
  return {
    count(hot, method, status) {
      let lines = counts.get(hot.logPath);
      if (lines === undefined) {
        lines = new Map();
        counts.set(hot.logPath, lines);
      }
      const key = method === 'GET' ? (status === 200 ? 'GET 200' : 'GET 304') : `${method} ${status}`;
      const line = lines.get(key);
      if (line !== undefined) line.count++;
      else lines.set(key, { method, path: loggablePath(hot.logPath), status, count: 1 });
    },
    close() {
      clearInterval(timer);
      flush();
    },
  };
}
