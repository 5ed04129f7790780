import type { Child } from 'hono/jsx';
import type { StatusPageFrame, StatusPageView } from './models/page-view.js';
import { Banner } from './banner.js';
import { ComponentList } from './component-list.js';
import { statusTitle } from './format.js';
import { IncidentCard } from './incident-card.js';
import { type Assets, type CustomerChrome, Layout } from './layout.js';
import { MaintenanceCard } from './maintenance-card.js';
import { Section } from './section.js';
import { SubPageList } from './sub-page-list.js';
import { RIGHT_ARROW } from './entities.js';

/**
 * The parts of a status page given as markup, which the status page renderer keeps between renders
 * (public/status-page-renderer.ts): the component list (`null` when the page lists nothing) and the
 * incident cards, open ones (`active`) and recent ones (`timeline`), in order. `slotsOf` makes them from a view.
 */
export interface StatusPageSlots {
  componentList: Child;
  openIncidents: Child[];
  recentIncidents: Child[];
}

/** A page's front: banner, what is happening now, the components, and the last two weeks. */
export function StatusPage({
  view,
  assets,
  canonical,
  slots,
  customer,
}: {
  view: StatusPageFrame;
  assets: Assets;
  canonical: string;
  slots: StatusPageSlots;
  customer?: CustomerChrome;
}) {
  const zone = view.page.timeZone;
  return (
    <Layout
      title={statusTitle(view.page.name)}
      description={`${view.overall.description}. Live status, incidents and maintenance for ${view.page.name}.`}
      canonical={canonical}
      assets={assets}
      page={view.page}
      overall={view.overall}
      current="home"
      customer={customer}
    >
      {view.page.description && <p class="page-desc">{view.page.description}</p>}
      <Banner overall={view.overall} />
      {slots.openIncidents.length > 0 && (
        <Section id="active-incidents" title="Active incidents">
          {slots.openIncidents}
        </Section>
      )}
      {view.activeMaintenances.length > 0 && (
        <Section id="maintenance-now" title="Maintenance in progress">
          {view.activeMaintenances.map((maintenance) => (
            <MaintenanceCard maintenance={maintenance} zone={zone} />
          ))}
        </Section>
      )}
      {view.subPageList && <SubPageList list={view.subPageList} />}
      {slots.componentList !== null && (
        <Section id="components" title="Components">
          {slots.componentList}
        </Section>
      )}
      {view.upcomingMaintenances.length > 0 && (
        <Section id="maintenance-upcoming" title="Upcoming maintenance">
          {view.upcomingMaintenances.map((maintenance) => (
            <MaintenanceCard maintenance={maintenance} zone={zone} />
          ))}
        </Section>
      )}
      <Section
        id="recent-incidents"
        title="Recent incidents"
        aside={
          <a class="more" href={view.page.historyPath}>
            Incident history<span aria-hidden="true"> {RIGHT_ARROW}</span>
          </a>
        }
      >
        {slots.recentIncidents.length > 0 ? slots.recentIncidents : <p class="card empty">No incidents in the last 14 days.</p>}
        {view.moreRecentIncidents > 0 && (
          <p class="more-recent">
            <a href={view.page.historyPath}>
              {view.moreRecentIncidents === 1 ? '1 more incident' : `${view.moreRecentIncidents} more incidents`} in the last 14 days
            </a>{' '}
            in the incident history.
          </p>
        )}
      </Section>
    </Layout>
  );
}

/** A whole view's slots, as `StatusPage` takes them. */
export function slotsOf(view: StatusPageView): StatusPageSlots {
  const zone = view.page.timeZone;
  return {
    componentList: view.items.length > 0 ? <ComponentList items={view.items} uptimeDisplay={view.page.uptimeDisplay} /> : null,
    openIncidents: view.openIncidents.map((incident) => <IncidentCard incident={incident} zone={zone} variant="active" />),
    recentIncidents: view.recentIncidents.map((incident) => <IncidentCard incident={incident} zone={zone} variant="timeline" />),
  };
}
