import type { Child } from 'hono/jsx';
import type { StatusPageView } from '../../domain/page-view.js';
import { Banner } from './banner.js';
import { ComponentList } from './component-list.js';
import { statusTitle } from './format.js';
import { IncidentCard } from './incident-card.js';
import { type Assets, Layout } from './layout.js';
import { MaintenanceCard } from './maintenance-card.js';
import { Section } from './section.js';
import { SubPageList } from './sub-page-list.js';
import { RIGHT_ARROW } from './entities.js';

/**
 * A page's front: banner, what is happening now, the components, and the last two weeks.
 * `componentList` is the structure's markup (see `componentListOf`), `null` when there is none.
 */
export function StatusPage({ view, assets, canonical, componentList }: { view: Omit<StatusPageView, 'items'>; assets: Assets; canonical: string; componentList: Child }) {
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
    >
      {view.page.description && <p class="page-desc">{view.page.description}</p>}
      <Banner overall={view.overall} />
      {view.openIncidents.length > 0 && (
        <Section id="active-incidents" title="Active incidents">
          {view.openIncidents.map((incident) => (
            <IncidentCard incident={incident} zone={zone} variant="active" />
          ))}
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
      {componentList !== null && (
        <Section id="components" title="Components">
          {componentList}
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
        {view.recentIncidents.length > 0 ? (
          view.recentIncidents.map((incident) => <IncidentCard incident={incident} zone={zone} variant="timeline" />)
        ) : (
          <p class="card empty">No incidents in the last 14 days.</p>
        )}
      </Section>
    </Layout>
  );
}

/** The structure's markup as `StatusPage` takes it: `null` when the page lists nothing. */
export const componentListOf = (view: StatusPageView): Child => (view.items.length > 0 ? <ComponentList items={view.items} /> : null);
