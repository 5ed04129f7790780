import { describe, expect, it } from 'vitest';
import { MAX_NEXT_LENGTH, resolveNextPath } from './next-path.js';

const PUBLIC_URL = 'https://status.example.com';
const PAGE = '/c/AbCdEfGhIjKlMnOpQrStUvWx';

describe('resolveNextPath (NXT-1/2)', () => {
  it.each([
    [PAGE, PAGE],
    [`${PAGE}/history`, `${PAGE}/history`],
    [`${PAGE}/history?month=2025-01`, `${PAGE}/history?month=2025-01`],
    [`${PAGE}/incidents/abc`, `${PAGE}/incidents/abc`],
    [`https://status.example.com${PAGE}/history`, `${PAGE}/history`],
  ])('keeps %s on the page', (next, expected) => {
    expect(resolveNextPath(next, PUBLIC_URL, PAGE)).toBe(expected);
  });

  it.each([
    ['//evil.com'],
    ['//evil.com/c/AbCdEfGhIjKlMnOpQrStUvWx'],
    ['/\\evil.com'],
    ['\\\\evil.com'],
    ['https://evil.com'],
    [`https://evil.com${PAGE}`],
    ['javascript:alert(1)'],
    ['JavaScript:alert(document.cookie)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['https://status.example.com@evil.com/'],
    [`https://user:pass@status.example.com${PAGE}`],
    ['http://status.example.com/c/AbCdEfGhIjKlMnOpQrStUvWx'],
    ['https://status.example.com:8443/c/AbCdEfGhIjKlMnOpQrStUvWx'],
    ['/admin'],
    ['/'],
    [`${PAGE}x`],
    [`${PAGE}-other/history`],
    ['/c/AnotherPageTokenXXXXXXXX'],
    [`${PAGE}/../../admin`],
    [`${PAGE}/%2e%2e/%2e%2e/admin`],
    ['  //evil.com'],
    ['\t/\\evil.com'],
    [''],
    [`${PAGE}/${'a'.repeat(MAX_NEXT_LENGTH)}`],
  ])('sends %s to the page root', (next) => {
    expect(resolveNextPath(next, PUBLIC_URL, PAGE)).toBe(PAGE);
  });

  // A path under the page on another origin, or with user info on the right origin, would be kept
  // by the path check alone: each of the checks below is what sends it to the page root.
  it.each([
    [`https://evil.com${PAGE}/history`],
    [`//evil.com${PAGE}/history`],
    [`//user@evil.com${PAGE}/history`],
    [`http://status.example.com${PAGE}/history`],
    [`https://status.example.com:8443${PAGE}/history`],
  ])('NXT-1/2: %s, under the page but on another origin, lands on the page root', (next) => {
    expect(resolveNextPath(next, PUBLIC_URL, PAGE)).toBe(PAGE);
  });

  it.each([
    [`https://user@status.example.com${PAGE}/history`],
    [`//user@status.example.com${PAGE}/history`],
    [`https://user:pass@status.example.com${PAGE}/history`],
    [`https://:pass@status.example.com${PAGE}/history`],
  ])('NXT-1/2: %s, on the right origin and under the page but with user info, lands on the page root', (next) => {
    expect(resolveNextPath(next, PUBLIC_URL, PAGE)).toBe(PAGE);
  });

  it('treats a missing destination as the page root', () => {
    expect(resolveNextPath(null, PUBLIC_URL, PAGE)).toBe(PAGE);
    expect(resolveNextPath(undefined, PUBLIC_URL, PAGE)).toBe(PAGE);
  });

  it('returns the parsed form, never the raw input', () => {
    expect(resolveNextPath(`${PAGE}/history/../incidents/x`, PUBLIC_URL, PAGE)).toBe(`${PAGE}/incidents/x`);
    expect(resolveNextPath(`${PAGE}/history#frag`, PUBLIC_URL, PAGE)).toBe(`${PAGE}/history`);
  });
});
