import type { NonSharedBuffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** What a render produces; `status` defaults to 200. */
export interface Rendered {
  status?: number;
  contentType: string;
  body: string | Uint8Array;
}

export type Encoding = 'identity' | 'gzip' | 'br';

/** How a response is sent: the same entry may be sent with different caching rules by different routes. */
export interface SendOptions {
  cacheControl: string;
  /** Request headers besides Accept-Encoding that select the response, e.g. `Cookie`. */
  vary?: string;
}

/** One encoding of an entry, with its header objects built once and shared by every request. */
export interface Variant {
  body: NonSharedBuffer;
  etag: string;
  headers: Readonly<Record<string, string>>;
  notModifiedHeaders: Readonly<Record<string, string>>;
}

export type Variants = Readonly<Record<Encoding, Variant>>;

/**
 * A rendered response as bytes, compressed once (brotli quality 5 and gzip level 6: fast enough for a
 * re-render after every write, and far smaller than identity). Each encoding has its own strong ETag,
 * as HTTP requires of different content codings.
 */
export class CachedResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: NonSharedBuffer;
  readonly gzip: NonSharedBuffer;
  readonly br: NonSharedBuffer;
  /** The identity form's ETag; the compressed forms append `-gzip` / `-br` inside the quotes. */
  readonly etag: string;
  readonly byteLength: number;
  #lastOptions: SendOptions | undefined;
  #lastVariants: Variants | undefined;

  constructor(rendered: Rendered) {
    this.status = rendered.status ?? 200;
    this.contentType = rendered.contentType;
    // Bytes given by the caller are copied: the entry must not change if the caller reuses its buffer.
    this.body = typeof rendered.body === 'string' ? Buffer.from(rendered.body, 'utf8') : Buffer.from(rendered.body);
    this.gzip = gzipSync(this.body, { level: 6 });
    this.br = brotliCompressSync(this.body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: this.body.length,
      },
    });
    this.etag = `"${createHash('sha1').update(this.body).digest('base64url')}"`;
    this.byteLength = this.body.length + this.gzip.length + this.br.length;
  }

  /** The three variants with headers for `options`; memoised for the last options object seen. */
  variantsFor(options: SendOptions): Variants {
    if (options === this.#lastOptions && this.#lastVariants) return this.#lastVariants;
    const variants = this.#buildVariants(options);
    this.#lastOptions = options;
    this.#lastVariants = variants;
    return variants;
  }

  #buildVariants(options: SendOptions): Variants {
    const vary = options.vary ? `Accept-Encoding, ${options.vary}` : 'Accept-Encoding';
    const build = (body: NonSharedBuffer, encoding: Encoding): Variant => {
      const etag = encoding === 'identity' ? this.etag : `${this.etag.slice(0, -1)}-${encoding}"`;
      const common = { ETag: etag, 'Cache-Control': options.cacheControl, Vary: vary };
      const headers: Record<string, string> = {
        'Content-Type': this.contentType,
        'Content-Length': String(body.length),
        ...common,
      };
      if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
      return { body, etag, headers, notModifiedHeaders: common };
    };
    const identity = build(this.body, 'identity');
    // Tiny bodies can grow when compressed; then the identity form serves those clients too.
    return {
      identity,
      gzip: this.gzip.length < this.body.length ? build(this.gzip, 'gzip') : identity,
      br: this.br.length < this.body.length ? build(this.br, 'br') : identity,
    };
  }
}
