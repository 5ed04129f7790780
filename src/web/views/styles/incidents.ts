/** Incident and maintenance cards, update timelines, the incident page, the history and the 404 page. */
export const INCIDENTS_CSS = `
/* Incidents and maintenance */
/* The accent is a border, not a pseudo-element, so that axe can see what lies behind the text. */
.incident {
  position: relative; padding: 1.125rem 1.25rem 1rem 1.25rem; margin-top: 0.75rem;
  background: var(--surface); border: 1px solid var(--border); border-left: 4px solid var(--accent, var(--border-strong));
  border-radius: var(--radius); box-shadow: var(--shadow);
}
.section-head + .incident { margin-top: 0; }
.im-degraded_performance { --accent: var(--c-dg); }
.im-partial_outage { --accent: var(--c-po); }
.im-full_outage { --accent: var(--c-fo); }
.maint { --accent: var(--c-mt); }
.incident-head { display: flex; align-items: flex-start; justify-content: space-between; gap: 0.75rem; }
.incident h3 { font-size: 1.0625rem; line-height: 1.35; font-weight: 650; }
.incident h3 a { color: var(--text); text-decoration: none; }
.incident h3 a:hover { color: var(--link); text-decoration: underline; }
.incident-sub { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 1rem; margin-top: 0.375rem; }
.affects { color: var(--text-2); font-size: 0.875rem; }
.affects-label { color: var(--text-3); }
.affects-label::after { content: ":"; }
.when { margin-top: 0.25rem; color: var(--text-2); font-size: 0.875rem; font-weight: 500; }
.msg { white-space: pre-line; margin-top: 0.625rem; }
.latest .msg { margin-top: 0.75rem; }
.meta { margin-top: 0.375rem; color: var(--text-3); font-size: 0.8125rem; }
.meta.span { margin-top: 0.75rem; padding-top: 0.625rem; border-top: 1px dashed var(--border); }
.pill {
  display: inline-flex; align-items: center; flex: none; padding: 0.125rem 0.625rem; border-radius: 999px;
  font-size: 0.75rem; font-weight: 650; letter-spacing: 0.01em; line-height: 1.5; white-space: nowrap;
  background: var(--tint-none); color: var(--text-2); border: 1px solid var(--border);
}
.ps-investigating { background: var(--tint-fo); color: var(--t-fo); border-color: transparent; }
.ps-identified { background: var(--tint-po); color: var(--t-po); border-color: transparent; }
.ps-monitoring, .ps-in_progress, .ps-scheduled { background: var(--tint-mt); color: var(--t-mt); border-color: transparent; }
.ps-resolved, .ps-completed { background: var(--tint-ok); color: var(--t-ok); border-color: transparent; }
strong.ps { font-weight: 650; background: none; }
strong.ps-investigating { color: var(--t-fo); }
strong.ps-identified { color: var(--t-po); }
strong.ps-monitoring { color: var(--t-mt); }
strong.ps-resolved { color: var(--t-ok); }

/* A timeline of updates */
.updates { list-style: none; padding: 0; margin-top: 0.875rem; }
.update { position: relative; padding: 0 0 1rem 1.25rem; }
/* Line and dots drawn with borders and shadows, never backgrounds, so axe can still check the text. */
.update::before { content: ""; position: absolute; left: 4px; top: 0.5rem; bottom: -0.5rem; border-left: 2px solid var(--border); }
.update::after {
  content: ""; position: absolute; left: 0; top: 0.3125rem; width: 10px; height: 10px; border-radius: 50%;
  border: 2px solid var(--border-strong); box-shadow: inset 0 0 0 3px var(--surface);
}
.update:first-child::after { border: 5px solid var(--dot, var(--border-strong)); box-shadow: none; }
.us-investigating { --dot: var(--c-fo); }
.us-identified { --dot: var(--c-po); }
.us-monitoring { --dot: var(--c-mt); }
.us-resolved { --dot: var(--c-ok); }
.update:last-child { padding-bottom: 0; }
.update:last-child::before { display: none; }
.update-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.125rem 0.75rem; font-size: 0.875rem; }
.update-head time { color: var(--text-3); font-size: 0.8125rem; }
.update .msg { margin-top: 0.125rem; font-size: 0.9375rem; }
.changes { margin-top: 0.25rem; color: var(--text-3); font-size: 0.8125rem; }

/* Incident page */
.crumb { margin-bottom: 1.25rem; font-size: 0.9375rem; }
.crumb a { text-decoration: none; font-weight: 500; }
.crumb a:hover { text-decoration: underline; }
.incident-page-head {
  padding: 1.5rem 1.5rem 1.25rem 1.5rem;
  background: var(--surface); border: 1px solid var(--border); border-left: 5px solid var(--accent, var(--border-strong));
  border-radius: 16px; box-shadow: var(--shadow);
}
.incident-page-head h1 { font-size: 1.625rem; line-height: 1.25; font-weight: 700; letter-spacing: -0.015em; }
.incident-page-head .incident-sub { margin-top: 0.625rem; }
.facts { display: flex; flex-wrap: wrap; gap: 0.75rem 2.5rem; margin-top: 1.25rem; padding-top: 1rem; border-top: 1px solid var(--border); }
.facts dt { color: var(--text-3); font-size: 0.75rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.06em; }
.facts dd { margin-top: 0.125rem; font-weight: 500; }
.affected .row { padding-block: 0.75rem; }
.timeline { padding: 1.25rem 1.5rem; margin-top: 0; }
.timeline .update { padding-bottom: 1.5rem; }
.timeline .update:last-child { padding-bottom: 0; }
.timeline .update::before { bottom: -0.25rem; }
.timeline .update .msg { font-size: 1rem; margin-top: 0.25rem; }

/* History */
.page-title { font-size: 1.75rem; line-height: 1.2; font-weight: 700; letter-spacing: -0.02em; }
.page-title + .section { margin-top: 1.5rem; }
.month-nav { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1rem; margin-bottom: 0.75rem; }
.month-nav h2 { font-size: 1.125rem; font-weight: 650; }
.pager { display: flex; gap: 0.5rem; }
.pager a, .pager-end {
  display: inline-flex; align-items: center; gap: 0.375rem; padding: 0.375rem 0.75rem; border-radius: 8px; font-size: 0.875rem; font-weight: 500;
  background: var(--surface); border: 1px solid var(--border); text-decoration: none;
}
.pager a:hover { border-color: var(--border-strong); background: var(--surface-2); }
.pager-end { color: var(--text-3); border-style: dashed; background: transparent; }

/* 404 */
.not-found { max-width: 30rem; margin: 3rem auto 0; padding: 2.5rem 2rem; text-align: center; }
.not-found .code { font-size: 3.5rem; font-weight: 800; line-height: 1; letter-spacing: -0.04em; color: var(--text-3); }
.not-found h1 { margin-top: 0.75rem; font-size: 1.5rem; }
.not-found p { margin-top: 0.5rem; color: var(--text-2); }
.button {
  display: inline-block; margin-top: 1rem; padding: 0.625rem 1.125rem; border-radius: 10px;
  background: var(--link); color: var(--surface); font-weight: 600; text-decoration: none;
}
.button:hover { filter: brightness(1.1); }
`;
