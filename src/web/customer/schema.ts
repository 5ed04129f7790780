import { z } from 'zod';
import { MAX_EMAIL_LENGTH } from '../../domain/access/email-address.js';
import { MAX_NEXT_LENGTH } from '../../domain/access/next-path.js';

/** Form fields arrive as strings (or files, which no form here has: treated as missing). */
const field = (max: number) => z.preprocess((value) => (typeof value === 'string' ? value : ''), z.string().max(max));

/**
 * `POST /c/<token>/sign-in`. The address is checked for length here, before any parsing (REQ-8);
 * its shape is then the service's business (DOM-1/2). An over-long `next` is simply dropped.
 */
export const SignInFormSchema = z.object({
  email: field(MAX_EMAIL_LENGTH),
  next: z.preprocess((value) => (typeof value === 'string' && value.length <= MAX_NEXT_LENGTH ? value : ''), z.string()),
});

/** `POST /c/<token>/auth`: the link (or just its token) the script copied from the fragment, or the viewer pasted. */
export const LinkFormSchema = z.object({ link: field(2048) });

/** `POST /c/<token>/auth/code`: the link again, and the 8-digit code from the mail. */
export const CodeFormSchema = z.object({ link: field(2048), code: field(32) });

/** The token in what was posted: the part after `#` of a pasted link, or the whole value. */
export function extractLinkToken(link: string): string {
  const hash = link.lastIndexOf('#');
  return (hash === -1 ? link : link.slice(hash + 1)).trim();
}
