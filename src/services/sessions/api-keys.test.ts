import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { buildTestContext } from '../../../test/helpers/write-fixtures.js';
import { hashApiKey } from '../../domain/access/api-key.js';
import { BeaconError } from '../../domain/errors.js';
import { API_KEY_USE_RESOLUTION_MS, authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from './api-keys.js';

describeEachEngine('services/api-keys', (database) => {
  it('creates a key whose token is shown once and stored only as a hash', async () => {
    const { ctx } = buildTestContext(database());
    const { apiKey, token } = await createApiKey(ctx, { name: ' PagerDuty ' }, 'test');
    expect(apiKey).toMatchObject({ name: 'PagerDuty', lastUsedAt: null, revokedAt: null });
    expect(token).toMatch(/^bk_[A-Za-z0-9_-]{43}$/);
    const rows = await database().db.selectFrom('api_keys').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(hashApiKey(token));
    expect(JSON.stringify(rows)).not.toContain(token.slice(3));
    expect(await listApiKeys(ctx)).toEqual([apiKey]);
  });

  it('authenticates a live key and nothing else', async () => {
    const { ctx } = buildTestContext(database());
    const { apiKey, token } = await createApiKey(ctx, { name: 'ci' }, 'test');
    expect(await authenticateApiKey(ctx, token)).toEqual({ id: apiKey.id, name: 'ci', role: 'admin', scope: null });
    expect(await authenticateApiKey(ctx, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(await authenticateApiKey(ctx, '')).toBeNull();
    expect(await authenticateApiKey(ctx, 'bk_short')).toBeNull();
    expect(await authenticateApiKey(ctx, hashApiKey(token))).toBeNull();
  });

  it('refuses a revoked key at once', async () => {
    const { ctx, advance } = buildTestContext(database());
    const { apiKey, token } = await createApiKey(ctx, { name: 'ci' }, 'test');
    advance(1000);
    const revoked = await revokeApiKey(ctx, apiKey.id, 'test');
    expect(revoked.revokedAt).toEqual(new Date('2025-03-01T12:00:01.000Z'));
    expect(await authenticateApiKey(ctx, token)).toBeNull();
    // Revoking again keeps the first time.
    advance(1000);
    expect((await revokeApiKey(ctx, apiKey.id, 'test')).revokedAt).toEqual(revoked.revokedAt);
    expect(await listApiKeys(ctx)).toEqual([revoked]);
  });

  it('records the last use, at most once per resolution window, without a new data revision', async () => {
    const { ctx, advance, revisions } = buildTestContext(database());
    const { apiKey, token } = await createApiKey(ctx, { name: 'ci' }, 'test');
    const afterCreate = revisions.length;
    const lastUsedAt = async () => (await listApiKeys(ctx)).find((key) => key.id === apiKey.id)?.lastUsedAt;
    await authenticateApiKey(ctx, token);
    const firstUse = await lastUsedAt();
    expect(firstUse).toEqual(new Date('2025-03-01T12:00:00.000Z'));
    advance(API_KEY_USE_RESOLUTION_MS - 1);
    await authenticateApiKey(ctx, token);
    expect(await lastUsedAt()).toEqual(firstUse);
    expect(revisions.length).toBe(afterCreate);
    advance(1);
    await authenticateApiKey(ctx, token);
    expect(await lastUsedAt()).toEqual(new Date(firstUse!.getTime() + API_KEY_USE_RESOLUTION_MS));
  });

  it('refuses a blank name and reports unknown ids as not found', async () => {
    const { ctx } = buildTestContext(database());
    await expect(createApiKey(ctx, { name: '  ' }, 'test')).rejects.toMatchObject({ code: 'validation', issues: [{ path: 'name' }] });
    await expect(revokeApiKey(ctx, 'nope', 'test')).rejects.toBeInstanceOf(BeaconError);
    await expect(revokeApiKey(ctx, 'nope', 'test')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('STF-4: a key carries a role and an optional scope, lists by name and prefix only, and its creation and revocation are audited (STF-7)', async () => {
    const { ctx } = buildTestContext(database());
    const { apiKey, token } = await createApiKey(ctx, { name: 'pager', role: 'responder', scope: ['incidents', 'incidents'] }, 'cli');
    expect(apiKey).toMatchObject({ role: 'responder', scope: ['incidents'], prefix: token.slice(0, 9) });
    expect(await authenticateApiKey(ctx, token)).toMatchObject({ role: 'responder', scope: ['incidents'] });
    const [listed] = await listApiKeys(ctx);
    expect(JSON.stringify(listed)).not.toContain(token.slice(9));
    await revokeApiKey(ctx, apiKey.id, 'staff:ann@example.com');
    await revokeApiKey(ctx, apiKey.id, 'staff:ann@example.com');
    const audit = await database().db.selectFrom('audit_log').select(['actor', 'action', 'subject_id']).orderBy('action').execute();
    expect(audit).toEqual([
      { actor: 'cli', action: 'api_key.created', subject_id: apiKey.id },
      { actor: 'staff:ann@example.com', action: 'api_key.revoked', subject_id: apiKey.id },
    ]);
  });

  it('refuses an unknown role, an unknown resource and an empty scope', async () => {
    const { ctx } = buildTestContext(database());
    await expect(createApiKey(ctx, { name: 'x', role: 'owner' }, 'test')).rejects.toMatchObject({ issues: [{ path: 'role' }] });
    await expect(createApiKey(ctx, { name: 'x', scope: ['secrets'] }, 'test')).rejects.toMatchObject({ issues: [{ path: 'scope' }] });
    await expect(createApiKey(ctx, { name: 'x', scope: [] }, 'test')).rejects.toMatchObject({ issues: [{ path: 'scope' }] });
    expect(await listApiKeys(ctx)).toEqual([]);
  });
});
