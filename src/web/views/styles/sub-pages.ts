/** A parent page's list of sub-pages: a grid of link tiles, each with its status. */
export const SUB_PAGES_CSS = `
/* Sub-pages */
.sub-pages { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(12.5rem, 1fr)); gap: 0.75rem; }
.sub-page {
  display: flex; flex-direction: column; align-items: flex-start; gap: 0.375rem; height: 100%;
  padding: 0.875rem 1.125rem; color: var(--text); text-decoration: none;
}
.sub-page .name { color: var(--link); }
.sub-page:hover { background: var(--surface-2); border-color: var(--border-strong); }
.sub-page:hover .name { text-decoration: underline; text-underline-offset: 0.18em; }
.sub-page:focus-visible { border-radius: var(--radius); }
/* A sub-page's way back to its parent and across to its siblings */
.family { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.5rem 1.25rem; margin-bottom: 1.25rem; font-size: 0.875rem; }
.family ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 0.875rem; }
.family a[aria-current="page"] { color: var(--text); font-weight: 650; text-decoration: none; }
`;
