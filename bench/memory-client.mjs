// HTTP helpers for `bench/memory.mjs`: one keep-alive agent, JSON API calls, a sign-in through the
// development log mailer, and a pool of concurrent GETs.
import { readFileSync } from 'node:fs';
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One request; the body is read in full and returned as a Buffer. */
export function send(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, agent, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode,
          cookies: (response.headers['set-cookie'] ?? []).map((line) => line.split(';')[0]),
          body: Buffer.concat(chunks),
        }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** A staff API client: `api('PUT', '/catalog/…', body)` → the parsed JSON; throws on a non-2xx answer. */
export function apiClient(beacon, key) {
  return async (method, path, json) => {
    const headers = { Authorization: `Bearer ${key}` };
    if (json !== undefined) headers['Content-Type'] = 'application/json';
    const response = await send(`${beacon}/api/v1${path}`, {
      method,
      headers,
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    if (response.status < 200 || response.status > 299)
      throw new Error(`${method} ${path} answered ${response.status}: ${response.body.toString().slice(0, 400)}`);
    return response.body.length === 0 ? null : JSON.parse(response.body.toString());
  };
}

/**
 * Signs `email` in to the customer page at `path` as a browser does: asks for a link (the log mailer
 * writes it to the server log), then redeems it with the pending cookie. Returns the session cookie.
 */
export async function signIn(beacon, path, email, logPath) {
  const sameOrigin = { 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/x-www-form-urlencoded' };
  const asked = await send(`${beacon}${path}/sign-in`, {
    method: 'POST',
    headers: sameOrigin,
    body: new URLSearchParams({ email }).toString(),
  });
  const pending = asked.cookies.find((cookie) => cookie.includes('beacon_p_'));
  if (asked.status !== 200 || !pending) throw new Error(`asking for a sign-in link for ${email} answered ${asked.status}`);
  let link;
  for (let waited = 0; !link && waited < 15_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    link = readFileSync(logPath, 'utf8')
      .split('\n')
      .filter((line) => line.includes('"mail"') && line.includes(email))
      .map((line) => JSON.parse(line).mail?.link)
      .find(Boolean);
  }
  if (!link) throw new Error(`no sign-in link for ${email} appeared in the server log`);
  const redeemed = await send(`${beacon}${path}/auth`, {
    method: 'POST',
    headers: { ...sameOrigin, Cookie: pending },
    body: new URLSearchParams({ link }).toString(),
  });
  const session = redeemed.cookies.find((cookie) => cookie.includes('beacon_s_') && !cookie.endsWith('='));
  if (redeemed.status !== 303 || !session) throw new Error(`redeeming the sign-in link for ${email} answered ${redeemed.status}`);
  return session;
}

/**
 * Sends `count` GETs built by `next(i)` (→ { url, headers }) over `connections` concurrent streams,
 * calling `between(i)` (awaited) before request i when given. Returns the count per status class.
 */
export async function runRequests(count, connections, next, between) {
  const statuses = {};
  let issued = 0;
  const worker = async () => {
    while (issued < count) {
      const i = issued++;
      if (between) await between(i);
      const { url, headers } = next(i);
      const { status } = await send(url, { headers });
      const kind = `${Math.floor(status / 100)}xx`;
      statuses[kind] = (statuses[kind] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return statuses;
}

/** The resident set of a process in MB, from /proc (Linux). */
export function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
  if (!Number.isFinite(kb)) throw new Error(`no VmRSS for process ${pid}`);
  return kb / 1024;
}
