import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../test/helpers/request-chain.js';

describe('requestId', () => {
  it('generates an id, exposes it to handlers and echoes it', async () => {
    const { app } = buildApp();
    const res = await app.request('/hello');
    const id = res.headers.get('X-Request-Id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.text()).toBe(id);
  });

  it('echoes a sane incoming id', async () => {
    const { app } = buildApp();
    const res = await app.request('/hello', { headers: { 'X-Request-Id': 'lb-7f3a.42:x' } });
    expect(res.headers.get('X-Request-Id')).toBe('lb-7f3a.42:x');
  });

  it.each(['', 'a b', 'x'.repeat(129), '-leading-dash', 'a\u00e9', 'a"b', 'a\\nb'])('replaces the unsafe id %j', async (bad) => {
    const { app } = buildApp();
    const res = await app.request('/hello', { headers: { 'X-Request-Id': bad } });
    expect(res.headers.get('X-Request-Id')).not.toBe(bad);
    expect(res.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
