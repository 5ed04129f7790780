import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';

declare module 'hono' {
  interface ContextVariableMap {
    /** A child of the app logger bound to this request's id. */
    logger: Logger;
  }
}

/** A subscriber's mailed link: its token is as good as the mail (SUB-2, LOG-2). */
const SUBSCRIPTION_LINK = /^(\/subscriptions\/(?:confirm|manage|unsubscribe))\/(?!code$)[^/]+/;

/**
 * The path as it may be logged: never the query string (`c.req.path` has none), and a customer
 * page's token is replaced, since the token alone grants a look at the page (security.md RED-6), as
 * is the token of a subscriber's link.
 */
export function loggablePath(path: string): string {
  if (path.startsWith('/subscriptions/')) return path.replace(SUBSCRIPTION_LINK, '$1/:token');
  if (!path.startsWith('/c/')) return path;
  const rest = path.indexOf('/', 3);
  return rest === -1 ? '/c/:token' : `/c/:token${path.slice(rest)}`;
}

/**
 * One structured line per request: method, path, status, duration and request id. Cookies,
 * Authorization and the query string are never logged (security.md LOG-2). Runs after `requestId()`.
 */
export function accessLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const log = logger.child({ requestId: c.get('requestId') });
    c.set('logger', log);
    await next();
    log.info(
      {
        method: c.req.method,
        path: loggablePath(c.req.path),
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
      },
      'request',
    );
  };
}
