/** The document: reset, site header and footer, the overall banner, sections and status words. */
export const PAGE_CSS = `
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
.brand-logo { display: block; height: 2rem; width: auto; max-width: 10rem; object-fit: contain; }
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
.site nav { align-items: center; }
.subscribe { position: relative; }
.subscribe summary { list-style: none; cursor: pointer; padding: 0.375rem 0.625rem; border-radius: 8px; color: var(--text-2); font-size: 0.9375rem; font-weight: 500; }
.subscribe summary::-webkit-details-marker { display: none; }
.subscribe summary:hover, .subscribe[open] summary { background: var(--surface-2); color: var(--text); }
.subscribe-menu {
  position: absolute; right: 0; top: calc(100% + 0.375rem); z-index: 10;
  min-width: 15rem; max-width: calc(100vw - 2rem); padding: 0.375rem; list-style: none;
  border: 1px solid var(--border); border-radius: 10px; background: var(--surface); box-shadow: var(--shadow-lg);
}
.site nav .subscribe-menu a { display: block; color: var(--link); }
main { flex: 1; padding-block: 2rem 3rem; }
.site-footer { border-top: 1px solid var(--border); color: var(--text-2); font-size: 0.875rem; }
.footer-inner { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.25rem 1.5rem; padding-block: 1.25rem 1.5rem; }
.beacon { font-weight: 600; color: var(--text); }
.page-desc { margin-bottom: 1rem; color: var(--text-2); }
.more-recent { margin-top: 0.75rem; color: var(--text-2); }

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
`;
