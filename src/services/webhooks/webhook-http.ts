import { lookup as dnsLookup } from 'node:dns';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { AddressPolicy } from '../../domain/webhooks/address-policy.js';

/** What is read of a response body at most (WH-3); the rest is left unread and the socket closed. */
const RESPONSE_READ_LIMIT = 64 * 1024;

export interface WebhookResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** At most `RESPONSE_READ_LIMIT` bytes of the body, as text. */
  body: string;
  durationMs: number;
}

/** A request that never reached a response: refused by WH-2, DNS, connection, timeout. */
export class WebhookRequestError extends Error {
  constructor(
    message: string,
    readonly durationMs: number,
  ) {
    super(message);
  }
}

export interface WebhookPost {
  url: URL;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * WH-2: a `lookup` for http.request that resolves the host itself and refuses the connection when any
 * address it resolves to is refused by `policy`; the socket then connects to exactly the address
 * checked, so a DNS answer that changes between check and connect (rebinding) changes nothing.
 */
function guardedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0, hints: options.hints }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.map((entry) => policy.refusal(entry.address)).find((reason) => reason !== null);
      if (refused !== undefined || addresses.length === 0) {
        const refusal = Object.assign(new Error(`refused: ${hostname} resolves to ${refused ?? 'nothing'}`), { code: 'EWEBHOOKREFUSED' });
        return callback(refusal, '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, all: typeof addresses) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** Why `url` may not be connected to, judged now against DNS (a subscription form's check), or null. */
export async function urlRefusal(url: URL, policy: AddressPolicy): Promise<string | null> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) return policy.refusal(host);
  return new Promise((resolve) => {
    guardedLookup(policy)(host, { all: true }, (error) => resolve(error ? error.message : null));
  });
}

/**
 * POSTs `body` to `url` under WH-2 and WH-3: the target address is checked after resolution (IP
 * literals before connecting), redirects are not followed (the caller sees the 3xx), the whole
 * exchange has `timeoutMs`, and at most `RESPONSE_READ_LIMIT` bytes of the answer are read.
 */
export async function postWebhook(request: WebhookPost, policy: AddressPolicy): Promise<WebhookResponse> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const host = request.url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) {
    const refusal = policy.refusal(host);
    if (refusal !== null) throw new WebhookRequestError(`refused: ${refusal}`, elapsed());
  }
  const signal = request.signal
    ? AbortSignal.any([request.signal, AbortSignal.timeout(request.timeoutMs)])
    : AbortSignal.timeout(request.timeoutMs);
  const client = request.url.protocol === 'https:' ? https : http;
  return new Promise<WebhookResponse>((resolve, reject) => {
    const fail = (error: Error): void => {
      const reason = signal.aborted && !request.signal?.aborted ? `timed out after ${request.timeoutMs} ms` : error.message;
      reject(new WebhookRequestError(reason, elapsed()));
    };
    const outgoing = client.request(
      request.url,
      {
        method: 'POST',
        headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
        lookup: guardedLookup(policy),
        signal,
        // A fresh connection per delivery: a pooled socket would skip the address check.
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = (): void => {
          response.destroy();
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            durationMs: elapsed(),
          });
        };
        response.on('data', (chunk: Buffer) => {
          const room = RESPONSE_READ_LIMIT - size;
          chunks.push(chunk.subarray(0, room));
          size += Math.min(chunk.length, room);
          if (size >= RESPONSE_READ_LIMIT) finish();
        });
        response.on('end', finish);
        response.on('error', fail);
      },
    );
    outgoing.on('error', fail);
    outgoing.end(request.body);
  });
}
