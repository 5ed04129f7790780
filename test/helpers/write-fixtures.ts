import type { ApiKey } from '../../src/domain/access/api-key.js';
import type { Component } from '../../src/domain/status/component.js';
import { newId } from '../../src/domain/id.js';
import type { ServiceContext } from '../../src/services/context.js';
import { insertApiKey } from '../../src/store/access/api-keys.js';
import { insertComponent } from '../../src/store/status/components.js';
import type { Database } from '../../src/store/database.js';
import { writeTransaction } from '../../src/store/transaction.js';

/** A service context on a clock the test moves by hand, recording every announced revision. */
export function buildTestContext(database: Database, start = new Date('2025-03-01T12:00:00.000Z')) {
  let now = start.getTime();
  const revisions: number[] = [];
  const ctx: ServiceContext = { database, clock: () => new Date(now), onRevision: (revision) => revisions.push(revision) };
  return {
    ctx,
    revisions,
    setNow: (at: Date) => {
      now = at.getTime();
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** Inserts a component straight through the store and returns its id. */
export async function insertTestComponent(database: Database, name = 'API'): Promise<string> {
  const at = new Date('2025-01-01T00:00:00.000Z');
  const component: Component = { id: newId(), name, description: null, createdAt: at, updatedAt: at };
  await writeTransaction(database, (tx) => insertComponent(tx, component));
  return component.id;
}

/** Inserts an API key row (idempotency keys belong to one) and returns its id. */
export async function insertTestApiKey(database: Database): Promise<string> {
  const apiKey: ApiKey = {
    id: newId(),
    name: 'test',
    createdAt: new Date('2025-01-01T00:00:00.000Z'),
    lastUsedAt: null,
    revokedAt: null,
    role: 'admin',
    scope: null,
    prefix: null,
  };
  await writeTransaction(database, (tx) => insertApiKey(tx, apiKey, `hash-${apiKey.id}`));
  return apiKey.id;
}
