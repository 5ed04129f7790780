import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { headHtml } from '../../views/document-head.js';
import { faviconHref } from '../../views/icons.js';

export interface AuthAssets {
  /** The public stylesheet, then the customer pages' own. */
  stylesheets: readonly string[];
}

export interface AuthLayoutProps {
  title: string;
  /** The customer page's name; the only thing these pages say about it. */
  pageName: string;
  /** The page's root, `/c/<token>`. */
  homePath: string;
  assets: AuthAssets;
  /** The one script a page may run, with this response's nonce (HDR-1); most run none. */
  script?: { src: string; nonce: string };
  /** Beside the name in the header (the staff dashboard's navigation and sign-out). */
  headerExtra?: Child;
  /** The content at full width instead of one narrow card (the staff dashboard's screens). */
  wide?: boolean;
  children?: Child;
}

/**
 * The document around the sign-in pages: like the public layout, but showing nothing of the page's
 * status, never indexed, and loading nothing from anyone else (RED-7).
 */
export function AuthLayout({ title, pageName, homePath, assets, script, headerExtra, wide, children }: AuthLayoutProps) {
  return (
    <html lang="en">
      {raw(
        headHtml([
          { tag: 'meta', attributes: { charset: 'utf-8' } },
          { tag: 'meta', attributes: { name: 'viewport', content: 'width=device-width, initial-scale=1' } },
          { tag: 'meta', attributes: { name: 'robots', content: 'noindex' } },
          { tag: 'title', text: `${title} · ${pageName}` },
          { tag: 'meta', attributes: { name: 'color-scheme', content: 'light dark' } },
          { tag: 'link', attributes: { rel: 'icon', href: faviconHref('none') } },
          ...assets.stylesheets.map((href) => ({ tag: 'link', attributes: { rel: 'stylesheet', href } }) as const),
          ...(script ? [{ tag: 'script', attributes: { src: script.src, nonce: script.nonce, defer: true } } as const] : []),
        ]),
      )}
      <body>
        <header class="site">
          <div class="wrap site-inner">
            <a class="brand" href={homePath}>
              <span class="brand-mark" aria-hidden="true" />
              {pageName}
            </a>
            {headerExtra}
          </div>
        </header>
        <main id="main" class="wrap">
          {wide ? children : <div class="auth card">{children}</div>}
        </main>
        <footer class="site-footer">
          <div class="wrap footer-inner">
            <p>
              Powered by <span class="beacon">Beacon</span>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
