import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../test/helpers/request-chain.js';
import { loggablePath } from './access-log.js';

describe('accessLog', () => {
  it('logs one line per request with method, path, status, duration and request id', async () => {
    const { app, lines } = buildApp();
    const res = await app.request('/hello', { headers: { 'X-Request-Id': 'req-1' } });
    expect(res.status).toBe(200);
    const access = lines.filter((line) => line.msg === 'request');
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({ requestId: 'req-1', method: 'GET', path: '/hello', status: 200 });
    expect(typeof access[0]?.durationMs).toBe('number');
    // The handler's own lines carry the request id too.
    expect(lines.find((line) => line.msg === 'handler says hi')).toMatchObject({ requestId: 'req-1', note: 'inside' });
  });

  it('never logs the query string, cookies or Authorization (LOG-2, RED-6)', async () => {
    const { app, lines } = buildApp();
    await app.request('/hello?token=sekrit-query', {
      headers: { Cookie: 'session=sekrit-cookie', Authorization: 'Bearer sekrit-key' },
    });
    const all = JSON.stringify(lines);
    expect(all).not.toContain('sekrit');
    expect(lines.find((line) => line.msg === 'request')).toMatchObject({ path: '/hello' });
  });

  it('logs customer page paths without their token (RED-6)', async () => {
    const { app, lines } = buildApp();
    await app.request('/c/Zm9vYmFyc2VjcmV0dG9rZW4');
    expect(JSON.stringify(lines)).not.toContain('Zm9vYmFyc2VjcmV0dG9rZW4');
    expect(lines.find((line) => line.msg === 'request')).toMatchObject({ path: '/c/:token' });
  });

  it('logs the status of a failed request', async () => {
    const { app, lines } = buildApp();
    const res = await app.request('/boom');
    expect(res.status).toBe(500);
    expect(res.headers.get('X-Request-Id')).toBeTruthy();
    expect(lines.find((line) => line.msg === 'request')).toMatchObject({ path: '/boom', status: 500 });
  });

  it.each([
    ['/c/abc', '/c/:token'],
    ['/c/abc/incidents/1', '/c/:token/incidents/1'],
    ['/c/', '/c/:token'],
    ['/cats/abc', '/cats/abc'],
    ['/', '/'],
  ])('loggablePath(%j) is %j', (path, expected) => {
    expect(loggablePath(path)).toBe(expected);
  });
});
