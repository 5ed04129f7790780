import { ErrorPage } from './error-page.js';
import type { Assets } from './layout.js';

/** Shared by every unknown page, incident or month, so it names none of them (only the site). */
export function NotFoundPage({ assets, siteName }: { assets: Assets; siteName: string }) {
  return (
    <ErrorPage
      assets={assets}
      siteName={siteName}
      status={404}
      heading="Page not found"
      text="The page you asked for does not exist, or has moved."
    />
  );
}
