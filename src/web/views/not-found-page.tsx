import { type Assets, Layout } from './layout.js';

/** Shared by every unknown page, incident or month, so it names none of them. */
export function NotFoundPage({ assets }: { assets: Assets }) {
  return (
    <Layout title="Page not found" description="This page does not exist." assets={assets}>
      <div class="not-found card">
        <p class="code" aria-hidden="true">404</p>
        <h1>Page not found</h1>
        <p>The page you asked for does not exist, or has moved.</p>
        <p>
          <a class="button" href="/">
            Go to the status page
          </a>
        </p>
      </div>
    </Layout>
  );
}
