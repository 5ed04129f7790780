import type { Context, Hono } from 'hono';
import { renderStatuspageDocument } from '../api/v2/render-document.js';
import { endpointOf } from '../api/v2/statuspage-documents.js';
import { V2_METHOD_NOT_ALLOWED, V2_NOT_FOUND, V2_SIGNED_OUT, sendV2Problem } from '../api/v2/statuspage-problems.js';
import { customerPageLinks } from '../../services/statuspage/statuspage-presenters.js';
import type { RouteKit } from './route-kit.js';
import { PRIVATE_PROBLEM_HEADERS, sendPrivateDocument } from './private-documents.js';
import { signedInViewer } from './viewer.js';

/**
 * A customer page's read API at `/c/<token>/api/v2/…` (docs/statuspage-v2.md): the same documents as
 * a public page's, for the signed-in viewer only, the session checked on every request exactly as
 * the HTML page checks it (`signedInViewer`, SES-4). Without one: 401 problem+json (the HTML page shows
 * its sign-in form); an unknown token or path: the v2 404, the same whatever the token. Rendered once
 * per (customer page, revision, clock epoch) into the customer render cache; never offered to the
 * fast path, which answers only HTML for customer pages.
 */
export function routeCustomerStatuspageApi(routes: Hono, kit: RouteKit): void {
  const cache = kit.deps.renderCaches.customer;
  const { publicUrl } = kit;

  routes.get('/c/:token/api/v2/*', async (c: Context) => {
    const endpoint = endpointOf(c.req.path);
    if (endpoint === undefined) return sendV2Problem(c, V2_NOT_FOUND, PRIVATE_PROBLEM_HEADERS);
    const located = await kit.locate(c);
    if (!located) return sendV2Problem(c, V2_NOT_FOUND, PRIVATE_PROBLEM_HEADERS);
    if (!(await signedInViewer(kit, c, located))) return sendV2Problem(c, V2_SIGNED_OUT, PRIVATE_PROBLEM_HEADERS);

    const key = `${located.page.customerPage.id}\0v2\0${endpoint}`;
    const links = customerPageLinks(publicUrl, located.path);
    const entry =
      cache.lookup(located.snapshot, key) ??
      (await cache.fill(located.snapshot, key, (now) =>
        renderStatuspageDocument(kit.deps.archive, located.page, endpoint, now, () => links),
      ));
    return sendPrivateDocument(c, entry);
  });
  // Other methods (HEAD is GET's): 405 on a path naming an endpoint, else the 404; no state changes, so no CSRF check is due.
  routes.all('/c/:token/api/v2/*', (c) =>
    sendV2Problem(c, endpointOf(c.req.path) === undefined ? V2_NOT_FOUND : V2_METHOD_NOT_ALLOWED, PRIVATE_PROBLEM_HEADERS),
  );
}
