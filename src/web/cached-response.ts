import type { NonSharedBuffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { Transform } from 'node:stream';
import { brotliCompressSync, constants, createBrotliCompress, createGzip, gzipSync } from 'node:zlib';
import { enqueueCompression } from './compression-queue.js';

/**
 * What a render produces; `status` defaults to 200. The body is text, bytes, or bytes in chunks that
 * make the body one after another (a big status page: its kept rows as they are, see
 * StatusPageRenderer): chunks are never joined, so a render allocates no page-sized buffer.
 */
export interface Rendered {
  status?: number;
  contentType: string;
  body: string | Uint8Array | readonly Uint8Array[];
  /**
   * Nothing will ever write to the body's bytes (made for this response alone, or kept unchanged
   * for good, like the renderer's rows): kept as they are, not copied. Otherwise they are copied
   * (chunks into one buffer), since the entry must not change if the caller reuses its buffers.
   */
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
  /** The body: these chunks one after another (never written to: they may be shared with other entries). */
  chunks: readonly NonSharedBuffer[];
  etag: string;
  headers: Readonly<Record<string, string>>;
  notModifiedHeaders: Readonly<Record<string, string>>;
}

export type Variants = Readonly<Record<Encoding, Variant>>;

export interface CachedResponseOptions {
  /**
   * Make gzip and brotli forms (default `true`: in the background, through the shared queue, which
   * may drop it under a flood of misses); `false` for bytes only ever sent as identity; `'now'`:
   * at once, on this thread, for the few small assets built once at startup, which no later render
   * would compress again if the queue dropped them.
   */
  compress?: boolean | 'now';
}

/** `compressChunks`'s settings, the same for the background and the immediate forms. */
const brotliParams = (bodyLength: number) => ({
  [constants.BROTLI_PARAM_QUALITY]: 5,
  [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
  [constants.BROTLI_PARAM_SIZE_HINT]: bodyLength,
  [constants.BROTLI_PARAM_LGWIN]: windowBits(bodyLength),
});
const GZIP_LEVEL = 6;

/**
 * The smallest brotli window that holds the whole body (2^16 to 2^22 bytes): a window larger than
 * the input compresses no better, and the default 4 MB ring buffer, with the tables sized to it, is
 * most of the native memory a compression takes (and keeps in the allocator's arenas afterwards).
 */
const windowBits = (bytes: number): number =>
  Math.min(constants.BROTLI_MAX_WINDOW_BITS, Math.max(16, Math.ceil(Math.log2(Math.max(1, bytes + 16)))));

/** Where an entry's compressed forms are: not wanted, on their way, made, or wanted but not coming (dropped, failed). */
type Compression = 'off' | 'pending' | 'made' | 'none';

/**
 * A rendered response as bytes, in chunks (`Rendered`). The identity form and its ETag (over the
 * chunks in order: the same as over the joined bytes) exist at once; the gzip (level 6) and brotli
 * (quality 5) forms are made on libuv's thread pool by streaming the chunks through the compressors,
 * one entry at a time (compression-queue.ts), and swapped in when ready. A client that accepts them is not sent the
 * identity bytes meanwhile: `sendCached` waits for them (`isCompressing`), and the fast path leaves
 * such a request to the app. If they never come (the queue was full, the entry was dropped first),
 * such a client gets the identity bytes marked `no-store`, so that no shared cache keeps 128 kB where
 * 5 kB would do. Each encoding has its own strong ETag, as HTTP requires of different content codings.
 */
export class CachedResponse {
  readonly status: number;
  readonly contentType: string;
  /** The identity bytes: these chunks one after another (never written to). */
  readonly chunks: readonly NonSharedBuffer[];
  /** The identity bytes' length. */
  readonly bodyLength: number;
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
  #identitySends = 0;
  #joined: readonly NonSharedBuffer[] | undefined;

  constructor(rendered: Rendered, options: CachedResponseOptions = {}) {
    this.status = rendered.status ?? 200;
    this.contentType = rendered.contentType;
    this.chunks = chunksOf(rendered);
    let length = 0;
    const hash = createHash('sha1');
    for (const chunk of this.chunks) {
      length += chunk.length;
      hash.update(chunk);
    }
    this.bodyLength = length;
    this.etag = `"${hash.digest('base64url')}"`;
    // Started on the next turn of the event loop, once the request that missed has had its answer:
    // setting up the compressors allocates, and the garbage collector's pause would land on that request.
    this.#compression = options.compress === false ? 'off' : 'pending';
    if (options.compress === 'now') {
      const body = Buffer.concat(this.chunks, length);
      this.#gzip = gzipSync(body, { level: GZIP_LEVEL });
      this.#br = brotliCompressSync(body, { params: brotliParams(length) });
      this.#compression = 'made';
    }
    this.compressed =
      this.#compression !== 'pending'
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

  /**
   * Told after each send of the identity chunks: a body in many chunks is joined into one buffer on its
   * second send, so that a page read again and again goes out as one write, while a page re-rendered
   * after every write and read once (the case chunks are for) is never copied.
   */
  noteIdentitySent(): void {
    if (this.#joined !== undefined || this.chunks.length <= 1 || ++this.#identitySends < 2) return;
    this.#joined = [Buffer.concat(this.chunks, this.bodyLength)];
    this.#lastVariants = undefined;
  }

  /** True until the compressed forms are in or known not to come; `compressed` settles then. */
  get isCompressing(): boolean {
    return this.#compression === 'pending';
  }

  /** The identity bytes as one buffer (joined into a new one when in chunks): for tests, and what needs one piece. */
  joinedBody(): NonSharedBuffer {
    return this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.bodyLength);
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
    return this.bodyLength + (this.#gzip?.length ?? 0) + (this.#br?.length ?? 0);
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
    const { chunks, bodyLength } = this;
    try {
      const [gzipped, brotlied] = await Promise.all([
        compressChunks(createGzip({ level: GZIP_LEVEL }), chunks),
        compressChunks(createBrotliCompress({ params: brotliParams(bodyLength) }), chunks),
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
    const build = (
      chunks: readonly NonSharedBuffer[],
      length: number,
      encoding: Encoding,
      cacheControl = options.cacheControl,
    ): Variant => {
      const etag = encoding === 'identity' ? this.etag : `${this.etag.slice(0, -1)}-${encoding}"`;
      const common = { ETag: etag, 'Cache-Control': cacheControl, Vary: vary };
      const headers: Record<string, string> = {
        'Content-Type': this.contentType,
        'Content-Length': String(length),
        ...common,
      };
      if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
      return { chunks, etag, headers, notModifiedHeaders: common };
    };
    const identityChunks = this.#joined ?? this.chunks;
    const identity = build(identityChunks, this.bodyLength, 'identity');
    // Forms that will never come: those clients get identity, kept by no shared cache (see the class).
    if (this.#compression === 'none') {
      const uncompressed = build(identityChunks, this.bodyLength, 'identity', 'no-store');
      return { identity, gzip: uncompressed, br: uncompressed };
    }
    // Not compressed yet (only ever peeked at then: senders wait), or tiny bodies that grew when compressed.
    const gzipped = this.#gzip;
    const brotlied = this.#br;
    return {
      identity,
      gzip: gzipped !== undefined && gzipped.length < this.bodyLength ? build([gzipped], gzipped.length, 'gzip') : identity,
      br: brotlied !== undefined && brotlied.length < this.bodyLength ? build([brotlied], brotlied.length, 'br') : identity,
    };
  }
}

/** The body as chunks: text encoded, bytes kept when owned (see `Rendered`), else copied into one buffer. */
function chunksOf({ body, bodyIsOwned }: Rendered): NonSharedBuffer[] {
  if (typeof body === 'string') return [Buffer.from(body, 'utf8')];
  if (body instanceof Uint8Array) return [bodyIsOwned ? asBuffer(body) : Buffer.from(body)];
  return bodyIsOwned ? body.map(asBuffer) : [Buffer.concat(body)];
}

/** The same bytes as a Buffer, not copied. */
const asBuffer = (bytes: Uint8Array): NonSharedBuffer =>
  Buffer.isBuffer(bytes) ? (bytes as NonSharedBuffer) : Buffer.from(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);

/**
 * `chunks` through `compressor`, as one buffer. The chunks are written as they are (no joined copy
 * of the input); the compressor's output, a few kilobytes per piece, is joined once at the end.
 */
function compressChunks(compressor: Transform, chunks: readonly NonSharedBuffer[]): Promise<NonSharedBuffer> {
  return new Promise((resolve, reject) => {
    const output: NonSharedBuffer[] = [];
    let length = 0;
    compressor.on('data', (piece: NonSharedBuffer) => {
      output.push(piece);
      length += piece.length;
    });
    compressor.once('end', () => resolve(output.length === 1 ? output[0]! : Buffer.concat(output, length)));
    compressor.once('error', reject);
    for (const chunk of chunks) compressor.write(chunk);
    compressor.end();
  });
}
