/**
 * Signed-in customer pages answered by the fast path in front of the app (docs/customer-sessions.md), against
 * `beacon serve` wired for real: the same bytes and headers as the app, and never a page the app
 * would refuse (security.md SES-4, SES-7, HDR-1).
 */
import { describe, expect, it, vi } from 'vitest';
import { seedCustomerPages } from '../../test/helpers/customer-pages.js';
import { type RawAnswer, rawRequest } from '../../test/helpers/raw-http.js';
import { useServedBeacon } from '../../test/helpers/served-beacon.js';

const nonceOf = (answer: RawAnswer): string => /'nonce-([^']+)'/.exec(String(answer.headers['content-security-policy']))?.[1] ?? '';

/** What must match between the app and the fast path: headers but date, request id and the nonce; the body with its nonce masked. */
function comparable(answer: RawAnswer) {
  const nonce = nonceOf(answer);
  return {
    status: answer.status,
    lines: answer.lines.filter((line) => !/^(date|x-request-id):/i.test(line)).map((line) => line.replaceAll(nonce, 'NONCE')),
    body: answer.text.replaceAll(nonce, 'NONCE'),
  };
}

const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' };
const setCookies = (answer: RawAnswer): string[] => (answer.headers['set-cookie'] ?? []).map((line) => line.split(';')[0]!);

