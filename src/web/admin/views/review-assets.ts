/**
 * The review panel's preview: a framed piece of a public page, drawn by the public views with the
 * public stylesheet (linked on every dashboard screen). The dashboard's own rules for headings and
 * cards would restyle it, so inside the frame they are set back to the public page's.
 */
export const REVIEW_CSS = `
.admin .review .preview { margin-top: 1.25rem; padding-top: 1rem; border-top: 1px solid var(--border); }
.admin .review .preview > h3 { font-size: 1rem; }
.admin .review .preview > .muted { margin-top: 0.25rem; }
.admin .preview-page { margin-top: 0.75rem; padding: 1rem; background: var(--bg); border: 1px dashed var(--border-strong); border-radius: var(--radius); }
.admin .preview-page .banner h4 { font-size: 1.25rem; line-height: 1.25; font-weight: 700; letter-spacing: -0.015em; margin: 0; }
.admin .preview-page .section { margin-top: 1.5rem; }
.admin .preview-page .section h2 { font-size: 1.0625rem; font-weight: 650; letter-spacing: -0.005em; }
.admin .preview-page .incident h3 { font-size: 1.0625rem; }
.admin .preview-page .card.rows { padding: 0; }
.admin .preview-page .card.empty { padding: 1.25rem 1.5rem; margin-top: 1.5rem; }
`.trim();
