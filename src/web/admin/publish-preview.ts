import { type Draft, withDraft } from '../../domain/draft-snapshot.js';
import type { DerivedPage } from '../../domain/pages/derived-page.js';
import type { PagesTouched } from '../../domain/pages/pages-touched.js';
import { resolveCustomerPage } from '../../domain/pages/customer-pages.js';
import { resolvePublicPage } from '../../domain/pages/public-page.js';
import { resolveSubPage } from '../../domain/pages/sub-pages.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { customerPageSlug } from '../../services/pages/customer-page-path.js';
import { defaultPageOf } from '../views/models/default-page-of.js';
import { incidentView } from '../views/models/incident-view.js';
import {
  type ComponentRowFigures,
  type StructureItemFigures,
  type StructureItemView,
  buildStatusPageParts,
  componentRowView,
} from '../views/models/page-view.js';
import type { AdminKit } from './admin-kit.js';
import type { PublishPreview } from './views/review-panel.js';

/** The page a preview shows the draft on, as the public routes would resolve it, and where staff can open it. */
interface PreviewPage {
  shown: DerivedPage;
  href: string;
}

/**
 * The first page the draft shows on (the page `/` serves when it is one of them), resolved from the
 * drafted snapshot exactly as the public and customer routes resolve it; null when none shows it.
 */
function previewPageOf(kit: AdminKit, drafted: Snapshot, touched: PagesTouched): PreviewPage | null {
  const kinds = kit.deps.snapshots.pageKinds(drafted);
  const home = defaultPageOf(drafted);
  const page = touched.pages.find((candidate) => candidate.id === home?.id) ?? touched.pages[0];
  if (page) {
    const shown = resolvePublicPage(kinds, page);
    return shown && { shown, href: `/${page.slug}` };
  }
  const [subPage] = touched.subPages;
  if (subPage) {
    const shown = resolveSubPage(kinds, subPage.parent.slug, subPage.slug);
    return shown && { shown, href: `/${subPage.pageSlug}` };
  }
  const [state] = touched.customerPages;
  if (!state) return null;
  const token = state.customerPage.urlToken;
  const shown = resolveCustomerPage(kinds, token, customerPageSlug(token));
  // Staff see a customer page through its audited preview (STF-8), never by its token.
  return shown && { shown, href: `/admin/customer-pages/${encodeURIComponent(state.customerPage.id)}/preview` };
}

/** The rows of `structure` that hold a touched component (a group whole), without their 90-day bars. */
function touchedRows(structure: readonly StructureItemFigures[], componentIds: ReadonlySet<string>): StructureItemView[] {
  const noNames = new Map<string, string>();
  const row = (figures: ComponentRowFigures) => componentRowView({ ...figures, history: null }, noNames);
  return structure.flatMap((item): StructureItemView[] => {
    if (item.kind === 'component')
      return componentIds.has(item.component.id) ? [{ kind: 'component', component: row(item.component) }] : [];
    return item.components.some((member) => componentIds.has(member.id)) ? [{ ...item, components: item.components.map(row) }] : [];
  });
}

/**
 * How the draft will look once published, on the first page it shows on: that page's view built from
 * the current snapshot with the draft merged in (the status computation of every page render), so the
 * banner, the card and the rows read as they will. One build per review; nothing is written.
 */
export function publishPreviewOf(
  kit: AdminKit,
  snapshot: Snapshot,
  touched: PagesTouched,
  draft: Draft,
  componentIds: ReadonlySet<string>,
): PublishPreview | null {
  const now = kit.deps.ctx.clock();
  const target = previewPageOf(kit, withDraft(snapshot, draft, now), touched);
  if (target === null) return null;
  const { frame, structure, openIncidents, recentIncidents, scope } = buildStatusPageParts(target.shown.snapshot, target.shown.page, now);
  const base = {
    page: { name: frame.page.name, href: target.href },
    zone: frame.page.timeZone,
    overall: frame.overall,
    uptimeDisplay: frame.page.uptimeDisplay,
  };
  const rows = touchedRows(structure, componentIds);
  if ('incident' in draft) {
    const isDraft = (incident: { id: string }) => incident.id === draft.incident.id;
    const open = openIncidents.find(isDraft);
    const recent = open ? undefined : recentIncidents.find(isDraft);
    const shown = open ?? recent;
    // The card links where it will show; the incident's own page does not exist yet.
    const card = shown && { ...incidentView(shown, scope), path: target.href };
    return { ...base, rows, incident: card ? { card, open: open !== undefined } : null, maintenance: null };
  }
  const isDraft = (maintenance: { id: string }) => maintenance.id === draft.maintenance.id;
  const active = frame.activeMaintenances.find(isDraft);
  const card = active ?? frame.upcomingMaintenances.find(isDraft);
  return { ...base, rows, incident: null, maintenance: card ? { card, active: active !== undefined } : null };
}
