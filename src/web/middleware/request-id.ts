import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { nextWithDefaultHeaders } from './default-headers.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** The request's id: the caller's `X-Request-Id` when sane, else a new UUID. Logged with every line. */
    requestId: string;
  }
}

// Short and free of anything that could split a header or a log line.
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:+/=-]{0,127}$/;

/** The id of a request: its incoming `X-Request-Id` when sane, else a new UUID (shared with the fast path). */
export function requestIdFor(incoming: string | undefined): string {
  return incoming !== undefined && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** Takes a sane incoming `X-Request-Id` (set by a proxy) or makes one, and echoes it on the response. */
export function requestId(): MiddlewareHandler {
  return (c, next) => {
    const id = requestIdFor(c.req.header('x-request-id'));
    c.set('requestId', id);
    return nextWithDefaultHeaders(c, next, { 'X-Request-Id': id });
  };
}
