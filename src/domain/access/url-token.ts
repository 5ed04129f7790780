import { randomBytes } from 'node:crypto';

/** 144 random bits: above the 128 a customer page URL needs, and a whole number of base64 characters. */
const URL_TOKEN_BYTES = 18;

/** A fresh unlisted-URL token: random bytes, base64url (24 characters), never derived from anything. */
export const newUrlToken = (): string => randomBytes(URL_TOKEN_BYTES).toString('base64url');
