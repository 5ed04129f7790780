import type { HistoryPageView } from './models/page-view.js';
import { monthLabel } from './models/date-labels.js';
import { statusTitle } from './format.js';
import { IncidentCard } from './incident-card.js';
import { type Assets, type CustomerChrome, Layout } from './layout.js';
import { LEFT_ARROW, RIGHT_ARROW } from './entities.js';

/** Past incidents, a month at a time, with links to the months around it. */
export function HistoryPage({
  view,
  assets,
  canonical,
  customer,
}: {
  view: HistoryPageView;
  assets: Assets;
  canonical: string;
  customer?: CustomerChrome;
}) {
  const { page } = view;
  const monthHref = (month: string): string => `${page.historyPath}?month=${month}`;
  return (
    <Layout
      title={`Incident history, ${view.month.label} · ${statusTitle(page.name)}`}
      description={`Incidents on ${page.name} in ${view.month.label}.`}
      canonical={canonical}
      assets={assets}
      page={page}
      overall={view.overall}
      current="history"
      customer={customer}
    >
      <h1 class="page-title">Incident history</h1>
      <section class="section" aria-labelledby="month">
        <div class="month-nav">
          <h2 id="month">{view.month.label}</h2>
          <nav aria-label="Months" class="pager">
            {view.previousMonth ? (
              <a href={monthHref(view.previousMonth)} rel="prev">
                <span aria-hidden="true">{LEFT_ARROW}</span>
                {monthLabel(view.previousMonth)}
              </a>
            ) : (
              <span class="pager-end">No earlier history</span>
            )}
            {view.nextMonth && (
              <a href={monthHref(view.nextMonth)} rel="next">
                {monthLabel(view.nextMonth)}
                <span aria-hidden="true">{RIGHT_ARROW}</span>
              </a>
            )}
          </nav>
        </div>
        {view.incidents.length > 0 ? (
          view.incidents.map((incident) => <IncidentCard incident={incident} zone={page.timeZone} variant="summary" />)
        ) : (
          <p class="card empty">No incidents in {view.month.label}.</p>
        )}
      </section>
    </Layout>
  );
}
