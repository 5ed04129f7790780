/**
 * The public pages' stylesheet, served as a content-hashed asset. Status colours come in three
 * strengths: `--c-*` fills (bars, icons), `--t-*` text on the card surface (≥ 4.5:1 in both schemes),
 * and the banner fills (≥ 4.5:1 against their text). Status is never colour alone: every coloured
 * thing has an icon shape or words beside it.
 */
export const STYLESHEET_CSS = `
:root {
  color-scheme: light dark;
  --font: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji";
  --bg: #f5f6f8;
  --surface: #ffffff;
  --surface-2: #f2f4f7;
  --border: #e2e6ec;
  --border-strong: #cdd3dc;
  --text: #101828;
  --text-2: #475467;
  --text-3: #5b6574;
  --link: #1d4ed8;
  --focus: #2563eb;
  --shadow: 0 1px 2px rgb(16 24 40 / 0.05);
  --shadow-lg: 0 10px 30px -8px rgb(16 24 40 / 0.28), 0 2px 6px rgb(16 24 40 / 0.12);
  --tip-bg: #101828;
  --tip-text: #f2f4f7;
  --tip-muted: #c3cad5;
  --glyph: #ffffff;
  --hatch: rgb(255 255 255 / 0.4);

  --c-ok: #16a34a;
  --c-mt: #3b82f6;
  --c-dg: #eab308;
  --c-po: #f97316;
  --c-fo: #dc2626;
  --c-nd: #d6dbe2;

  --t-ok: #15803d;
  --t-mt: #1d4ed8;
  --t-dg: #8a5a00;
  --t-po: #c2410c;
  --t-fo: #b91c1c;

  --tint-ok: #ecfdf3;
  --tint-mt: #eff4ff;
  --tint-dg: #fef7e0;
  --tint-po: #fff3ea;
  --tint-fo: #fef1f1;
  --tint-none: #f2f4f7;
  --radius: 12px;
  --wrap: 54rem;
}

@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0b0f14;
    --surface: #131a22;
    --surface-2: #1a222c;
    --border: #253040;
    --border-strong: #35414f;
    --text: #e7ecf2;
    --text-2: #a9b4c2;
    --text-3: #97a3b2;
    --link: #7aa7ff;
    --focus: #7aa7ff;
    --shadow: 0 1px 2px rgb(0 0 0 / 0.4);
    --shadow-lg: 0 12px 32px -6px rgb(0 0 0 / 0.7), 0 2px 6px rgb(0 0 0 / 0.5);
    --tip-bg: #e7ecf2;
    --tip-text: #101828;
    --tip-muted: #475467;
    --hatch: rgb(11 15 20 / 0.4);

    --c-ok: #22c55e;
    --c-mt: #60a5fa;
    --c-dg: #facc15;
    --c-po: #fb923c;
    --c-fo: #f87171;
    --c-nd: #2b3542;

    --t-ok: #4ade80;
    --t-mt: #8ab8ff;
    --t-dg: #fcd34d;
    --t-po: #fdba74;
    --t-fo: #fca5a5;

    --tint-ok: #0f2a1b;
    --tint-mt: #13233d;
    --tint-dg: #2c2408;
    --tint-po: #2f1b0c;
    --tint-fo: #321315;
    --tint-none: #1a222c;
  }
}

*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  min-height: 100vh;
  display: flex;
  flex-direction: column;
  background: var(--bg);
  color: var(--text);
  font: 400 1rem/1.5 var(--font);
  -webkit-font-smoothing: antialiased;
  overflow-wrap: break-word;
}
h1, h2, h3, p, ol, ul, dl, dd { margin: 0; }
a { color: var(--link); text-underline-offset: 0.18em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; border-radius: 4px; }
.wrap { width: 100%; max-width: var(--wrap); margin-inline: auto; padding-inline: 1rem; }
.vh {
  position: absolute !important;
  width: 1px; height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
}
.skip {
  position: absolute; left: 1rem; top: 0.75rem; z-index: 20;
  padding: 0.5rem 0.875rem; border-radius: 8px;
  background: var(--surface); color: var(--link); font-weight: 600; box-shadow: var(--shadow-lg);
}
.skip:not(:focus) { width: 1px; height: 1px; padding: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }

/* Site header and footer */
.site { border-bottom: 1px solid var(--border); background: var(--surface); }
.site-inner { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1.5rem; min-height: 4rem; padding-block: 0.75rem; }
.brand { display: inline-flex; align-items: center; gap: 0.625rem; color: var(--text); font-size: 1.125rem; font-weight: 700; letter-spacing: -0.01em; text-decoration: none; }
.brand-mark {
  --mark: var(--c-ok);
  width: 0.75rem; height: 0.75rem; margin: 0.25rem; border-radius: 50%; flex: none;
  background: var(--mark); box-shadow: 0 0 0 4px var(--surface), 0 0 0 6px var(--mark);
}
.bm-minor { --mark: var(--c-dg); }
.bm-major { --mark: var(--c-po); }
.bm-critical { --mark: var(--c-fo); }
.bm-maintenance { --mark: var(--c-mt); }
.site nav { display: flex; gap: 0.25rem; margin-inline-end: -0.625rem; }
.site nav a { padding: 0.375rem 0.625rem; border-radius: 8px; color: var(--text-2); font-size: 0.9375rem; font-weight: 500; text-decoration: none; }
.site nav a:hover { background: var(--surface-2); color: var(--text); }
.site nav a[aria-current="page"] { color: var(--text); background: var(--surface-2); }
main { flex: 1; padding-block: 2rem 3rem; }
.site-footer { border-top: 1px solid var(--border); color: var(--text-2); font-size: 0.875rem; }
.footer-inner { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.25rem 1.5rem; padding-block: 1.25rem 1.5rem; }
.beacon { font-weight: 600; color: var(--text); }
.page-desc { margin-bottom: 1rem; color: var(--text-2); }

/* Overall banner */
.banner {
  display: flex; align-items: center; gap: 1rem;
  padding: 1.25rem 1.5rem; border-radius: 16px;
  color: #fff; box-shadow: var(--shadow-lg);
  --glyph: currentColor;
}
.banner h1 { font-size: 1.5rem; line-height: 1.25; font-weight: 700; letter-spacing: -0.015em; }
.banner p { margin-top: 0.25rem; font-size: 0.9375rem; opacity: 0.95; }
.banner-icon { flex: none; width: 2.75rem; height: 2.75rem; fill: rgb(255 255 255 / 0.2); }
.banner-icon .g { stroke: currentColor; stroke-width: 2.2; }
/* Solid fills (no gradients), so that axe can verify the contrast of the text on them. */
.bn-none { background: #15803d; }
.bn-minor { background: #facc15; color: #1f1500; }
.bn-minor .banner-icon { fill: rgb(31 21 0 / 0.12); }
.bn-major { background: #c2410c; }
.bn-critical { background: #b91c1c; }
.bn-maintenance { background: #1d4ed8; }

/* Sections */
.section { margin-top: 2.5rem; }
.section-head { display: flex; align-items: baseline; justify-content: space-between; gap: 1rem; margin-bottom: 0.75rem; }
.section h2 { font-size: 1.0625rem; font-weight: 650; letter-spacing: -0.005em; }
.more { font-size: 0.875rem; font-weight: 500; white-space: nowrap; }
.card { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); box-shadow: var(--shadow); }
.empty { padding: 1.25rem 1.5rem; color: var(--text-2); }

/* Status words with their shapes */
.status { display: inline-flex; align-items: center; gap: 0.375rem; font-size: 0.875rem; font-weight: 600; white-space: nowrap; }
.ic { flex: none; width: 1.125rem; height: 1.125rem; fill: currentColor; }
.ic .g, .banner-icon .g { fill: none; stroke: var(--glyph); stroke-width: 2.4; stroke-linecap: round; stroke-linejoin: round; }
.st-operational { color: var(--t-ok); }
.st-under_maintenance { color: var(--t-mt); }
.st-degraded_performance { color: var(--t-dg); }
.st-partial_outage { color: var(--t-po); }
.st-full_outage { color: var(--t-fo); }
.st-none { color: var(--text-2); font-weight: 500; }
.banner .banner-icon { color: inherit; }
.ic.st-operational { color: var(--c-ok); }
.ic.st-under_maintenance { color: var(--c-mt); }
.ic.st-degraded_performance { color: var(--c-dg); --glyph: #1f1500; }
.ic.st-partial_outage { color: var(--c-po); }
.ic.st-full_outage { color: var(--c-fo); }
@media (prefers-color-scheme: dark) {
  .ic.st-partial_outage, .ic.st-operational, .ic.st-under_maintenance, .ic.st-full_outage { --glyph: #0b0f14; }
}

/* Components */
.rows { list-style: none; padding: 0; }
.row { padding: 1rem 1.25rem; }
.row + .row { border-top: 1px solid var(--border); }
.row-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.25rem 1rem; }
.name { font-weight: 600; display: inline-flex; align-items: center; gap: 0.5rem; min-width: 0; }
/* Names are typed by staff: an unbroken one must wrap rather than push the page sideways. */
.name, .incident h3, .incident-page-head h1, .brand, .affects, .msg { overflow-wrap: anywhere; }
.desc { margin-top: 0.125rem; color: var(--text-2); font-size: 0.875rem; }
.row.group { padding: 0; }
.group summary { list-style: none; cursor: pointer; padding: 1rem 1.25rem; border-radius: var(--radius); }
.group summary::-webkit-details-marker { display: none; }
.group summary:hover { background: var(--surface-2); }
.group summary:focus-visible { outline-offset: -2px; }
.group details[open] summary { border-bottom-left-radius: 0; border-bottom-right-radius: 0; }
.group .count { color: var(--text-3); font-size: 0.8125rem; font-weight: 500; }
.group-meta { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.875rem; }
.group-meta .pct { color: var(--text-3); font-size: 0.8125rem; font-variant-numeric: tabular-nums; white-space: nowrap; }
.chev { width: 1rem; height: 1rem; flex: none; fill: none; stroke: var(--text-3); stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; transition: transform 0.15s ease; }
details[open] > summary .chev { transform: rotate(90deg); }
.group > details > .desc { padding: 0 1.25rem 0.75rem 2.75rem; margin-top: -0.5rem; }
.members { margin: 0 1.25rem 0 2.75rem; border-top: 1px solid var(--border); }
.members .row { padding-inline: 0; }
.members .row:last-child { padding-bottom: 1.125rem; }

/* 90-day uptime bars: each day an <li> (operational unless classed) holding its tooltip <span> */
.uptime { margin-top: 0.75rem; }
.bar { display: flex; gap: 2px; height: 2.125rem; margin: 0; padding: 0; list-style: none; }
.bar > li { position: relative; flex: 1 1 0; min-width: 0; border-radius: 2px; background: var(--c-ok); cursor: default; }
.bar > .nd { background: var(--c-nd); }
.bar > .mt { background: var(--c-mt); }
.bar > .dg { background: var(--c-dg); }
.bar > .po { background: var(--c-po); }
.bar > .fo { background: var(--c-fo); }
/* Outage days are also hatched (full outages densely), so they stand out without colour. */
.bar > .po { background-image: repeating-linear-gradient(135deg, transparent 0 4px, var(--hatch) 4px 6px); }
.bar > .fo { background-image: repeating-linear-gradient(135deg, transparent 0 2px, var(--hatch) 2px 4px); }
.bar > li:hover, .bar > li:focus { filter: brightness(0.85) saturate(1.2); }
@media (prefers-color-scheme: dark) { .bar > li:hover, .bar > li:focus { filter: brightness(1.25); } }
.bar > li:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.legend { display: flex; align-items: center; gap: 0.75rem; margin-top: 0.5rem; color: var(--text-3); font-size: 0.75rem; white-space: nowrap; }
.legend .pct { flex: 1; display: flex; align-items: center; gap: 0.75rem; font-weight: 600; color: var(--text-2); font-variant-numeric: tabular-nums; }
.legend .pct::before, .legend .pct::after { content: ""; flex: 1; height: 1px; background: var(--border); }
.l30 { display: none; }

/* Day tooltips: the day's text, visually hidden until hovered or focused. <i> holds the separators
   that only assistive technology reads. */
.bar > li > span, .bar i {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap;
}
.bar > li:hover > span, .bar > li:focus > span {
  z-index: 10; bottom: calc(100% + 10px); left: 50%; transform: translateX(-50%);
  width: max-content; max-width: min(17rem, calc(100vw - 2rem)); height: auto; overflow: visible; clip-path: none;
  display: grid; grid-template-columns: 1fr auto; column-gap: 1rem; row-gap: 0.125rem;
  padding: 0.625rem 0.75rem; border-radius: 10px;
  background: var(--tip-bg); color: var(--tip-text); box-shadow: var(--shadow-lg);
  font-size: 0.8125rem; line-height: 1.4; white-space: normal; text-align: left; pointer-events: none;
}
.bar > li:hover::after, .bar > li:focus::after {
  content: ""; position: absolute; z-index: 11; bottom: calc(100% + 4px); left: 50%; margin-left: -6px;
  border: 6px solid transparent; border-bottom: 0; border-top-color: var(--tip-bg);
}
.bar b { grid-column: 1; font-weight: 650; }
.bar small { grid-column: 2; grid-row: 1; font-size: inherit; color: var(--tip-muted); font-variant-numeric: tabular-nums; }
.bar span span { grid-column: 1 / -1; }
.bar span span:first-of-type { display: flex; align-items: center; gap: 0.375rem; }
.bar span span:first-of-type::before { content: ""; width: 0.5rem; height: 0.5rem; border-radius: 50%; background: var(--c-ok); flex: none; }
.bar .nd span span:first-of-type::before { background: var(--c-nd); }
.bar .mt span span:first-of-type::before { background: var(--c-mt); }
.bar .dg span span:first-of-type::before { background: var(--c-dg); }
.bar .po span span:first-of-type::before { background: var(--c-po); }
.bar .fo span span:first-of-type::before { background: var(--c-fo); }
.bar .ti { padding-left: 0.875rem; position: relative; }
.bar .ti::before { content: "–"; position: absolute; left: 0; color: var(--tip-muted); }
.bar .tm { color: var(--tip-muted); padding-left: 0.875rem; }
.bar .tm::first-letter { text-transform: uppercase; }
/* Keep tooltips of the first and last days on screen. */
.bar > li:nth-child(-n+16) > span { left: 0; transform: none; }
.bar > li:nth-child(n+75) > span { left: auto; right: 0; transform: none; }

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

/* Narrow screens: 30 days of history, stacked rows */
@media (max-width: 40rem) {
  main { padding-block: 1.25rem 2rem; }
  .banner { padding: 1rem 1.125rem; gap: 0.875rem; border-radius: 14px; }
  .banner h1 { font-size: 1.25rem; }
  .banner-icon { width: 2.25rem; height: 2.25rem; }
  .section { margin-top: 2rem; }
  .row { padding: 0.875rem 1rem; }
  .group summary { padding: 0.875rem 1rem; }
  .members { margin: 0 1rem 0 1rem; }
  .group > details > .desc { padding: 0 1rem 0.75rem; }
  .incident { padding: 1rem 1rem 0.875rem 1rem; }
  .incident-head { flex-direction: column-reverse; align-items: flex-start; gap: 0.375rem; }
  .incident-page-head { padding: 1.25rem 1.125rem 1.125rem 1.125rem; }
  .incident-page-head h1 { font-size: 1.375rem; }
  .timeline { padding: 1rem 1.125rem; }
  .bar { gap: 3px; }
  .bar > li:nth-child(-n+60) { display: none; }
  .l90 { display: none; }
  .l30 { display: inline; }
  .bar > li:nth-child(n) > span { left: 50%; right: auto; transform: translateX(-50%); }
  .bar > li:nth-child(-n+68) > span { left: 0; transform: none; }
  .bar > li:nth-child(n+83) > span { left: auto; right: 0; transform: none; }
}

@media (max-width: 30rem) {
  .nav-home { display: none; }
}
@media (prefers-reduced-motion: reduce) {
  .chev { transition: none; }
}
@media print {
  .site nav, .skip { display: none; }
  .banner { box-shadow: none; border: 2px solid currentColor; }
}
`;
