/** Narrow screens (30 days of history, stacked rows), reduced motion and print. */
export const RESPONSIVE_CSS = `
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
