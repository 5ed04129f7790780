import type { HttpBindings } from '@hono/node-server';
import type { Context, Next } from 'hono';

/**
 * Runs the rest of the chain and makes sure the response carries `headers`, unless the handler set
 * a header of the same name itself (its value wins). Under @hono/node-server they go straight onto
 * the Node response, which `writeHead` merges: reading `c.res.headers` would turn every cached
 * response's plain header object into a `Headers` instance, a measurable cost on the hot path.
 */
export async function nextWithDefaultHeaders(c: Context, next: Next, headers: Readonly<Record<string, string>>): Promise<void> {
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  if (outgoing) {
    for (const name in headers) outgoing.setHeader(name, headers[name]!);
    await next();
    return;
  }
  await next();
  const target = c.res.headers;
  for (const name in headers) if (!target.has(name)) target.set(name, headers[name]!);
}
