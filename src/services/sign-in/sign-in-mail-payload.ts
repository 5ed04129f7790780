import { z } from 'zod';

/** The outbox kind of a sign-in mail. */
export const SIGN_IN_MAIL_KIND = 'sign_in_link';

/**
 * What a queued sign-in mail holds. The token and code are in `sealed` (AES-GCM under a key derived
 * from the server secret) and `sealed` is removed once the mail is sent or abandoned, so no raw
 * token is ever readable from the database (TOK-2).
 */
export const SignInMailPayloadSchema = z.object({
  linkId: z.string(),
  customerPageId: z.string(),
  to: z.string(),
  expiresAt: z.iso.datetime(),
  sealed: z.string().optional(),
});
export type SignInMailPayload = z.infer<typeof SignInMailPayloadSchema>;

/** The sealed part: what the mail must carry and nothing else may. */
export const SignInMailSecretsSchema = z.object({ token: z.string(), code: z.string() });
