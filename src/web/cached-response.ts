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
   * Make gzip and brotli forms (default `true`: each when first asked for, through the shared queue,
   * which may drop it under a flood of misses); `false` for bytes only ever sent as identity; `'now'`:
   * both at once, on this thread, for the few small assets built once at startup, which no later
   * render would compress again if the queue dropped them.
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

/** The two encodings made by compression. */
type CompressedEncoding = Exclude<Encoding, 'identity'>;

/**
 * Where one compressed form of an entry is: not wanted (`compress: false`), not asked for yet, on its
 * way, made, not coming (the entry was abandoned, zlib failed), or dropped by the full queue (its
 * waiters get identity, `no-store`; the next request asks again, so a burst of misses right after a
 * write does not leave a page uncompressed until the next one).
 */
type FormState = 'off' | 'unasked' | 'pending' | 'made' | 'none' | 'dropped';

interface Form {
  state: FormState;
  bytes: NonSharedBuffer | undefined;
  /** Shared by every request waiting for this form: one compression however many ask. */
  made: Promise<void> | undefined;
}

/**
 * A rendered response as bytes, in chunks (`Rendered`). The identity form and its ETag (over the
 * chunks in order: the same as over the joined bytes) exist at once. Each compressed form, gzip
 * (level 6) or brotli (quality 5), is made only when a request that would be answered with it
 * arrives (`prepare`): most readers only ever ask for one, and a page re-rendered after every write
 * would otherwise pay for both each time. A form is made on libuv's thread pool by streaming the
 * chunks through the compressor, through the process's one queue (compression-queue.ts); every
 * request waiting for it shares that one compression. A client that accepts a form is not sent the
 * identity bytes meanwhile: `sendCached` waits for it (`isPending`), and the fast path leaves such a
 * request to the app. If it never comes (the queue was full, the entry was dropped first), such a
 * client gets the identity bytes marked `no-store`, so that no shared cache keeps 128 kB where 5 kB
 * would do. Each encoding has its own strong ETag, as HTTP requires of different content codings.
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
  readonly #forms: Record<CompressedEncoding, Form>;
  #lastOptions: SendOptions | undefined;
  #lastVariants: Variants | undefined;
  #isAbandoned = false;
  #identitySends = 0;
  #joined: readonly NonSharedBuffer[] | undefined;
  readonly #growthListeners: (() => void)[] = [];

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
    const state: FormState = options.compress === false ? 'off' : 'unasked';
    this.#forms = { gzip: { state, bytes: undefined, made: undefined }, br: { state, bytes: undefined, made: undefined } };
    if (options.compress === 'now') {
      const body = Buffer.concat(this.chunks, length);
      this.#forms.gzip = { state: 'made', bytes: gzipSync(body, { level: GZIP_LEVEL }), made: undefined };
      this.#forms.br = { state: 'made', bytes: brotliCompressSync(body, { params: brotliParams(length) }), made: undefined };
    }
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

  /**
   * True while a client wanting `encoding` must wait before it is answered: that form is not made and
   * may still come (nobody has asked for it yet, or it is being made). `prepare` makes it.
   */
  isPending(encoding: Encoding): boolean {
    if (encoding === 'identity') return false;
    const { state } = this.#forms[encoding];
    return state === 'unasked' || state === 'pending' || state === 'dropped';
  }

  /**
   * Makes the form for `encoding` if nobody has asked for it yet (through the shared queue) and
   * settles, never rejecting, once it is in or known not to come. Every caller meanwhile gets the same
   * promise: a flood of readers on a fresh render shares one compression.
   *
   * @example
   * if (entry.isPending(encoding)) await entry.prepare(encoding);
   */
  prepare(encoding: Encoding): Promise<void> {
    if (encoding === 'identity') return Promise.resolve();
    const form = this.#forms[encoding];
    if (form.state !== 'unasked' && form.state !== 'dropped') return form.made ?? Promise.resolve();
    if (this.#isAbandoned) {
      this.#settle(form, 'none'); // no cache holds the entry: not worth a compression for one response
      return Promise.resolve();
    }
    form.state = 'pending';
    let ran = false;
    form.made = enqueueCompression(() => {
      ran = true;
      return this.#compress(encoding, form);
    }).then(() => {
      // Not made: the queue was full (asked again by the next request), or abandoned or failed (for good).
      if (form.state === 'pending') this.#settle(form, ran || this.#isAbandoned ? 'none' : 'dropped');
    });
    return form.made;
  }

  /** The identity bytes as one buffer (joined into a new one when in chunks): for tests, and what needs one piece. */
  joinedBody(): NonSharedBuffer {
    return this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.bodyLength);
  }

  /** The gzip form, once made. */
  get gzip(): NonSharedBuffer | undefined {
    return this.#forms.gzip.bytes;
  }

  /** The brotli form, once made. */
  get br(): NonSharedBuffer | undefined {
    return this.#forms.br.bytes;
  }

  /** Bytes held, counting every form made so far (it grows as forms are made: see `observeGrowth`). */
  get byteLength(): number {
    return this.bodyLength + (this.#forms.gzip.bytes?.length ?? 0) + (this.#forms.br.bytes?.length ?? 0);
  }

  /** Calls `listener` each time a form is added (`byteLength` grew): how a cache holding the entry keeps its count. */
  observeGrowth(listener: () => void): void {
    this.#growthListeners.push(listener);
  }

  /** The ETag of the form for `encoding` (whether or not it is made yet: it follows from the identity bytes). */
  etagOf(encoding: Encoding): string {
    return encoding === 'identity' ? this.etag : `${this.etag.slice(0, -1)}-${encoding}"`;
  }

  /** The three variants with headers for `options`; memoised for the last options object seen. */
  variantsFor(options: SendOptions): Variants {
    if (options === this.#lastOptions && this.#lastVariants) return this.#lastVariants;
    const variants = this.#buildVariants(options);
    this.#lastOptions = options;
    this.#lastVariants = variants;
    return variants;
  }

  /**
   * The cache dropped the entry: a compression still queued for it is skipped, and one asked for later
   * is not made (its few remaining requests get identity, `no-store`).
   */
  abandon(): void {
    this.#isAbandoned = true;
  }

  async #compress(encoding: CompressedEncoding, form: Form): Promise<void> {
    if (this.#isAbandoned) return;
    const { chunks, bodyLength } = this;
    const compressor = encoding === 'gzip' ? createGzip({ level: GZIP_LEVEL }) : createBrotliCompress({ params: brotliParams(bodyLength) });
    try {
      form.bytes = await compressChunks(compressor, chunks);
    } catch {
      return; // zlib failing on bytes in memory is next to impossible; identity stays correct for everyone.
    }
    this.#settle(form, 'made');
    for (const listener of this.#growthListeners) listener();
  }

  #settle(form: Form, state: FormState): void {
    form.state = state;
    this.#lastVariants = undefined; // the next request sees the form (or its absence)
  }

  #buildVariants(options: SendOptions): Variants {
    const vary = varyOf(options);
    const build = (
      chunks: readonly NonSharedBuffer[],
      length: number,
      encoding: Encoding,
      cacheControl = options.cacheControl,
    ): Variant => {
      const etag = this.etagOf(encoding);
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
    let uncompressed: Variant | undefined;
    const variantOf = (encoding: CompressedEncoding): Variant => {
      const { state, bytes } = this.#forms[encoding];
      // A form that will never come: those clients get identity, kept by no shared cache (see the class).
      if (state === 'none' || state === 'dropped') return (uncompressed ??= build(identityChunks, this.bodyLength, 'identity', 'no-store'));
      // A tiny body that grew when compressed, or not wanted; or not made yet (only peeked at then: senders wait).
      if (bytes === undefined || bytes.length >= this.bodyLength) return identity;
      return build([bytes], bytes.length, encoding);
    };
    return { identity, gzip: variantOf('gzip'), br: variantOf('br') };
  }
}

/** The `Vary` header of every form sent with `options`. */
export const varyOf = (options: SendOptions): string => (options.vary ? `Accept-Encoding, ${options.vary}` : 'Accept-Encoding');

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
