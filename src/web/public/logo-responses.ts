import { ByteLru } from '../../domain/byte-lru.js';
import type { CacheBounds } from '../../domain/cache-bounds.js';
import type { PageLogo } from '../../domain/pages/page-branding.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { CachedResponse } from '../cached-response.js';
import { logoPath } from '../views/brand-assets.js';

/** A logo's bytes as the store gives them. */
export interface LogoBytes {
  contentType: PageLogo['contentType'];
  bytes: Uint8Array;
}

/** A logo ready to send: the one path it is served at, and its response. */
export interface HeldLogo {
  path: string;
  response: CachedResponse;
}

/**
 * Logos' responses by the SHA-256 of their bytes, so that a logo is read from the store (and decoded
 * from its base64) once rather than on every request. A name always means the same bytes, so no write
 * makes one stale; but a logo is served from here only while a page of the current snapshot names it
 * (`isNamed`), so that a removed logo answers 404 as the store would. Least recently used out, within
 * `bounds`. Names with no logo are not remembered (junk names cannot fill it). Concurrent misses for
 * one name share one read.
 *
 * @example
 * const logo = await logos.find(sha256, { isNamed: namesLogo(snapshot, sha256), read: (hash) => readLogoImage(ctx, hash) });
 */
export class LogoResponses {
  readonly #held: ByteLru<string, HeldLogo>;
  readonly #reading = new Map<string, Promise<HeldLogo | null>>();

  constructor(bounds: CacheBounds) {
    this.#held = new ByteLru(bounds);
  }

  /** Approximate bytes held: each logo's bytes and its name. */
  get bytes(): number {
    return this.#held.bytes;
  }

  get size(): number {
    return this.#held.size;
  }

  /**
   * The logo named `sha256`, read with `read` unless held and `isNamed` (a page of the current
   * snapshot names it); null when there is none.
   */
  find(
    sha256: string,
    { isNamed, read }: { isNamed: boolean; read: (sha256: string) => Promise<LogoBytes | null> },
  ): HeldLogo | null | Promise<HeldLogo | null> {
    const held = this.#held.get(sha256);
    if (held !== undefined) {
      if (isNamed) return held;
      this.#held.delete(sha256); // no page shows it now: the store decides (a removed logo is gone)
    }
    const reading = this.#reading.get(sha256);
    if (reading !== undefined) return reading;
    const loaded = read(sha256)
      .then((image) => {
        if (image === null) return null;
        const logo: HeldLogo = {
          path: logoPath({ sha256, contentType: image.contentType }),
          response: new CachedResponse({ contentType: image.contentType, body: image.bytes, bodyIsOwned: true }, { compress: false }),
        };
        this.#held.set(sha256, logo, logo.response.byteLength + 2 * (sha256.length + logo.path.length));
        return logo;
      })
      .finally(() => this.#reading.delete(sha256));
    this.#reading.set(sha256, loaded);
    return loaded;
  }
}

// Keyed by the pages map, which a snapshot shares with the copies a sub-page or customer page adds its groups to.
const namedLogos = new WeakMap<Snapshot['pages'], ReadonlySet<string>>();

/** Whether a page of `snapshot` shows the logo whose bytes hash to `sha256` (worked out once per snapshot). */
export function namesLogo(snapshot: Snapshot, sha256: string): boolean {
  let named = namedLogos.get(snapshot.pages);
  if (named === undefined) {
    const hashes = new Set<string>();
    for (const page of snapshot.pages.values()) if (page.branding.logo !== null) hashes.add(page.branding.logo.sha256);
    named = hashes;
    namedLogos.set(snapshot.pages, named);
  }
  return named.has(sha256);
}
