import { describe, expect, it, vi } from 'vitest';
import { canonicaliseEmail } from '../../domain/access/email-address.js';
import type { SessionRecord } from '../../store/access/sessions.js';
import { type CachedSession, createSessionCache } from './session-cache.js';
import { TEST_CACHES } from '../../../test/helpers/test-config.js';

const entry = (idHash: string, email = 'alice@example.com'): CachedSession => {
  const parsed = canonicaliseEmail(email);
  if (!parsed.ok) throw new Error('bad test address');
  const at = new Date('2025-03-01T00:00:00.000Z');
  const record: SessionRecord = {
    id: `id-${idHash}`,
    idHash,
    customerPageId: 'page-a',
    email,
    domain: parsed.address.domain,
    createdAt: at,
    lastSeenAt: at,
    idleExpiresAt: at,
    absoluteExpiresAt: at,
  };
  return { record, email: parsed.address };
};

describe('session cache', () => {
  it('SES-4: serves an entry only at the revision it was read at', () => {
    const cache = createSessionCache(TEST_CACHES.sessionCache);
    cache.fill(entry('h1'), 7, cache.fillTicket());
    expect(cache.get('h1', 7)?.record.idHash).toBe('h1');
    expect(cache.get('h1', 8)).toBeUndefined();
    // Once dropped for being stale it stays dropped.
    expect(cache.get('h1', 7)).toBeUndefined();
  });

  it('SES-7: a database read that raced a local sign-out does not bring the session back', () => {
    const cache = createSessionCache(TEST_CACHES.sessionCache);
    const ticket = cache.fillTicket();
    cache.evict('h1');
    cache.fill(entry('h1'), 1, ticket);
    expect(cache.get('h1', 1)).toBeUndefined();
    cache.fill(entry('h1'), 1, cache.fillTicket());
    expect(cache.get('h1', 1)).toBeDefined();
  });

  it('evicts by predicate and keeps within its size', () => {
    const cache = createSessionCache({ ...TEST_CACHES.sessionCache, maxEntries: 3 });
    for (const hash of ['a', 'b', 'c', 'd']) cache.fill(entry(hash, `${hash}@example.com`), 1, cache.fillTicket());
    expect(cache.size).toBe(3);
    expect(cache.get('a', 1)).toBeUndefined();
    cache.evictWhere((record) => record.email === 'c@example.com');
    expect(cache.get('c', 1)).toBeUndefined();
    expect(cache.get('d', 1)).toBeDefined();
  });

  it('hashes a presented token once while it is in use, and forgets it when its session is evicted', () => {
    const cache = createSessionCache({ ...TEST_CACHES.sessionCache, maxEntries: 2 });
    const hash = vi.fn((token: string) => `hash-of-${token}`);
    expect(cache.idHashOf('t1', hash)).toBe('hash-of-t1');
    expect(cache.idHashOf('t1', hash)).toBe('hash-of-t1');
    expect(hash).toHaveBeenCalledTimes(1);
    cache.evict('hash-of-t1');
    cache.idHashOf('t1', hash);
    expect(hash).toHaveBeenCalledTimes(2);
    cache.evictWhere(() => true); // no cached session holds it: the remembered hash stays (it is only a hash)
    for (const token of ['t2', 't3']) cache.idHashOf(token, hash);
    cache.idHashOf('t1', hash); // pushed out by the bound
    expect(hash).toHaveBeenCalledTimes(5);
  });

  it('remembers an acceptance only for its token, page and revision, before its bound, and forgets it on eviction', () => {
    const cache = createSessionCache({ ...TEST_CACHES.sessionCache, maxEntries: 2 });
    const alice = { email: 'alice@example.com', domain: 'example.com' };
    const hash = (token: string) => `hash-of-${token}`;
    cache.admit('t0', 'page-a', 1, alice, 1000); // a token never hashed here (never checked) is not remembered
    expect(cache.admitted('t0', 'page-a', 1, 0)).toBeUndefined();
    cache.idHashOf('t1', hash);
    cache.admit('t1', 'page-a', 1, alice, 1000);
    expect(cache.admitted('t1', 'page-a', 1, 999)).toBe(alice);
    expect(cache.admitted('t1', 'page-a', 1, 1000)).toBeUndefined();
    expect(cache.admitted('t1', 'page-b', 1, 0)).toBeUndefined();
    expect(cache.admitted('t1', 'page-a', 2, 0)).toBeUndefined();
    expect(cache.admitted('t2', 'page-a', 1, 0)).toBeUndefined();
    cache.evict('hash-of-t1');
    expect(cache.admitted('t1', 'page-a', 1, 0)).toBeUndefined();
    // A revocation's evictWhere forgets it too, once the session is cached.
    cache.idHashOf('t1', hash);
    cache.fill(entry('hash-of-t1'), 1, cache.fillTicket());
    cache.admit('t1', 'page-a', 1, alice, 1000);
    cache.evictWhere((record) => record.email === 'alice@example.com');
    expect(cache.admitted('t1', 'page-a', 1, 0)).toBeUndefined();
    // Pushed out of the bounded token memo, it goes with it.
    cache.idHashOf('t1', hash);
    cache.admit('t1', 'page-a', 1, alice, 1000);
    for (const token of ['t2', 't3']) cache.idHashOf(token, hash);
    expect(cache.admitted('t1', 'page-a', 1, 0)).toBeUndefined();
  });

  it('keeps within its byte budget, pushing out the least recently used session first', () => {
    const cache = createSessionCache({ ...TEST_CACHES.sessionCache, maxEntries: 1000, maxBytes: 8_000 });
    for (let i = 0; i < 100; i++) {
      cache.fill(entry(`h${i}`, `user${i}@example.com`), 1, cache.fillTicket());
      if (i === 5) expect(cache.get('h0', 1)).toBeDefined(); // h0 is now more recent than h1…h5
      expect(cache.bytes).toBeLessThanOrEqual(8_000);
    }
    expect(cache.size).toBeGreaterThan(0);
    expect(cache.size).toBeLessThan(100);
    expect(cache.get('h99', 1)).toBeDefined();
    expect(cache.get('h1', 1)).toBeUndefined();
  });

  it('keeps remembered tokens within the byte budget too', () => {
    const cache = createSessionCache({ ...TEST_CACHES.sessionCache, maxEntries: 1000, maxBytes: 8_000 });
    const hash = vi.fn((token: string) => `hash-of-${token}`);
    for (let i = 0; i < 200; i++) cache.idHashOf(`token-${i}`.padEnd(43, 'x'), hash);
    expect(cache.bytes).toBeLessThanOrEqual(8_000);
    cache.idHashOf('token-199'.padEnd(43, 'x'), hash); // the most recent is still remembered
    expect(hash).toHaveBeenCalledTimes(200);
    cache.idHashOf('token-0'.padEnd(43, 'x'), hash); // the oldest is not
    expect(hash).toHaveBeenCalledTimes(201);
  });
});
