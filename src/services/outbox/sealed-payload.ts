import type { z } from 'zod';
import { openSealed } from '../seal.js';

/**
 * How a mail handler reads the payload of a message that carries sealed secrets (a link's token and
 * code, seal.ts): the payload as its schema has it, its secrets once opened, and what the row keeps
 * once the message is finished (the same without `sealed`: TOK-2).
 */
export interface SealedPayloadReader<P extends SealedPayload, S> {
  /** The payload, or null when it is not JSON or does not fit the schema. */
  read(text: string): P | null;
  /** The payload with what is left of its link's life at `now`, or why it is not to be sent (unreadable, or its link expired). */
  live(text: string, now: Date): { payload: P; msLeft: number } | { payload: P | null; refused: 'malformed_payload' | 'expired' };
  /** The sealed secrets, or null when they are gone, were tampered with or do not fit. */
  secrets(secret: string, payload: P): S | null;
  /** `OutboxHandler.redact`: the payload without its sealed part. */
  redact(text: string): string;
}

/** What every such payload has: the sealed secrets, and when its link expires. */
interface SealedPayload {
  sealed?: string | undefined;
  expiresAt: string;
}

export function sealedPayloadReader<P extends SealedPayload, S>(
  payloadSchema: z.ZodType<P>,
  secretsSchema: z.ZodType<S>,
): SealedPayloadReader<P, S> {
  const read = (text: string): P | null => {
    const parsed = payloadSchema.safeParse(parseJson(text));
    return parsed.success ? parsed.data : null;
  };
  return {
    read,
    live(text, now) {
      const payload = read(text);
      if (!payload) return { payload, refused: 'malformed_payload' };
      const msLeft = new Date(payload.expiresAt).getTime() - now.getTime();
      return msLeft > 0 ? { payload, msLeft } : { payload, refused: 'expired' };
    },
    secrets(secret, payload) {
      const parsed = secretsSchema.safeParse(parseJson(payload.sealed ? openSealed(secret, payload.sealed) : null));
      return parsed.success ? parsed.data : null;
    },
    redact(text) {
      const payload = read(text);
      if (!payload) return '{}';
      const { sealed: _sealed, ...rest } = payload;
      return JSON.stringify(rest);
    },
  };
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
