import { afterEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../../test/helpers/test-app.js';
import { insertTestComponent } from '../../../../test/helpers/write-fixtures.js';

/** A small seeded generator (mulberry32), so a failure replays exactly. */
function createRandom(seed: number) {
  let state = seed;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick };
}

const KEYS = [
  'name',
  'message',
  'status',
  'components',
  'component_id',
  'impact',
  'display_at',
  'description',
  'component_ids',
  'scheduled_start',
  'scheduled_end',
  'extra',
];
const STRINGS = [
  '',
  ' ',
  '9999-12-31T23:59:59-14:00',
  '1969-12-31T23:59:59Z',
  'x',
  'a\u0000b',
  '\ud800',
  '💥',
  'x'.repeat(10_001),
  'resolved',
  'none',
  'full_outage',
  '2025-03-01T12:00:00Z',
  '2025-02-30T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '0001-01-01T00:00:00+14:00',
  '\r\nBcc: x',
  '../..',
];

describeEachEngine('API write routes under random input', (database) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('answers every random body with a status below 500', async () => {
    t = await createTestApp(database(), { now: new Date('2025-03-01T12:00:00.000Z') });
    const component = await insertTestComponent(database());
    const random = createRandom(20250301);
    const value = (depth: number): unknown => {
      const roll = random.next();
      if (depth > 2 || roll < 0.35) return random.pick([...STRINGS, component]);
      if (roll < 0.5) return random.pick([0, -1, 1.5, 1e308, null, true]);
      if (roll < 0.7) return Array.from({ length: Math.floor(random.next() * 3) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: 1 + Math.floor(random.next() * 4) }, () => [random.pick(KEYS), value(depth + 1)]));
    };

    const incident = (await (await t.requestJson('POST', '/api/v1/incidents', { name: 'Seed', message: 'm' })).json()) as { id: string };
    const maintenance = (await (
      await t.requestJson('POST', '/api/v1/maintenances', {
        name: 'Seed',
        component_ids: [component],
        scheduled_start: '2025-03-02T00:00:00Z',
        scheduled_end: '2025-03-02T01:00:00Z',
      })
    ).json()) as { id: string };
    // Valid bodies with one or two fields replaced, removed or added: most reach the services.
    const incidentUpdate = () => ({
      status: 'identified',
      message: 'm',
      components: [{ component_id: component, impact: 'partial_outage' }],
    });
    const windowBody = () => ({
      name: 'W',
      component_ids: [component],
      scheduled_start: '2025-03-02T00:00:00Z',
      scheduled_end: '2025-03-02T01:00:00Z',
    });
    const routes: [string, string, () => Record<string, unknown>][] = [
      ['POST', '/api/v1/incidents', () => ({ name: 'X', ...incidentUpdate() })],
      ['PATCH', `/api/v1/incidents/${incident.id}`, () => ({ name: 'Y' })],
      ['POST', `/api/v1/incidents/${incident.id}/updates`, incidentUpdate],
      ['POST', `/api/v1/incidents/${incident.id}/resolve`, () => ({ message: 'done' })],
      ['POST', '/api/v1/maintenances', windowBody],
      ['PATCH', `/api/v1/maintenances/${maintenance.id}`, windowBody],
      ['POST', `/api/v1/maintenances/${maintenance.id}/updates`, () => ({ message: 'm' })],
      ['POST', `/api/v1/maintenances/${maintenance.id}/cancel`, () => ({ message: 'm' })],
    ];
    const mutate = (body: Record<string, unknown>): unknown => {
      for (let n = Math.floor(random.next() * 3); n > 0; n--) {
        const roll = random.next();
        const key = random.next() < 0.8 ? random.pick(Object.keys(body)) : random.pick(KEYS);
        if (key === undefined) continue;
        if (roll < 0.15) delete body[key];
        else if (roll < 0.3 && Array.isArray(body[key])) body[key] = [...(body[key] as unknown[]), value(1)];
        else body[key] = value(1);
      }
      return random.next() < 0.05 ? value(0) : body;
    };
    const counts = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      const [method, path, template] = random.pick(routes);
      const body = JSON.stringify(mutate(template()));
      const headers: Record<string, string> = method === 'POST' && random.next() < 0.2 ? { 'Idempotency-Key': `k${i % 7}` } : {};
      const res = await t.request(path, { method, body, headers });
      expect(res.status, `${method} ${path} ${body.slice(0, 200)}`).toBeLessThan(500);
      counts.set(res.status, (counts.get(res.status) ?? 0) + 1);
    }
    // The input must reach past the schemas often enough to exercise the services too.
    expect(counts.get(400) ?? 0).toBeGreaterThan(30);
    expect([...counts].filter(([status]) => status < 300).reduce((sum, [, n]) => sum + n, 0)).toBeGreaterThan(30);
  });
});
