/** Longest destination kept; anything longer lands on the page root. */
export const MAX_NEXT_LENGTH = 2048;

/**
 * NXT-1/2: where to send a viewer after signing in. `next` is resolved with
 * `new URL(next, publicUrl)` and kept only when it stays on the same origin and under `pagePath`
 * (the page itself or below it); anything else (`//evil.com`, `/\evil.com`, `https://evil.com`,
 * `javascript:…`, `https://status.example.com@evil.com/`, `/c/x/../../admin`) gives `pagePath`.
 * The answer is rebuilt from the parsed URL (path and query), never the raw input.
 *
 * @example resolveNextPath('/c/tok/history?month=2025-01', 'https://status.example.com', '/c/tok') // '/c/tok/history?month=2025-01'
 * @example resolveNextPath('//evil.com', 'https://status.example.com', '/c/tok') // '/c/tok'
 */
export function resolveNextPath(next: string | null | undefined, publicUrl: string, pagePath: string): string {
  if (typeof next !== 'string' || next === '' || next.length > MAX_NEXT_LENGTH) return pagePath;
  let base: URL;
  let target: URL;
  try {
    base = new URL(publicUrl);
    target = new URL(next, base);
  } catch {
    return pagePath;
  }
  if (target.origin !== base.origin || target.username !== '' || target.password !== '') return pagePath;
  const isUnderPage = target.pathname === pagePath || target.pathname.startsWith(`${pagePath}/`);
  return isUnderPage ? `${target.pathname}${target.search}` : pagePath;
}
