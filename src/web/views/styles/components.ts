/** The component list: rows, folding groups, 90-day bars and their day tooltips. */
export const COMPONENTS_CSS = `
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
/* Without scripts the bar itself is the tab stop, and shows today's tooltip while focused. */
.bar:focus-visible { outline: 2px solid var(--focus); outline-offset: 3px; border-radius: 3px; }
.legend { display: flex; align-items: center; gap: 0.75rem; margin-top: 0.5rem; color: var(--text-3); font-size: 0.75rem; white-space: nowrap; }
.legend .pct { flex: 1; display: flex; align-items: center; gap: 0.75rem; font-weight: 600; color: var(--text-2); font-variant-numeric: tabular-nums; }
.legend .pct::before, .legend .pct::after { content: ""; flex: 1; height: 1px; background: var(--border); }
/* A page showing bars only (its uptime display): the figures go, for every reader; the lines of the legend stay. */
.bars-only .legend .pct > span, .bars-only .uptime > .vh { display: none; }
.l30 { display: none; }

/* Day tooltips: the day's sentence, visually hidden until hovered or focused; the date leads in bold
   after a dot in the day's colour. */
.bar > li > span {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap;
}
.bar > li:hover > span, .bar > li:focus > span, .bar:focus > li:last-child > span {
  z-index: 10; bottom: calc(100% + 10px); left: 50%; transform: translateX(-50%);
  width: max-content; max-width: min(17rem, calc(100vw - 2rem)); height: auto; overflow: visible; clip-path: none;
  display: grid; row-gap: 0.125rem;
  padding: 0.625rem 0.75rem; border-radius: 10px;
  background: var(--tip-bg); color: var(--tip-text); box-shadow: var(--shadow-lg);
  font-size: 0.8125rem; line-height: 1.4; white-space: normal; text-align: left; pointer-events: none;
}
.bar > li:hover::after, .bar > li:focus::after, .bar:focus > li:last-child::after {
  content: ""; position: absolute; z-index: 11; bottom: calc(100% + 4px); left: 50%; margin-left: -6px;
  border: 6px solid transparent; border-bottom: 0; border-top-color: var(--tip-bg);
}
.bar b { font-weight: 650; }
.bar b::before {
  content: ""; display: inline-block; width: 0.5rem; height: 0.5rem; margin-right: 0.375rem; border-radius: 50%;
  background: var(--c-ok); vertical-align: 0.0625em;
}
.bar .nd b::before { background: var(--c-nd); }
.bar .mt b::before { background: var(--c-mt); }
.bar .dg b::before { background: var(--c-dg); }
.bar .po b::before { background: var(--c-po); }
.bar .fo b::before { background: var(--c-fo); }
/* Keep tooltips of the first and last days on screen. */
.bar > li:nth-child(-n+16) > span { left: 0; transform: none; }
.bar > li:nth-child(n+75) > span { left: auto; right: 0; transform: none; }
`;
