import type { Draft } from '../../domain/draft-snapshot.js';
import { pagesTouchedBy } from '../../domain/pages/pages-touched.js';
import type { AdminKit } from './admin-kit.js';
import { publishPreviewOf } from './publish-preview.js';
import type { PublishReview } from './views/review-panel.js';

/**
 * Where `draft` (touching `componentIds`) would show, from the current snapshot, and how it would look
 * there: what a review shows before publishing. Reads only; the draft is written nowhere.
 */
export async function publishReviewOf(kit: AdminKit, componentIds: ReadonlySet<string>, draft: Draft): Promise<PublishReview> {
  const snapshot = await kit.deps.snapshots.fresh();
  const touched = pagesTouchedBy(kit.deps.snapshots.pageKinds(snapshot), componentIds);
  return {
    pages: touched.pages.map((page) => ({ name: page.name, path: `/${page.slug}` })),
    subPages: touched.subPages.map((subPage) => ({ name: `${subPage.parent.name}: ${subPage.entry.name}`, path: `/${subPage.pageSlug}` })),
    customerPages: touched.customerPages.map((state) => ({ name: state.entry.name, setName: state.set.name })),
    // No subscriptions exist yet.
    subscribers: 0,
    preview: publishPreviewOf(kit, snapshot, touched, draft, componentIds),
  };
}
