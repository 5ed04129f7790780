import { Hono } from 'hono';
import { expect, it } from 'vitest';
import { MAX_WAITING_COMPRESSIONS, enqueueCompression } from './compression-queue.js';
import { hashedAsset, routeHashedAssets } from './hashed-assets.js';

it('compresses an asset at once, so a full compression queue cannot leave it uncompressed for good', async () => {
  // The process's one queue, held busy by one job with the most others waiting behind it: any new background compression is dropped.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const jobs = [enqueueCompression(() => held)];
  for (let i = 0; i < MAX_WAITING_COMPRESSIONS; i++) jobs.push(enqueueCompression(async () => {}));
  try {
    const asset = hashedAsset('probe', 'css', `.probe { color: red; }\n`.repeat(200));
    const routes = new Hono();
    routeHashedAssets(routes, [asset]);
    for (const [accept, encoding] of [
      ['br', 'br'],
      ['gzip', 'gzip'],
    ] as const) {
      const res = await routes.request(asset.path, { headers: { 'accept-encoding': accept } });
      expect(res.headers.get('content-encoding')).toBe(encoding);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
  } finally {
    release();
    await Promise.all(jobs);
  }
});
