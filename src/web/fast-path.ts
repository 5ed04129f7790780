import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Variant } from './cached-response.js';
import type { HotResponse, HotResponses } from './hot-responses.js';
import { loggablePath } from './middleware/access-log.js';
import { requestIdFor } from './middleware/request-id.js';
import { baselineSecurityHeaders } from './middleware/security-headers.js';
import { matchesEtag, pickEncoding } from './send-cached.js';

export interface FastPathOptions {
  hot: HotResponses;
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
}

interface PreparedHeaders {
  /** Flat `[name, value, …]` lists with the request id's value at index 1, copied per request. */
  ok: string[];
  notModified: string[];
}

/**
 * A request listener in front of the app for the hottest requests: a GET or HEAD with no Cookie and
 * no Authorization whose exact target has a current entry in `hot` (filled by the app's public routes)
 * is answered here, with the same status, headers and bytes as the app would send (request id and
 * baseline security headers included, `304` on a matching `If-None-Match`), without building a
 * Request, a Context or a Response. Everything else goes to the app unchanged.
 *
 * Fast-path requests are not logged one line each: the access log gets a summary per method, path
 * (never the query) and status every `summaryIntervalMs` (see the README).
 */
export function createFastPath(options: FastPathOptions): FastPath {
  const { hot } = options;
  const baseline = Object.entries(baselineSecurityHeaders(options.publicUrl)).flat();
  const prepared = new WeakMap<Variant, PreparedHeaders>();
  const summary = createSummary(options.logger, options.summaryIntervalMs ?? 10_000);

  const prepare = (variant: Variant): PreparedHeaders => {
    let headers = prepared.get(variant);
    if (headers === undefined) {
      // The order the app's middleware and route produce: request id, security headers, then the entry's.
      headers = {
        ok: ['X-Request-Id', '', ...baseline, ...Object.entries(variant.headers).flat()],
        notModified: ['X-Request-Id', '', ...baseline, ...Object.entries(variant.notModifiedHeaders).flat()],
      };
      prepared.set(variant, headers);
    }
    return headers;
  };

  /** True when it answered the request. */
  function serveHot(request: IncomingMessage, response: ServerResponse): boolean {
    const method = request.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const target = request.url;
    if (target === undefined) return false;
    const found = hot.lookup(target);
    if (found === undefined) return false;
    const facts = readFacts(request.rawHeaders);
    if (facts === null) return false;

    const variant = found.response.variantsFor(found.options)[pickEncoding(facts.acceptEncoding)];
    const headers = prepare(variant);
    const notModified = facts.ifNoneMatch !== undefined && matchesEtag(facts.ifNoneMatch, variant.etag);
    const list = (notModified ? headers.notModified : headers.ok).slice();
    list[1] = requestIdFor(facts.requestId);
    if (notModified) {
      response.writeHead(304, list);
      response.end();
    } else {
      response.writeHead(found.response.status, list);
      if (method === 'HEAD') response.end();
      else response.end(variant.body);
    }
    summary.count(found, method, notModified ? 304 : found.response.status);
    return true;
  }

  return {
    wrap: (listener) => (request, response) => {
      if (!serveHot(request, response)) void listener(request, response);
    },
    close: () => summary.close(),
  };
}

/**
 * Accept-Encoding, If-None-Match and X-Request-Id from the raw headers; null when the request carries
 * a Cookie or Authorization (those always go to the app) or repeats a header the fast path reads.
 */
function readFacts(raw: readonly string[]): RequestFacts | null {
  const facts: RequestFacts = { acceptEncoding: undefined, ifNoneMatch: undefined, requestId: undefined };
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    // Compare by length first: most headers are none of these and cost one integer comparison.
    switch (name.length) {
      case 6:
        if (name.toLowerCase() === 'cookie') return null;
        break;
      case 13: {
        const lower = name.toLowerCase();
        if (lower === 'authorization') return null;
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
  count(hot: HotResponse, method: string, status: number): void;
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
  // Per entry, then per method and status: no key to build on the hot path.
  let counts = new Map<HotResponse, Map<string, SummaryLine>>();
  let since = Date.now();
  const flush = (): void => {
    if (counts.size === 0) {
      since = Date.now();
      return;
    }
    const periodMs = Date.now() - since;
    // Entries of the same path (one per snapshot) are added up into one line.
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
      let lines = counts.get(hot);
      if (lines === undefined) {
        lines = new Map();
        counts.set(hot, lines);
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
