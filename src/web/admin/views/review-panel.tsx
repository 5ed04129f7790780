import type { UptimeDisplay } from '../../../domain/pages/page-branding.js';
import { Banner } from '../../views/banner.js';
import { ComponentList } from '../../views/component-list.js';
import { IncidentCard } from '../../views/incident-card.js';
import { MaintenanceCard } from '../../views/maintenance-card.js';
import type { IncidentView, MaintenanceView, OverallView, StructureItemView } from '../../views/models/page-view.js';
import { Section } from '../../views/section.js';

/** What publishing the form would reach, each page by the name and path its readers know. */
export interface PublishReview {
  pages: readonly { name: string; path: string }[];
  subPages: readonly { name: string; path: string }[];
  customerPages: readonly { name: string; setName: string }[];
  /** Subscribers who would be notified (none until subscriptions exist). */
  subscribers: number;
  /** How it would look on the first page it shows on; null when no page shows it. */
  preview: PublishPreview | null;
}

/** One page's view once the draft is published, in the public page's own view models. */
export interface PublishPreview {
  /** `href`: where staff can open that page (a customer page through its preview). */
  page: { name: string; href: string };
  /** The page's time zone, which its times are printed in. */
  zone: string;
  overall: OverallView;
  /** The draft incident's card; null when the page would not list it (resolved more than 14 days back). */
  incident: { card: IncidentView; open: boolean } | null;
  /** The draft window's card; null when the page would not list it (already over). */
  maintenance: { card: MaintenanceView; active: boolean } | null;
  /** The page's rows holding a component the draft touches. */
  rows: StructureItemView[];
  /** How that page shows uptime, so its rows read as they will. */
  uptimeDisplay: UptimeDisplay;
}

/**
 * The draft on its page, drawn by the public page's own views (banner, sections, cards, rows) and so
 * with its stylesheet, which every dashboard screen links; admin/views/review-assets.ts undoes the
 * dashboard's styles inside it.
 */
function PreviewPanel({ preview, what }: { preview: PublishPreview; what: string }) {
  const { incident, maintenance } = preview;
  return (
    <section class="preview" aria-labelledby="preview-title">
      <h3 id="preview-title">
        How it will look on <a href={preview.page.href}>{preview.page.name}</a>
      </h3>
      <p class="muted">The page’s status once it is published, the {what} as readers will see it, and the components it touches.</p>
      <div class="preview-page">
        <Banner overall={preview.overall} embedded />
        {incident && (
          <Section id="preview-incidents" title={incident.open ? 'Active incidents' : 'Recent incidents'}>
            <IncidentCard incident={incident.card} zone={preview.zone} variant={incident.open ? 'active' : 'timeline'} />
          </Section>
        )}
        {maintenance && (
          <Section id="preview-maintenance" title={maintenance.active ? 'Maintenance in progress' : 'Upcoming maintenance'}>
            <MaintenanceCard maintenance={maintenance.card} zone={preview.zone} />
          </Section>
        )}
        {!incident && !maintenance && <p class="card empty">The page would not list this {what}: it is already over.</p>}
        {preview.rows.length > 0 && (
          <Section id="preview-components" title="Components">
            <ComponentList items={preview.rows} uptimeDisplay={preview.uptimeDisplay} />
          </Section>
        )}
      </div>
    </section>
  );
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
      {review.preview && <PreviewPanel preview={review.preview} what={what} />}
    </section>
  );
}
