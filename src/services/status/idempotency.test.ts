import { describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { buildTestContext, insertTestApiKey, insertTestComponent } from '../../../test/helpers/write-fixtures.js';
import { BeaconError } from '../../domain/errors.js';
import { IDEMPOTENCY_KEY_TTL_MS, hashIdempotentRequest } from './idempotency.js';
import { type CreateIncidentInput, createIncidentIdempotently, listIncidents } from './incidents.js';

describe('hashIdempotentRequest', () => {
  it('ignores key order but not values or the route', () => {
    const hash = hashIdempotentRequest('POST /incidents', { a: 1, b: [{ x: 'y', z: null }] });
    expect(hashIdempotentRequest('POST /incidents', { b: [{ z: null, x: 'y' }], a: 1 })).toBe(hash);
    expect(hashIdempotentRequest('POST /incidents', { a: 2, b: [{ x: 'y', z: null }] })).not.toBe(hash);
    expect(hashIdempotentRequest('POST /incidents', { a: 1, b: [{ x: 'y' }] })).not.toBe(hash);
    expect(hashIdempotentRequest('POST /maintenances', { a: 1, b: [{ x: 'y', z: null }] })).not.toBe(hash);
  });
});

describeEachEngine('services/idempotency (incident creation)', (database) => {
  const setup = async () => {
    const t = buildTestContext(database());
    const apiKeyId = await insertTestApiKey(database());
    const api = await insertTestComponent(database());
    const input: CreateIncidentInput = {
      name: 'Outage',
      status: 'investigating',
      message: 'm',
      impacts: [{ componentId: api, impact: 'full_outage' }],
    };
    const request = (key: string, body: unknown = input) => ({
      apiKeyId,
      key,
      requestHash: hashIdempotentRequest('POST /incidents', body),
    });
    const respond = (incident: { id: string }) => ({ status: 201, body: JSON.stringify({ id: incident.id }) });
    return { ...t, apiKeyId, input, request, respond };
  };

  it('replays the first response for the same key and body, creating nothing more', async () => {
    const { ctx, revisions, input, request, respond } = await setup();
    const first = await createIncidentIdempotently(ctx, input, request('k'), respond);
    expect(first.replayed).toBe(false);
    expect(first.response.status).toBe(201);
    const second = await createIncidentIdempotently(ctx, input, request('k'), respond);
    expect(second).toEqual({ replayed: true, response: first.response });
    expect(await listIncidents(ctx, { limit: 10 })).toHaveLength(1);
    expect(revisions).toHaveLength(1);
  });

  it('refuses the same key with another body as a conflict', async () => {
    const { ctx, input, request, respond } = await setup();
    await createIncidentIdempotently(ctx, input, request('k'), respond);
    const other = { ...input, name: 'Another' };
    const error = await createIncidentIdempotently(ctx, other, request('k', other), respond).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BeaconError);
    expect((error as BeaconError).code).toBe('conflict');
    expect(await listIncidents(ctx, { limit: 10 })).toHaveLength(1);
  });

  it('forgets keys after 24 hours', async () => {
    const { ctx, advance, input, request, respond } = await setup();
    await createIncidentIdempotently(ctx, input, request('k'), respond);
    advance(IDEMPOTENCY_KEY_TTL_MS - 1);
    expect((await createIncidentIdempotently(ctx, input, request('k'), respond)).replayed).toBe(true);
    advance(1);
    expect((await createIncidentIdempotently(ctx, input, request('k'), respond)).replayed).toBe(false);
    expect(await listIncidents(ctx, { limit: 10 })).toHaveLength(2);
  });

  it('releases the key when the creation fails, so a corrected retry succeeds', async () => {
    const { ctx, input, request, respond } = await setup();
    const broken = { ...input, impacts: [{ componentId: 'missing', impact: 'full_outage' as const }] };
    await expect(createIncidentIdempotently(ctx, broken, request('k'), respond)).rejects.toMatchObject({ code: 'validation' });
    expect((await createIncidentIdempotently(ctx, input, request('k'), respond)).replayed).toBe(false);
  });

  it('creates exactly one incident from ten concurrent duplicates', async () => {
    const { ctx, input, request, respond } = await setup();
    const results = await Promise.all(Array.from({ length: 10 }, () => createIncidentIdempotently(ctx, input, request('race'), respond)));
    expect(results.filter((result) => !result.replayed)).toHaveLength(1);
    expect(new Set(results.map((result) => result.response.body)).size).toBe(1);
    expect(await listIncidents(ctx, { limit: 20 })).toHaveLength(1);
  });

  it('keeps keys of different API keys apart', async () => {
    const { ctx, input, request, respond } = await setup();
    const otherApiKeyId = await insertTestApiKey(database());
    await createIncidentIdempotently(ctx, input, request('k'), respond);
    const other = await createIncidentIdempotently(ctx, input, { ...request('k'), apiKeyId: otherApiKeyId }, respond);
    expect(other.replayed).toBe(false);
    expect(await listIncidents(ctx, { limit: 10 })).toHaveLength(2);
  });
});
