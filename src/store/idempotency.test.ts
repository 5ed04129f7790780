import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/helpers/describe-each-engine.js';
import { insertTestApiKey } from '../../test/helpers/write-fixtures.js';
import { findIdempotencyRecord, recordIdempotentResponse, reserveIdempotencyKey } from './idempotency.js';
import { writeTransaction } from './transaction.js';

const at = (iso: string): Date => new Date(iso);
const DAY_BEFORE = at('2025-02-28T12:00:00.000Z');

describeEachEngine('store/idempotency', (database) => {
  it('reserves a key once, stores its response, and finds it', async () => {
    const apiKeyId = await insertTestApiKey(database());
    const reservation = { apiKeyId, key: 'k1', requestHash: 'h1', createdAt: at('2025-03-01T12:00:00.000Z') };
    await writeTransaction(database(), async (tx) => {
      expect(await reserveIdempotencyKey(tx, reservation, DAY_BEFORE)).toBe(true);
      expect(await reserveIdempotencyKey(tx, reservation, DAY_BEFORE)).toBe(false);
      await recordIdempotentResponse(tx, apiKeyId, 'k1', 201, '{"id":"x"}');
    });
    expect(await findIdempotencyRecord(database().db, apiKeyId, 'k1', DAY_BEFORE)).toEqual({
      ...reservation,
      status: 201,
      body: '{"id":"x"}',
    });
    expect(await findIdempotencyRecord(database().db, apiKeyId, 'other', DAY_BEFORE)).toBeNull();
  });

  it('scopes keys to their API key', async () => {
    const first = await insertTestApiKey(database());
    const second = await insertTestApiKey(database());
    const createdAt = at('2025-03-01T12:00:00.000Z');
    await writeTransaction(database(), async (tx) => {
      expect(await reserveIdempotencyKey(tx, { apiKeyId: first, key: 'k', requestHash: 'h', createdAt }, DAY_BEFORE)).toBe(true);
      expect(await reserveIdempotencyKey(tx, { apiKeyId: second, key: 'k', requestHash: 'h', createdAt }, DAY_BEFORE)).toBe(true);
    });
  });

  it('ignores and replaces an expired record', async () => {
    const apiKeyId = await insertTestApiKey(database());
    await writeTransaction(database(), async (tx) => {
      await reserveIdempotencyKey(
        tx,
        { apiKeyId, key: 'k', requestHash: 'old', createdAt: at('2025-02-27T00:00:00.000Z') },
        at('2025-02-26T00:00:00.000Z'),
      );
      await recordIdempotentResponse(tx, apiKeyId, 'k', 201, 'old');
    });
    expect(await findIdempotencyRecord(database().db, apiKeyId, 'k', DAY_BEFORE)).toBeNull();
    await writeTransaction(database(), async (tx) => {
      expect(
        await reserveIdempotencyKey(tx, { apiKeyId, key: 'k', requestHash: 'new', createdAt: at('2025-03-01T12:00:00.000Z') }, DAY_BEFORE),
      ).toBe(true);
    });
    expect((await findIdempotencyRecord(database().db, apiKeyId, 'k', DAY_BEFORE))?.requestHash).toBe('new');
  });

  it('releases the key when the transaction rolls back', async () => {
    const apiKeyId = await insertTestApiKey(database());
    const reservation = { apiKeyId, key: 'k', requestHash: 'h', createdAt: at('2025-03-01T12:00:00.000Z') };
    await expect(
      writeTransaction(database(), async (tx) => {
        await reserveIdempotencyKey(tx, reservation, DAY_BEFORE);
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    expect(await findIdempotencyRecord(database().db, apiKeyId, 'k', DAY_BEFORE)).toBeNull();
  });
});
