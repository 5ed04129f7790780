import type { IncidentPageView } from './models/page-view.js';
import { formatDuration, statusTitle } from './format.js';
import { ImpactLabel, Update } from './incident-card.js';
import { type Assets, type CustomerChrome, Layout } from './layout.js';
import { Section } from './section.js';
import { StatusLabel } from './status-label.js';
import { Time } from './time.js';
import { LEFT_ARROW } from './entities.js';

/** One incident: what it hit, how long it lasted, and every update, newest first. */
export function IncidentPage({
  view,
  assets,
  canonical,
  customer,
}: {
  view: IncidentPageView;
  assets: Assets;
  canonical: string;
  customer?: CustomerChrome;
}) {
  const { incident, page } = view;
  const zone = page.timeZone;
  return (
    <Layout
      title={`${incident.name} · ${statusTitle(page.name)}`}
      description={`${incident.statusLabel}: ${incident.latestUpdate.message}`.slice(0, 300)}
      canonical={canonical}
      assets={assets}
      page={page}
      overall={view.overall}
      customer={customer}
    >
      <p class="crumb">
        <a href={page.homePath}>
          <span aria-hidden="true">{LEFT_ARROW} </span>
          {statusTitle(page.name)}
        </a>
      </p>
      <article class={`incident-page im-${incident.impact ?? 'none'}`} aria-labelledby="incident-title">
        <header class="incident-page-head">
          <h1 id="incident-title">{incident.name}</h1>
          <div class="incident-sub">
            <span class={`pill ps-${incident.status}`}>{incident.statusLabel}</span>
            <ImpactLabel incident={incident} />
          </div>
          <dl class="facts">
            <div>
              <dt>Started</dt>
              <dd>
                <Time at={incident.startedAt} zone={zone} />
              </dd>
            </div>
            <div>
              <dt>{incident.resolvedAt ? 'Resolved' : 'Status'}</dt>
              <dd>{incident.resolvedAt ? <Time at={incident.resolvedAt} zone={zone} /> : 'Ongoing'}</dd>
            </div>
            {incident.resolvedAt && (
              <div>
                <dt>Duration</dt>
                <dd>{formatDuration(incident.resolvedAt.getTime() - incident.startedAt.getTime())}</dd>
              </div>
            )}
          </dl>
        </header>
        {incident.components.length > 0 && (
          <Section id="affected" title="Affected components">
            <ul class="card rows affected">
              {incident.components.map((component) => (
                <li class="row row-head">
                  <span class="name">{component.name}</span>
                  {component.impact === null ? (
                    <span class="status st-none">{incident.isOpen ? 'No current impact' : 'No impact'}</span>
                  ) : (
                    <StatusLabel status={component.impact} label={component.impactLabel ?? ''} />
                  )}
                </li>
              ))}
            </ul>
          </Section>
        )}
        <Section id="updates" title="Updates">
          <ol class="card updates timeline">
            {incident.updates.map((update) => (
              <Update update={update} zone={zone} />
            ))}
          </ol>
        </Section>
      </article>
    </Layout>
  );
}
