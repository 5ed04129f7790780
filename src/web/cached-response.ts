import type { NonSharedBuffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { enqueueCompression } from './compression-queue.js';

/** What a render produces; `status` defaults to 200. */
export interface Rendered {
  status?: number;
  contentType: string;
  body: string | Uint8Array;
  /** The body is a buffer made for this response alone, which nothing else will write to: kept as it is, not copied. */
  bodyIsOwned?: boolean;
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

export interface CachedResponseOptions {
  /** Make gzip and brotli forms in the background (default true); off for bytes only ever sent as identity. */
  compress?: boolean;
}

/**
 * The smallest brotli window that holds the whole body (2^16 to 2^22 bytes): a window larger than
 * the input compresses no better, and the default 4 MB ring buffer, with the tables sized to it, is
 * most of the native memory a compression takes (and keeps in the allocator's arenas afterwards).
 */
const windowBits = (bytes: number): number =>
  Math.min(constants.BROTLI_MAX_WINDOW_BITS, Math.max(16, Math.ceil(Math.log2(Math.max(1, bytes + 16)))));

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Where an entry's compressed forms are: not wanted, on their way, made, or wanted but not coming (dropped, failed). */
type Compression = 'off' | 'pending' | 'made' | 'none';

/**
 * A rendered response as bytes. The identity form and its ETag exist at once; the gzip (level 6) and
 * brotli (quality 5) forms are made on libuv's thread pool, one entry at a time
 * (compression-queue.ts), and swapped in when ready. A client that accepts them is not sent the
 * identity bytes meanwhile: `sendCached` waits for them (`isCompressing`), and the fast path leaves
 * such a request to the app. If they never come (the queue was full, the entry was dropped first),
 * such a client gets the identity bytes marked `no-store`, so that no shared cache keeps 128 kB where
 * 5 kB would do. Each encoding has its own strong ETag, as HTTP requires of different content codings.
 */
export class CachedResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: NonSharedBuffer;
  /** The identity form's ETag; the compressed forms append `-gzip` / `-br` inside the quotes. */
  readonly etag: string;
  /** Settles (never rejects) once the compressed forms are in, or are not coming. */
  readonly compressed: Promise<void>;
  #gzip: NonSharedBuffer | undefined;
  #br: NonSharedBuffer | undefined;
  #lastOptions: SendOptions | undefined;
  #lastVariants: Variants | undefined;
  #isAbandoned = false;
  #compression: Compression;

  constructor(rendered: Rendered, options: CachedResponseOptions = {}) {
    this.status = rendered.status ?? 200;
    this.contentType = rendered.contentType;
    // Bytes given by the caller are copied (the entry must not change if the caller reuses its buffer),
    // unless they were made for this entry alone: a big page's copy costs about as much as its render.
    const { body } = rendered;
    this.body =
      typeof body === 'string'
        ? Buffer.from(body, 'utf8')
        : rendered.bodyIsOwned && Buffer.isBuffer(body)
          ? (body as NonSharedBuffer)
          : Buffer.from(body);
    this.etag = `"${createHash('sha1').update(this.body).digest('base64url')}"`;
    // Started on the next turn of the event loop, once the request that missed has had its answer:
    // setting up the compressors allocates, and the garbage collector's pause would land on that request.
    this.#compression = options.compress === false ? 'off' : 'pending';
    this.compressed =
      options.compress === false
        ? Promise.resolve()
        : new Promise((resolve) =>
            setImmediate(
              () =>
                void enqueueCompression(() => this.#compress()).then(() => {
                  if (this.#compression === 'pending') this.#settle('none'); // dropped by the queue, abandoned, or failed
                  resolve();
                }),
            ),
          );
  }

  /** True until the compressed forms are in or known not to come; `compressed` settles then. */
  get isCompressing(): boolean {
    return this.#compression === 'pending';
  }

  /** The gzip form, once made. */
  get gzip(): NonSharedBuffer | undefined {
    return this.#gzip;
  }

  /** The brotli form, once made. */
  get br(): NonSharedBuffer | undefined {
    return this.#br;
  }

  /** Bytes held, counting every form made so far. */
  get byteLength(): number {
    return this.body.length + (this.#gzip?.length ?? 0) + (this.#br?.length ?? 0);
  }

  /** The three variants with headers for `options`; memoised for the last options object seen. */
  variantsFor(options: SendOptions): Variants {
    if (options === this.#lastOptions && this.#lastVariants) return this.#lastVariants;
    const variants = this.#buildVariants(options);
    this.#lastOptions = options;
    this.#lastVariants = variants;
    return variants;
  }

  /** No compressed forms are wanted any more (the cache dropped the entry): a queued compression is skipped. */
  abandon(): void {
    this.#isAbandoned = true;
  }

  async #compress(): Promise<void> {
    if (this.#isAbandoned) return;
    const body = this.body;
    try {
      const [gzipped, brotlied] = await Promise.all([
        gzipAsync(body, { level: 6 }),
        brotliAsync(body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 5,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
            [constants.BROTLI_PARAM_LGWIN]: windowBits(body.length),
          },
        }),
      ]);
      this.#gzip = gzipped;
      this.#br = brotlied;
      this.#settle('made');
    } catch {
      // zlib failing on bytes in memory is next to impossible; identity stays correct for everyone.
    }
  }

  #settle(compression: Compression): void {
    this.#compression = compression;
    this.#lastVariants = undefined; // the next request sees the forms (or their absence)
  }

  #buildVariants(options: SendOptions): Variants {
    const vary = options.vary ? `Accept-Encoding, ${options.vary}` : 'Accept-Encoding';
    const build = (body: NonSharedBuffer, encoding: Encoding, cacheControl = options.cacheControl): Variant => {
      const etag = encoding === 'identity' ? this.etag : `${this.etag.slice(0, -1)}-${encoding}"`;
      const common = { ETag: etag, 'Cache-Control': cacheControl, Vary: vary };
      const headers: Record<string, string> = {
        'Content-Type': this.contentType,
        'Content-Length': String(body.length),
        ...common,
      };
      if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
      return { body, etag, headers, notModifiedHeaders: common };
    };
    const identity = build(this.body, 'identity');
    // Forms that will never come: those clients get identity, kept by no shared cache (see the class).
    if (this.#compression === 'none') {
      const uncompressed = build(this.body, 'identity', 'no-store');
      return { identity, gzip: uncompressed, br: uncompressed };
    }
    // Not compressed yet (only ever peeked at then: senders wait), or tiny bodies that grew when compressed.
    const gzipped = this.#gzip;
    const brotlied = this.#br;
    return {
      identity,
      gzip: gzipped !== undefined && gzipped.length < this.body.length ? build(gzipped, 'gzip') : identity,
      br: brotlied !== undefined && brotlied.length < this.body.length ? build(brotlied, 'br') : identity,
    };
  }
}
