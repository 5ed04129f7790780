import type { HeadElement } from './document-head.js';

export interface LinkPreview {
  /** The document's title; the preview adds the page's current status. */
  title: string;
  description: string;
  /** Absolute URL of the document. */
  url: string;
  /** The page's name, e.g. "Acme". */
  siteName: string;
  /** The page's overall status in words, e.g. "All Systems Operational". */
  status: string;
}

/**
 * Open Graph and Twitter card meta for a public page, so that a link pasted into chat shows the page
 * and its status. No `og:image`: a PNG per status is not worth rendering; `summary` cards do without.
 * Never for customer pages, which are private and `noindex` (the layout leaves them out).
 */
export function linkPreviewMeta(preview: LinkPreview): HeadElement[] {
  const property = (name: string, content: string): HeadElement => ({ tag: 'meta', attributes: { property: name, content } });
  return [
    property('og:type', 'website'),
    property('og:site_name', preview.siteName),
    property('og:title', `${preview.title}: ${preview.status}`),
    property('og:description', preview.description),
    property('og:url', preview.url),
    { tag: 'meta', attributes: { name: 'twitter:card', content: 'summary' } },
  ];
}
