import type { Child } from 'hono/jsx';
import type { FamilyView, OverallView, PageHeaderView } from './models/page-view.js';
import { raw } from 'hono/html';
import { headHtml } from './document-head.js';
import { LEFT_ARROW } from './entities.js';
import { NEUTRAL_FAVICON, faviconHref } from './icons.js';
import { linkPreviewMeta } from './link-preview.js';
import { SubscribeMenu, feedHeadLinks, subscribeLinksOf } from './subscribe-menu.js';

export interface Assets {
  stylesheet: string;
  script: string;
}

/**
 * What a signed-in customer page adds to the public page's document: `noindex` (HDR-3..8), the
 * customer stylesheet, a nonce on every script (HDR-1) and a Sign out form in the header (SES-7).
 */
export interface CustomerChrome {
  /** The customer pages' own stylesheet, loaded after the public one. */
  stylesheet: string;
  /** Where Sign out posts: `/c/<token>/sign-out`. */
  signOutAction: string;
  /** The viewer's "API and feed access" screen: `/c/<token>/tokens`. */
  tokensHref: string;
  /**
   * Every script's `nonce`. Cached pages carry `NONCE_PLACEHOLDER` (web/customer/private-page.ts)
   * here, which each response replaces with its own.
   */
  scriptNonce: string;
  /**
   * Set when staff preview the page from the dashboard (STF-8): a banner saying so above the page, with
   * the way back. The page itself is rendered as for its customers.
   */
  preview?: { text: string; backHref: string };
}

export interface LayoutProps {
  title: string;
  description: string;
  /** Absolute URL of this document, for `rel=canonical`; omitted on error pages. */
  canonical?: string;
  assets: Assets;
  /** The page being shown; absent on error pages, which belong to no page and show no status. */
  page?: PageHeaderView;
  /** What the header names when there is no page (the site's name); `Status` by default. */
  siteName?: string;
  overall?: OverallView;
  /** Which navigation link is this document. */
  current?: 'home' | 'history';
  /** Present on a signed-in customer page; such a page always has a `page`. */
  customer?: CustomerChrome;
  children?: Child;
}

/** The document around every public page, and every signed-in customer page (`customer`): head, site header, main landmark and footer. */
export function Layout({ title, description, canonical, assets, page, siteName, overall, current, customer, children }: LayoutProps) {
  return (
    <html lang="en">
      {raw(
        headHtml([
          { tag: 'meta', attributes: { charset: 'utf-8' } },
          { tag: 'meta', attributes: { name: 'viewport', content: 'width=device-width, initial-scale=1' } },
          { tag: 'title', text: title },
          { tag: 'meta', attributes: { name: 'description', content: description } },
          { tag: 'meta', attributes: { name: 'color-scheme', content: 'light dark' } },
          { tag: 'link', attributes: { rel: 'icon', href: page ? faviconHref(overall?.indicator ?? 'none') : NEUTRAL_FAVICON } },
          ...(canonical ? [{ tag: 'link', attributes: { rel: 'canonical', href: canonical } } as const] : []),
          // Link previews for public pages only: a customer page is private (HDR-3..8).
          ...(page && canonical && !customer
            ? linkPreviewMeta({ title, description, url: canonical, siteName: page.name, status: overall?.description ?? '' })
            : []),
          { tag: 'link', attributes: { rel: 'stylesheet', href: assets.stylesheet } },
          ...(page ? feedHeadLinks(page.name, page.basePath) : []),
          ...(page?.brandStylesheet ? [{ tag: 'link', attributes: { rel: 'stylesheet', href: page.brandStylesheet } } as const] : []),
          {
            tag: 'script',
            attributes: customer ? { nonce: customer.scriptNonce, src: assets.script, defer: true } : { src: assets.script, defer: true },
          },
          ...(customer
            ? ([
                { tag: 'meta', attributes: { name: 'robots', content: 'noindex' } },
                { tag: 'link', attributes: { rel: 'stylesheet', href: customer.stylesheet } },
              ] as const)
            : []),
        ]),
      )}
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        {customer?.preview && (
          <aside class="preview-banner" aria-label="Preview">
            <p class="wrap">
              <strong>Preview</strong> {customer.preview.text} <a href={customer.preview.backHref}>Back to the dashboard</a>
            </p>
          </aside>
        )}
        <header class="site">
          <div class="wrap site-inner">
            {page ? (
              <a class="brand" href={page.homePath}>
                <span class={`brand-mark bm-${overall?.indicator ?? 'none'}`} aria-hidden="true" />
                {page.logoSrc && <img class="brand-logo" src={page.logoSrc} alt={page.name} />}
                {page.name}
              </a>
            ) : (
              // No mark: a page that shows no status must not look "all fine" (the mark's default is green).
              <span class="brand">{siteName ?? 'Status'}</span>
            )}
            {page && (
              <nav aria-label="Status page">
                <a class="nav-home" href={page.homePath} aria-current={current === 'home' ? 'page' : undefined}>
                  Current status
                </a>
                <a href={page.historyPath} aria-current={current === 'history' ? 'page' : undefined}>
                  History
                </a>
                <SubscribeMenu basePath={page.basePath} links={subscribeLinksOf(page, customer !== undefined)} />
                {customer && (
                  <a class="viewer-tokens" href={customer.tokensHref}>
                    API and feed access
                  </a>
                )}
                {customer && (
                  <form class="sign-out" method="post" action={customer.signOutAction}>
                    <button type="submit">Sign out</button>
                  </form>
                )}
              </nav>
            )}
          </div>
        </header>
        <main id="main" class="wrap">
          {page?.family && <FamilyNav family={page.family} current={page.basePath} />}
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap footer-inner">
            {page && <p>Times and days are shown in the {page.timeZone.replace(/_/g, ' ')} time zone.</p>}
            {page?.supportUrl && (
              <p>
                <a class="support" href={page.supportUrl}>
                  Contact support
                </a>
              </p>
            )}
            <p>
              Powered by <span class="beacon">Beacon</span>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** A sub-page's way back to its parent and across to its siblings (this one marked as current). */
function FamilyNav({ family, current }: { family: FamilyView; current: string }) {
  return (
    <nav class="family" aria-label={`${family.parent.name} pages`}>
      <a class="family-parent" href={family.parent.path}>
        <span aria-hidden="true">{LEFT_ARROW} </span>
        {family.parent.name}
      </a>
      {family.siblings.length > 0 && (
        <ul>
          {family.siblings.map((sibling) => (
            <li>
              <a href={sibling.path} aria-current={sibling.path === current ? 'page' : undefined}>
                {sibling.name}
              </a>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
