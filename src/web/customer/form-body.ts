import type { Context } from 'hono';

/** A posted form's fields, as Hono parses them: a field sent more than once is an array. */
export type FormFields = Record<string, string | File | (string | File)[]>;

/**
 * The posted form, or null when its body cannot be parsed (a malformed multipart body, one without
 * its boundary, one cut short): the form's own 400 page, not a 500 with a stack trace in the log.
 */
export async function readForm(c: Context): Promise<FormFields | null> {
  try {
    // `all`: a field sent more than once (ticked checkboxes) keeps every value, as an array.
    return await c.req.parseBody({ all: true });
  } catch {
    return null;
  }
}
