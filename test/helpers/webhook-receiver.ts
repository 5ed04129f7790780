import { type IncomingHttpHeaders, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a receiver got. */
interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the receiver answers a request with; by default 204. */
export type ReceiverAnswer = { status: number; headers?: Record<string, string>; body?: string };

/**
 * A real local HTTP server that records every POST and answers as the test says, for webhook tests.
 *
 * @example const receiver = await startWebhookReceiver(); … await receiver.close()
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  let answers: ReceiverAnswer[] = [];
  let fallback: ReceiverAnswer = { status: 204 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = answers.shift() ?? fallback;
      response.writeHead(answer.status, answer.headers ?? {});
      response.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    /** The next requests get these answers, in order; then `fallback`. */
    answerNext(...next: ReceiverAnswer[]) {
      answers = [...answers, ...next];
    },
    answerAlways(answer: ReceiverAnswer) {
      fallback = answer;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
