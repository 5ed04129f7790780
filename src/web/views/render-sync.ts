import type { JSX } from 'hono/jsx/jsx-runtime';

/** What hono/jsx's nodes do underneath `toString()`: append their HTML to `buffer[0]`. */
interface BufferRenderable {
  toStringToBuffer(buffer: string[] & { callbacks?: unknown[] }): void;
}

/**
 * `element.toString()` for Beacon's views, which are all synchronous and use no JSX context, without
 * hono/jsx's render context. `toString()` runs every render inside an AsyncLocalStorage (so that
 * `useContext` survives an `await`), and the first such run turns Node's async hooks on for the rest
 * of the process: every later promise, tick and socket write pays for them (a measurable share of a
 * fast-path request: docs/performance.md). Throws when something asynchronous slipped into
 * a view (it would otherwise render as a Promise).
 *
 * @example renderSync(<StatusPage view={view} assets={assets} canonical={url} />)
 */
export function renderSync(element: JSX.Element): string {
  const node = element as unknown as Partial<BufferRenderable>;
  if (typeof node.toStringToBuffer !== 'function') return String(element);
  const buffer: string[] & { callbacks?: unknown[] } = [''];
  node.toStringToBuffer(buffer);
  if (buffer.length !== 1 || buffer.callbacks !== undefined) throw new TypeError('views must render synchronously');
  return buffer[0]!;
}
