import { type Assets, Layout } from './layout.js';

export interface ErrorPageProps {
  assets: Assets;
  /** What the site is called (the default page's name), shown in the header without any status mark. */
  siteName: string;
  status: number;
  heading: string;
  text: string;
}

/**
 * What a browser sees when a page path fails: the status, what happened and a way back. It belongs to
 * no page, so it shows no status at all: no coloured mark, a neutral favicon.
 */
export function ErrorPage({ assets, siteName, status, heading, text }: ErrorPageProps) {
  return (
    <Layout title={`${heading} · ${siteName}`} description={text} assets={assets} siteName={siteName}>
      <div class="not-found card">
        <p class="code" aria-hidden="true">
          {status}
        </p>
        <h1>{heading}</h1>
        <p>{text}</p>
        <p>
          <a class="button" href="/">
            Go to the status page
          </a>
        </p>
      </div>
    </Layout>
  );
}
