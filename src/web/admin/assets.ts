import { hashedAsset } from '../hashed-assets.js';
import { CATALOG_CSS } from './catalog/catalog-assets.js';
import { CUSTOMER_PAGES_CSS } from './customer-pages/customer-pages-assets.js';
import { INCIDENTS_CSS } from './incidents/incidents-assets.js';
import { MAINTENANCE_CSS } from './maintenance/maintenance-assets.js';
import { STRUCTURE_CSS } from './structure/structure-assets.js';
import { REVIEW_CSS } from './views/review-assets.js';

/** The dashboard's own styles, beside the public and sign-in stylesheets (no inline styles: `style-src 'self'`). */
const ADMIN_CSS = `
.admin-nav { display: flex; align-items: center; gap: 0.25rem; margin-left: auto; flex-wrap: wrap; }
.admin-nav a { padding: 0.375rem 0.625rem; border-radius: 8px; color: var(--text-2); font-weight: 500; text-decoration: none; }
.admin-nav a[aria-current="page"] { background: var(--surface-2); color: var(--text); }
.admin-nav a:hover { color: var(--text); }
.admin-nav a:focus-visible, .admin button:focus-visible, .admin select:focus-visible, .admin input:focus-visible {
  outline: 2px solid var(--focus); outline-offset: 2px;
}
.admin { margin-top: 2rem; display: grid; gap: 1.5rem; }
.admin h1 { font-size: 1.5rem; letter-spacing: -0.015em; }
.admin h2 { font-size: 1.125rem; }
.admin .card { padding: 1.25rem 1.5rem; }
.admin .lead { color: var(--text-2); margin-top: 0.5rem; }
.admin table { width: 100%; border-collapse: collapse; margin-top: 0.75rem; }
.admin th, .admin td { text-align: left; padding: 0.5rem 0.5rem 0.5rem 0; border-bottom: 1px solid var(--border); vertical-align: middle; }
.admin th { font-size: 0.8125rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--text-3); }
.admin .inline { display: inline-flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; margin: 0; }
.admin .row-form { display: flex; gap: 0.75rem; align-items: flex-start; flex-wrap: wrap; margin-top: 0.75rem; }
.admin .row-form > button { margin-top: 1.875rem; }
.admin ul.muted { margin-top: 1rem; padding-left: 1.25rem; }
.admin .row-form .field { margin-top: 0; }
.admin select, .admin .field input {
  font: inherit; padding: 0.5rem 0.625rem; border: 1px solid var(--border-strong); border-radius: 8px;
  background: var(--surface); color: var(--text);
}
/* A file input's own width (its button and "No file chosen") must not widen a phone's screen. */
.admin .field input[type='file'] { width: 100%; min-width: 0; }
.admin button { white-space: nowrap; font: inherit; cursor: pointer; border-radius: 8px; padding: 0.5rem 0.75rem; border: 1px solid var(--border-strong); background: var(--surface); color: var(--text); }
.admin button.primary { background: var(--link); border-color: var(--link); color: var(--surface); font-weight: 600; }
.admin button.danger { color: var(--t-fo); }
.admin .notice { padding: 0.75rem 1rem; border-radius: 8px; background: var(--tint-ok); color: var(--t-ok); font-weight: 600; }
.admin .notice.error { background: var(--surface-2); color: var(--t-fo); }
.admin .muted { color: var(--text-3); }
.admin .you { font-weight: 600; color: var(--t-ok); }
.admin fieldset.scope { border: 1px solid var(--border); border-radius: 8px; padding: 0.75rem 1rem; margin: 1rem 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; }
.admin fieldset.scope legend { font-weight: 600; padding: 0 0.25rem; }
.admin fieldset.scope p { flex-basis: 100%; margin: 0; }
.admin label.check { display: inline-flex; gap: 0.375rem; align-items: center; }
.admin input.token { width: 100%; font-family: var(--mono, ui-monospace, monospace); padding: 0.5rem 0.625rem; border: 1px solid var(--border-strong); border-radius: 8px; background: var(--surface-2); color: var(--text); margin-top: 0.25rem; }
@media (max-width: 640px) {
  .admin th:nth-child(3), .admin td:nth-child(3) { display: none; }
  .admin td { overflow-wrap: anywhere; }
}
`.trim();

/** Each screen's own styles, after the dashboard's. */
const SCREEN_CSS = [INCIDENTS_CSS, MAINTENANCE_CSS, STRUCTURE_CSS, CUSTOMER_PAGES_CSS, CATALOG_CSS, REVIEW_CSS];

export const ADMIN_STYLESHEET = hashedAsset('admin', 'css', [ADMIN_CSS, ...SCREEN_CSS].join('\n'));
