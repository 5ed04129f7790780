import { z } from 'zod';

/** The outbox kind of the mails a subscriber asks for (confirmation, manage link); notifications have their own. */
export const SUBSCRIPTION_MAIL_KIND = 'subscription_link';

/**
 * Which mail: `confirm` (a new or pending subscription's confirmation link), `already_subscribed`
 * (the form was sent again for a confirmed address: a manage link instead, SUB-1) or `manage` (asked
 * for on "manage my subscription").
 */
const SUBSCRIPTION_MAILS = ['confirm', 'already_subscribed', 'manage'] as const;
export type SubscriptionMail = (typeof SUBSCRIPTION_MAILS)[number];

/**
 * What a queued subscription mail holds. The token and code wait in `sealed` (seal.ts), which is
 * removed once the mail is sent or abandoned, so no raw token is readable from the database (SUB-2, as TOK-2).
 */
export const SubscriptionMailPayloadSchema = z.object({
  mail: z.enum(SUBSCRIPTION_MAILS),
  tokenId: z.string(),
  subscriptionId: z.string(),
  scope: z.string(),
  to: z.string(),
  expiresAt: z.iso.datetime(),
  sealed: z.string().optional(),
});
export type SubscriptionMailPayload = z.infer<typeof SubscriptionMailPayloadSchema>;

/** The sealed part: what the mail must carry and nothing else may. */
export const SubscriptionMailSecretsSchema = z.object({ token: z.string(), code: z.string().nullable() });
