// The scale bench's HTTP client: node:http with keep-alive agents (as an API client or a browser
// keeps its connection), no Accept-Encoding (the identity bytes, as wrk asks), every request bounded.
import http from 'node:http';

/** One keep-alive agent per concurrent client, so that clients never wait for each other's sockets. */
export const keepAlive = (sockets = 1) => new http.Agent({ keepAlive: true, maxSockets: sockets });

/**
 * @returns {Promise<{ status: number, headers: http.IncomingHttpHeaders, body: Buffer, ms: number }>}
 *   `ms` from sending the request to the last byte of the response.
 */
export function send(url, { method = 'GET', headers = {}, json, form, agent = false, timeoutMs = 60_000 } = {}) {
  const body = json !== undefined ? JSON.stringify(json) : form !== undefined ? new URLSearchParams(form).toString() : undefined;
  const type = json !== undefined ? 'application/json' : 'application/x-www-form-urlencoded';
  const allHeaders = body === undefined ? headers : { ...headers, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) };
  const started = performance.now();
  const attempt = (isRetry) =>
    new Promise((resolve, reject) => {
      const request = http.request(url, { method, agent, headers: allHeaders, timeout: timeoutMs }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks), ms: performance.now() - started }),
        );
        response.on('error', reject);
      });
      request.on('timeout', () => request.destroy(new Error(`${method} ${url} took longer than ${timeoutMs} ms`)));
      request.on('error', (error) => {
        // The server closed an idle keep-alive connection as this request went out on it (Node's
        // keepAliveTimeout, which a long-blocked event loop lets expire under a waiting request): the
        // request was never read, so it is sent again, as Node's documentation advises; the time counts.
        if (!isRetry && request.reusedSocket && error.code === 'ECONNRESET') resolve(attempt(true));
        else reject(new Error(`${method} ${new URL(url).pathname}: ${error.message}`, { cause: error }));
      });
      request.end(body);
    });
  return attempt(false);
}

/** `send`, failing unless the status is `expected`. */
export async function expectStatus(expected, url, options) {
  const answer = await send(url, options);
  if (answer.status !== expected)
    throw new Error(
      `${options?.method ?? 'GET'} ${new URL(url).pathname} answered ${answer.status}, not ${expected}: ${answer.body.toString().slice(0, 300)}`,
    );
  return answer;
}

/** Nearest-rank percentile of unsorted samples; NaN without samples. */
export function percentile(samples, p) {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
