import net from 'node:net';

/** One response as read off the wire. */
interface WireResponse {
  status: number;
  /** Header names in lower case. */
  headers: Map<string, string>;
  body: Buffer;
}

/** A request written on a connection and what became of it. */
export interface Exchange {
  /** `performance.now()` once the request's last byte was handed to the kernel. */
  writtenAt: number;
  response?: WireResponse;
  /** Why no complete response came: the socket's error code, or `closed` (the server's FIN came first). */
  failure?: string;
  /** `performance.now()` when the response was read or the request failed. */
  settledAt?: number;
}

/** How a connection ended, as the client saw it. */
export interface Ending {
  /** The server's FIN arrived. */
  sawEnd: boolean;
  /** A socket error (e.g. ECONNRESET), if any. */
  error?: string;
  at: number;
}

interface Pending {
  exchange: Exchange;
  isHead: boolean;
  settle: (exchange: Exchange) => void;
}

/**
 * A keep-alive HTTP/1.1 connection over a raw socket, so a test knows exactly when each request's
 * bytes were written. Requests may be pipelined; responses are matched to them in order and read by
 * Content-Length or chunked framing.
 */
export class KeepAliveConnection {
  readonly ended: Promise<Ending>;
  private readonly pending: Pending[] = [];
  private buffer: Buffer = Buffer.alloc(0);

  private constructor(private readonly socket: net.Socket) {
    let sawEnd = false;
    let error: string | undefined;
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.readResponses();
    });
    socket.on('end', () => {
      sawEnd = true;
      this.failPending('closed');
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      error = err.code ?? err.message;
      this.failPending(error);
    });
    this.ended = new Promise((resolve) =>
      socket.on('close', () => {
        this.failPending(error ?? 'closed');
        resolve({ sawEnd, error, at: performance.now() });
      }),
    );
  }

  static open(url: string): Promise<KeepAliveConnection> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(port), hostname);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new KeepAliveConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  get isOpen(): boolean {
    return !this.socket.destroyed && this.socket.writable;
  }

  /** Writes one request now; resolves once its response is read or the connection fails it. */
  send(method: string, path: string, headers: Record<string, string> = {}, body = ''): Promise<Exchange> {
    const lines = [
      `${method} ${path} HTTP/1.1`,
      'Host: beacon.test',
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ];
    if (body !== '') lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
    return this.write(`${lines.join('\r\n')}\r\n\r\n${body}`, method === 'HEAD');
  }

  /** Writes several requests in one write (HTTP pipelining). */
  pipeline(paths: string[]): Promise<Exchange>[] {
    const exchanges = paths.map(() => ({ writtenAt: Number.NaN }) as Exchange);
    const settled = exchanges.map((exchange) => new Promise<Exchange>((settle) => this.pending.push({ exchange, isHead: false, settle })));
    const bytes = paths.map((path) => `GET ${path} HTTP/1.1\r\nHost: beacon.test\r\n\r\n`).join('');
    this.socket.write(bytes, () => {
      for (const exchange of exchanges) exchange.writtenAt = performance.now();
    });
    return settled;
  }

  destroy(): void {
    this.socket.destroy();
  }

  private write(bytes: string, isHead: boolean): Promise<Exchange> {
    const exchange: Exchange = { writtenAt: Number.NaN };
    if (!this.isOpen) return Promise.resolve({ ...exchange, failure: 'closed' });
    return new Promise((settle) => {
      this.pending.push({ exchange, isHead, settle });
      this.socket.write(bytes, (error) => {
        if (!error) exchange.writtenAt = performance.now();
      });
    });
  }

  private failPending(failure: string): void {
    for (const pending of this.pending.splice(0)) pending.settle({ ...pending.exchange, failure, settledAt: performance.now() });
  }

  private readResponses(): void {
    for (;;) {
      const next = this.pending[0];
      if (next === undefined) return;
      const parsed = parseResponse(this.buffer, next.isHead);
      if (parsed === null) return;
      this.buffer = this.buffer.subarray(parsed.length);
      this.pending.shift();
      next.settle({ ...next.exchange, response: parsed.response, settledAt: performance.now() });
    }
  }
}

/** The first complete response in `buffer` and its length in bytes, or null while incomplete. */
function parseResponse(buffer: Buffer, isHead: boolean): { response: WireResponse; length: number } | null {
  const headEnd = buffer.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const [statusLine, ...headerLines] = buffer.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = Number(statusLine!.split(' ')[1]);
  const headers = new Map<string, string>();
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const bodyStart = headEnd + 4;
  if (isHead || status === 204 || status === 304) return { response: { status, headers, body: Buffer.alloc(0) }, length: bodyStart };
  const contentLength = headers.get('content-length');
  if (contentLength !== undefined) {
    const end = bodyStart + Number(contentLength);
    return buffer.length < end ? null : { response: { status, headers, body: buffer.subarray(bodyStart, end) }, length: end };
  }
  if (headers.get('transfer-encoding')?.toLowerCase() !== 'chunked')
    throw new Error('a response with neither Content-Length nor chunked framing');
  const chunks: Buffer[] = [];
  let at = bodyStart;
  for (;;) {
    const sizeEnd = buffer.indexOf('\r\n', at);
    if (sizeEnd < 0) return null;
    const size = Number.parseInt(buffer.subarray(at, sizeEnd).toString('latin1'), 16);
    const chunkEnd = sizeEnd + 2 + size + 2;
    if (buffer.length < chunkEnd) return null;
    if (size === 0) return { response: { status, headers, body: Buffer.concat(chunks) }, length: chunkEnd };
    chunks.push(buffer.subarray(sizeEnd + 2, sizeEnd + 2 + size));
    at = chunkEnd;
  }
}
