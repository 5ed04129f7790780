import type { Context } from 'hono';

const encoder = new TextEncoder();

/**
 * Sends `chunks` as a CSV download, each chunk written as it comes (no Content-Length, chunked), so
 * a large export never sits whole in memory. Personal data: never stored by any cache. A client that
 * goes away stops the reading (the generator's `return`).
 *
 * @example return sendCsvDownload(c, 'subscribers.csv', exportSubscribers(ctx, kinds, { scope }))
 */
export function sendCsvDownload(c: Context, filename: string, chunks: AsyncGenerator<string>): Response {
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`);
  c.header('Cache-Control', 'no-store');
  c.header('Vary', 'Cookie, Authorization');
  return c.body(body, 200);
}
