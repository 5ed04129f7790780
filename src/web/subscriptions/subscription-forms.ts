import { z } from 'zod';
import { MAX_EMAIL_LENGTH } from '../../domain/access/email-address.js';
import type { FormFields } from '../customer/form-body.js';

/** Form fields arrive as strings (or files, which no form here has: treated as missing). */
const field = (max: number) => z.preprocess((value) => (typeof value === 'string' ? value : ''), z.string().max(max));

/** The most components one form may name: far more than any page shows. */
const MAX_CHOSEN = 2000;

/** `scope`, `email` (length checked before any parsing, REQ-8), `what` and the ticked `component`s. */
export const SubscribeFormSchema = z.object({
  scope: field(300),
  email: field(MAX_EMAIL_LENGTH),
  what: field(10),
  component: z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.string().max(100)).max(MAX_CHOSEN),
  ),
});

/** The manage screen's forms: `action` and, for an update, the same choice as the subscribe form. */
export const ManageFormSchema = SubscribeFormSchema.pick({ what: true, component: true }).extend({ action: field(20) });

/** `POST /subscriptions/manage/code`: the handle of the mailed link and the code. */
export const ManageCodeFormSchema = z.object({ link: field(64), code: field(32) });

export type ComponentChoiceResult = { ok: true; componentIds: string[] | null } | { ok: false; message: string; selected: string[] };

/**
 * What a form chose: ticked components (only the page's own), or the whole page. Ticked boxes win over
 * the "everything" radio, which is checked by default and easily left so; "only the ones I choose"
 * with none ticked is refused.
 */
export function readComponentChoice(
  form: { what: string; component: readonly string[] },
  onPage: readonly string[],
): ComponentChoiceResult {
  const chosen = [...new Set(form.component)];
  if (chosen.length === 0) {
    return form.what === 'some'
      ? { ok: false, message: 'Choose at least one component, or everything on this page.', selected: [] }
      : { ok: true, componentIds: null };
  }
  const known = new Set(onPage);
  if (!chosen.every((id) => known.has(id)))
    return { ok: false, message: 'Choose components from this page.', selected: chosen.filter((id) => known.has(id)) };
  // Kept in the page's order, so the manage screen and the audit log read naturally.
  const ticked = new Set(chosen);
  return { ok: true, componentIds: onPage.filter((id) => ticked.has(id)) };
}

/** A parsed form, or null when its fields do not fit the schema at all (the caller's 400). */
export function parseForm<T extends z.ZodType>(schema: T, fields: FormFields | null): z.infer<T> | null {
  if (fields === null) return null;
  const parsed = schema.safeParse(fields);
  return parsed.success ? parsed.data : null;
}
