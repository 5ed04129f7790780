import { z } from 'zod';
import { isPlausibleId } from '../../../services/status/component-refs.js';

/** A customer page id in a path or a filter: anything an id could be, else a 404 or a field error. */
export const CustomerPageId = z.string().refine(isPlausibleId, 'is not a customer page id');

/** `?q=&page=` of the list; anything else is ignored. */
export const ListQuery = z.object({
  q: z.string().max(100, 'Customer name: at most 100 characters.').optional(),
  page: z.coerce
    .number('Page: expected a page number.')
    .int('Page: expected a page number.')
    .min(1, 'Page: expected a page number.')
    .max(1_000_000)
    .optional(),
});

/** The revoke form: which sessions to end. */
export const RevokeForm = z.discriminatedUnion('by', [
  z.object({ by: z.literal('all') }),
  z.object({ by: z.literal('email'), email: z.string().max(254, 'at most 254 characters') }),
  z.object({ by: z.literal('domain'), domain: z.string().max(254, 'at most 254 characters') }),
]);

/** An audit event name: `<subject>.<verb>` in lower case. */
const EVENT_NAME = /^[a-z_]{1,40}(?:\.[a-z_]{1,40}){1,3}$/;

/** `?page=&address=&event=&after=` of the audit screen; each field's refusal is shown in place. */
export const AuditQuery = z.object({
  page: z.union([z.literal(''), CustomerPageId]).default(''),
  address: z.string().max(254, 'at most 254 characters').default(''),
  event: z.union([z.literal(''), z.string().regex(EVENT_NAME, 'expected an event name such as session.created')]).default(''),
  /** `<ISO instant>~<id>`: the last event of the page before. */
  after: z
    .string()
    .max(200)
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z~[^~]+$/)
    .optional(),
});