describe('signed-in customer pages on the fast path (beacon serve)', () => {
  const serve = useServedBeacon();

  async function start() {
    const { server, seeded, token, lines } = await serve((ctx, config) => seedCustomerPages(ctx, config.publicUrl));
    const url = server.url;
    /** Requests the app (not the fast path) answered for a path of a customer page. */
    const appLogged = () =>
      lines.filter((line) => line.msg === 'request' && line.method === 'GET' && String(line.path).startsWith('/c/:token')).length;
    const api = (method: string, path: string, body: unknown) =>
      fetch(`${url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    /** Signs in through the HTTP flow; the link comes from the development log mailer. Returns `name=value`. */
    async function signIn(path: string, email: string): Promise<string> {
      const asked = await rawRequest(`${url}${path}/sign-in`, SAME_ORIGIN, 'POST', new URLSearchParams({ email }).toString());
      const pending = setCookies(asked).find((cookie) => cookie.includes('beacon_p_'))!;
      const link = await vi.waitFor(
        () => {
          const mail = lines.find((line) => (line.mail as { to?: string } | undefined)?.to === email);
          if (!mail) throw new Error('no mail yet');
          return (mail.mail as { link: string }).link;
        },
        { timeout: 15_000, interval: 50 },
      );
      const redeemed = await rawRequest(
        `${url}${path}/auth`,
        { ...SAME_ORIGIN, cookie: pending },
        'POST',
        new URLSearchParams({ link }).toString(),
      );
      expect(redeemed.status).toBe(303);
      return setCookies(redeemed).find((cookie) => cookie.includes('beacon_s_') && !cookie.endsWith('='))!;
    }
    return { url, seeded, appLogged, api, signIn, lines };
  }

  const isPage = (answer: RawAnswer) => answer.status === 200 && answer.text.includes('Sign out') && answer.text.includes('Public API');
  const isSignInForm = (answer: RawAnswer) =>
    answer.status === 200 && answer.text.includes('name="email"') && !answer.text.includes('Public API');

  it('HDR-1: sends the same bytes and headers as the app, with a fresh nonce each time, without the app', async () => {
    const { url, seeded, appLogged, signIn } = await start();
    const cookie = await signIn(seeded.acme.path, 'alice@acme-corp.com');
    const before = appLogged();
    const viaApp = await rawRequest(`${url}${seeded.acme.path}`, { cookie });
    expect(isPage(viaApp)).toBe(true);
    expect(appLogged()).toBe(before + 1);

    const viaFastPath = await rawRequest(`${url}${seeded.acme.path}`, { cookie, 'x-request-id': 'trace-7' });
    const again = await rawRequest(`${url}${seeded.acme.path}`, { cookie });
    expect(appLogged()).toBe(before + 1);
    expect(comparable(viaFastPath)).toEqual(comparable(viaApp));
    expect(comparable(again)).toEqual(comparable(viaApp));
    expect(viaFastPath.headers['x-request-id']).toBe('trace-7');
    // HDR-1: a new nonce on every response, and the scripts carry the header's.
    const nonces = [viaApp, viaFastPath, again].map(nonceOf);
    expect(new Set(nonces).size).toBe(3);
    for (const [i, answer] of [viaApp, viaFastPath, again].entries()) expect(answer.text).toContain(`nonce="${nonces[i]}"`);
    expect(viaFastPath.headers['cache-control']).toBe('no-store');
    expect(viaFastPath.headers['x-robots-tag']).toBe('noindex');
    expect(viaFastPath.headers['referrer-policy']).toBe('no-referrer');

    // Another view of the page is hot once the app has answered it.
    const history = `${url}${seeded.acme.path}/history`;
    const historyViaApp = await rawRequest(history, { cookie });
    const historyViaFastPath = await rawRequest(history, { cookie });
    expect(comparable(historyViaFastPath)).toEqual(comparable(historyViaApp));
    expect(appLogged()).toBe(before + 2);
  }, 60_000);

  it('SES-4: answers only a session this process holds, for its own page; everything else gets what the app gives', async () => {
    const { url, seeded, signIn } = await start();
    const alice = await signIn(seeded.acme.path, 'alice@acme-corp.com');
    const bob = await signIn(seeded.globex.path, 'bob@globex.com');
    expect(isPage(await rawRequest(`${url}${seeded.acme.path}`, { cookie: alice }))).toBe(true);
    expect(isPage(await rawRequest(`${url}${seeded.acme.path}`, { cookie: alice }))).toBe(true); // hot now

    const [name, value] = alice.split('=') as [string, string];
    const forged = `${name}=${value.slice(0, -2)}${value.endsWith('AA') ? 'BB' : 'AA'}`;
    const bobOnAcme = `${name}=${bob.split('=')[1]}`;
    for (const cookie of [forged, bob, bobOnAcme, `${name}=`, `${name}="${value}"`, 'theme=dark']) {
      const answer = await rawRequest(`${url}${seeded.acme.path}`, { cookie });
      if (cookie === `${name}="${value}"`) continue; // quoted: the app's parser decides, whatever it decides
      expect(isSignInForm(answer), cookie).toBe(true);
    }
    expect(isSignInForm(await rawRequest(`${url}${seeded.acme.path}`))).toBe(true);
    // Alice is still in.
    expect(isPage(await rawRequest(`${url}${seeded.acme.path}`, { cookie: alice }))).toBe(true);
  }, 60_000);

  it('SES-7 and SES-4: sign-out, staff revocation and a domain removed end access on the very next request', async () => {
    const { url, seeded, signIn, api } = await start();
    const page = `${url}${seeded.acme.path}`;
    const warm = async (cookie: string) => {
      for (let i = 0; i < 3; i++) expect(isPage(await rawRequest(page, { cookie }))).toBe(true);
    };

    const alice = await signIn(seeded.acme.path, 'alice@acme-corp.com');
    await warm(alice);
    const out = await rawRequest(`${page}/sign-out`, { ...SAME_ORIGIN, cookie: alice }, 'POST', '');
    expect(out.status).toBe(303);
    expect(isSignInForm(await rawRequest(page, { cookie: alice }))).toBe(true);

    const carol = await signIn(seeded.acme.path, 'carol@acme-corp.com');
    await warm(carol);
    const revoked = await api('POST', `/customer-pages/${seeded.acme.customerPageId}/sessions/revoke`, { email: 'carol@acme-corp.com' });
    expect(revoked.status).toBe(200);
    expect(isSignInForm(await rawRequest(page, { cookie: carol }))).toBe(true);

    const dave = await signIn(seeded.acme.path, 'dave@acme-labs.com');
    const erin = await signIn(seeded.acme.path, 'erin@acme-corp.com');
    await warm(dave);
    await warm(erin);
    const changed = await api('PATCH', `/catalog/entries/${seeded.acme.entryId}`, { values: { email_domains: ['acme-corp.com'] } });
    expect(changed.status).toBe(200);
    expect(isSignInForm(await rawRequest(page, { cookie: dave }))).toBe(true);
    // Erin's domain stays: she is still in, and the page is hot again after one answer from the app.
    await warm(erin);
  }, 90_000);
});
