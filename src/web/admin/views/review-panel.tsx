/** What publishing the form would reach, each page by the name and path its readers know. */
export interface PublishReview {
  pages: readonly { name: string; path: string }[];
  subPages: readonly { name: string; path: string }[];
  customerPages: readonly { name: string; setName: string }[];
  /** Subscribers who would be notified (none until subscriptions exist). */
  subscribers: number;
}

/** The review above a form: where it would show; nothing is published until `publish` is pressed. */
export function ReviewPanel({ review, what, publish }: { review: PublishReview; what: string; publish: string }) {
  const total = review.pages.length + review.subPages.length + review.customerPages.length;
  return (
    <section class="card review" aria-labelledby="review" role="status">
      <h2 id="review">Review before publishing</h2>
      {total === 0 ? (
        <p class="lead">No page will show this {what}: it touches no component that any page shows. Choose at least one component below.</p>
      ) : (
        <p class="lead">
          It will show on {total} page{total === 1 ? '' : 's'}, and {review.subscribers} subscriber{review.subscribers === 1 ? '' : 's'}{' '}
          would be notified. Nothing is published until you press “{publish}”.
        </p>
      )}
      {review.pages.length > 0 && (
        <>
          <h3>Public pages</h3>
          <ul>
            {review.pages.map((page) => (
              <li>
                {page.name} <span class="muted">({page.path})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {review.subPages.length > 0 && (
        <>
          <h3>Sub-pages</h3>
          <ul>
            {review.subPages.map((page) => (
              <li>
                {page.name} <span class="muted">({page.path})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {review.customerPages.length > 0 && (
        <>
          <h3>Customer pages</h3>
          <ul>
            {review.customerPages.map((page) => (
              <li>
                {page.name} <span class="muted">({page.setName})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
