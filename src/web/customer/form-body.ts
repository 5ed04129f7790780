import type { Context } from 'hono';

/** A posted form's fields, as Hono parses them. */
export type FormFields = Awaited<ReturnType<Context['req']['parseBody']>>;

/**
 * The posted form, or null when its body cannot be parsed (a malformed multipart body, one without
 * its boundary, one cut short): the form's own 400 page, not a 500 with a stack trace in the log.
 */
export async function readForm(c: Context): Promise<FormFields | null> {
  try {
    return await c.req.parseBody();
  } catch {
    return null;
  }
}
