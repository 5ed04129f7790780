import { z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';

/** Input pieces of the incident and maintenance write routes. */

const MESSAGE_MAX = 10_000;

/** Multi-line text: tabs and line breaks are fine, other control characters (NUL included) are not. */
export const MessageSchema = z
  .string()
  .max(MESSAGE_MAX)
  .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, 'must not contain control characters other than tabs and line breaks')
  .openapi({ example: 'We are investigating elevated error rates.' });

/** An instant with an explicit offset (`Z` or `+02:00`), e.g. `2025-03-01T12:00:00Z`. */
export const InstantInputSchema = z.iso
  .datetime({ offset: true })
  .refine((text) => !Number.isNaN(Date.parse(text)), 'is not a valid time')
  .openapi({ format: 'date-time', example: '2025-03-01T12:00:00Z' });

/** A JSON body that may be left out entirely (e.g. `POST …/resolve` with no message). Pair with `emptyBodyAsEmptyObject`. */
export const optionalJsonBody = <T extends z.ZodType>(schema: T) =>
  ({ required: false, content: { 'application/json': { schema } } }) as const;

/**
 * Route middleware for optional bodies: no body at all, or an empty one sent with
 * `Content-Type: application/json` (many HTTP clients add the header by default), reads as `{}`
 * instead of malformed JSON or a missing content type.
 */
export const emptyBodyAsEmptyObject: MiddlewareHandler = async (c, next) => {
  const raw = c.req.raw;
  if ((await raw.clone().text()).trim() === '') {
    const headers = new Headers(raw.headers);
    headers.set('content-type', 'application/json');
    headers.delete('content-length');
    c.req.raw = new Request(raw.url, { method: raw.method, headers, body: '{}' });
  }
  await next();
};

/** "Notify subscribers" on a write: on unless `false`. */
export const NotifySchema = z.boolean().optional().openapi({
  description: 'Tell subscribers (email, webhooks) of this change. Defaults to true; `false` changes the page without telling anyone.',
  example: true,
});

/** The services' `notify` from a body's (absent: on). */
export const notifyOf = (body: { notify?: boolean | undefined }): { notify?: boolean } =>
  body.notify === undefined ? {} : { notify: body.notify };
