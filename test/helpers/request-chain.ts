import { Hono } from 'hono';
import pino from 'pino';
import { accessLog } from '../../src/web/middleware/access-log.js';
import { requestId } from '../../src/web/middleware/request-id.js';
import { securityHeaders } from '../../src/web/middleware/security-headers.js';

/** A tiny app with the request middleware chain, capturing log lines (shared by the middleware tests). */
export function buildApp(publicUrl = 'http://localhost:3000') {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  const app = new Hono();
  app.use(requestId(), accessLog(logger), securityHeaders(publicUrl));
  app.get('/hello', (c) => {
    c.get('logger').info({ note: 'inside' }, 'handler says hi');
    return c.text(c.get('requestId'));
  });
  app.get('/c/:token', (c) => c.text('customer page'));
  app.get('/auth', (c) => c.text('auth', 200, { 'Referrer-Policy': 'no-referrer' }));
  app.get('/boom', () => {
    throw new Error('secret stack');
  });
  app.onError((_err, c) => c.text('oops', 500));
  return { app, lines };
}
