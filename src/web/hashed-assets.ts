import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import { CachedResponse } from './cached-response.js';
import { type SendOptions, sendCached } from './send-cached.js';

/** A stylesheet or script served under a name that carries a hash of its content, e.g. `/assets/beacon.3f9a1c2e.css`. */
export interface HashedAsset {
  path: string;
  contentType: string;
  body: string;
}

const CONTENT_TYPES = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' } as const;

/** The one way an asset gets its name, so that the name changes whenever, and only when, its content does. */
export function hashedAsset(name: string, extension: keyof typeof CONTENT_TYPES, body: string): HashedAsset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 8);
  return { path: `/assets/${name}.${hash}.${extension}`, contentType: CONTENT_TYPES[extension], body };
}

/** A name never changes meaning, so any cache may keep an asset forever. */
export const ASSET_CACHE: SendOptions = { cacheControl: 'public, max-age=31536000, immutable' };

/** A GET on `routes` for each asset at its path: cached bytes (compressed like pages), immutable. */
export function routeHashedAssets(routes: Hono, assets: readonly HashedAsset[]): void {
  for (const asset of assets) {
    // Compressed once, at once: an asset is never rendered again, so a queue that dropped it would leave it identity for good.
    const entry = new CachedResponse({ contentType: asset.contentType, body: asset.body }, { compress: 'now' });
    routes.get(asset.path, (c) => sendCached(c, entry, ASSET_CACHE));
  }
}
