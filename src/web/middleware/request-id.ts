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

/** Takes a sane incoming `X-Request-Id` (set by a proxy) or makes one, and echoes it on the response. */
export function requestId(): MiddlewareHandler {
  return (c, next) => {
    const incoming = c.req.header('x-request-id');
    const id = incoming !== undefined && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set('requestId', id);
    return nextWithDefaultHeaders(c, next, { 'X-Request-Id': id });
  };
}
