import type { AppDeps } from '../app-deps.js';
import type { HtmlErrorRenderer } from '../middleware/error-handler.js';
import { DEFAULT_SITE_NAME, renderErrorPage, renderNotFoundPage } from './render.js';
import { siteNameOf } from './site-name.js';

/**
 * The HTML page a browser gets for an error on a page path (the error handler's `renderHtmlError`):
 * the shared 404 page, or a page naming the status and the site, never the failure itself. Never
 * stored by a cache, as the next request may well succeed.
 */
export function createHtmlErrorRenderer(deps: AppDeps): HtmlErrorRenderer {
  const options = { publicUrl: deps.config.publicUrl };
  return async (_c, problem, headers) => {
    let siteName: string | undefined;
    try {
      siteName = siteNameOf(await deps.snapshots.fresh());
    } catch {
      // The data may be what failed: the page still names a site.
    }
    const body =
      problem.status === 404
        ? renderNotFoundPage(options, siteName)
        : renderErrorPage(options, {
            siteName: siteName ?? DEFAULT_SITE_NAME,
            status: problem.status,
            heading: problem.status >= 500 ? 'Something went wrong' : problem.title,
            text:
              problem.status >= 500
                ? 'This page could not be shown. The error has been logged; please try again in a moment.'
                : 'This request could not be answered. Please go back and try again.',
          });
    return new Response(body, {
      status: problem.status,
      headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  };
}
