import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import type { ApiKey } from '../../domain/access/api-key.js';
import { newId } from '../../domain/id.js';
import { findApiKey, findApiKeyByTokenHash, insertApiKey, listApiKeyRows, recordApiKeyUse, revokeApiKeyRow } from './api-keys.js';
import { writeTransaction } from '../transaction.js';

const at = (iso: string) => new Date(iso);

const buildApiKey = (overrides: Partial<ApiKey> = {}): ApiKey => ({
  id: newId(),
  name: 'pager',
  createdAt: at('2025-03-01T10:00:00.000Z'),
  lastUsedAt: null,
  revokedAt: null,
  role: 'admin',
  scope: null,
  prefix: null,
  ...overrides,
});

describeEachEngine('store/api-keys', (database) => {
  it('stores the hash and finds the key by it', async () => {
    const key = buildApiKey();
    await writeTransaction(database(), (tx) => insertApiKey(tx, key, 'a'.repeat(64)));
    expect(await findApiKeyByTokenHash(database().db, 'a'.repeat(64))).toEqual(key);
    expect(await findApiKeyByTokenHash(database().db, 'b'.repeat(64))).toBeNull();
    expect(await findApiKey(database().db, key.id)).toEqual(key);
    const [row] = await database().db.selectFrom('api_keys').select('token_hash').execute();
    expect(row?.token_hash).toBe('a'.repeat(64));
  });

  it('keeps the first revocation time', async () => {
    const key = buildApiKey();
    await writeTransaction(database(), (tx) => insertApiKey(tx, key, 'h1'));
    await writeTransaction(database(), (tx) => revokeApiKeyRow(tx, key.id, at('2025-03-02T00:00:00.000Z')));
    await writeTransaction(database(), (tx) => revokeApiKeyRow(tx, key.id, at('2025-03-03T00:00:00.000Z')));
    expect((await findApiKey(database().db, key.id))?.revokedAt).toEqual(at('2025-03-02T00:00:00.000Z'));
  });

  it('records the last use', async () => {
    const key = buildApiKey();
    await writeTransaction(database(), (tx) => insertApiKey(tx, key, 'h1'));
    await writeTransaction(database(), (tx) => recordApiKeyUse(tx, key.id, at('2025-03-05T00:00:00.000Z')));
    expect((await findApiKey(database().db, key.id))?.lastUsedAt).toEqual(at('2025-03-05T00:00:00.000Z'));
  });

  it('lists every key oldest first, revoked ones included', async () => {
    const newer = buildApiKey({ name: 'b', createdAt: at('2025-03-02T00:00:00.000Z') });
    const older = buildApiKey({ name: 'a', createdAt: at('2025-03-01T00:00:00.000Z') });
    await writeTransaction(database(), async (tx) => {
      await insertApiKey(tx, newer, 'h-newer');
      await insertApiKey(tx, older, 'h-older');
      await revokeApiKeyRow(tx, older.id, at('2025-03-03T00:00:00.000Z'));
    });
    expect(await listApiKeyRows(database().db)).toEqual([{ ...older, revokedAt: at('2025-03-03T00:00:00.000Z') }, newer]);
  });

  it('keeps a role, a scope and a prefix (STF-4)', async () => {
    const key = buildApiKey({ role: 'responder', scope: ['incidents', 'maintenances'], prefix: 'bk_abcdef' });
    await writeTransaction(database(), (tx) => insertApiKey(tx, key, 'h-scoped'));
    expect(await findApiKey(database().db, key.id)).toEqual(key);
    const [row] = await database().db.selectFrom('api_keys').select(['role', 'scope']).execute();
    expect(row).toEqual({ role: 'responder', scope: '["incidents","maintenances"]' });
  });

  it('gives a key stored without a role (made before roles) the admin role and no scope', async () => {
    const id = newId();
    await writeTransaction(database(), (tx) =>
      tx.insertInto('api_keys').values({ id, name: 'old', token_hash: 'h-old', created_at: '2025-01-01T00:00:00.000Z' }).execute(),
    );
    expect(await findApiKey(database().db, id)).toMatchObject({ role: 'admin', scope: null, prefix: null });
  });
});
