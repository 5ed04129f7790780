import { type HashedAsset, hashedAsset } from '../hashed-assets.js';

/* The subscription pages' few styles beyond the sign-in pages' (no inline styles: `style-src 'self'`). */
const SUBSCRIPTION_CSS = `
.subscription fieldset { margin-top: 1.25rem; padding: 0; border: 0; }
.subscription legend { font-weight: 600; }
.subscription .choice { display: flex; gap: 0.5rem; align-items: baseline; margin-top: 0.5rem; }
.subscription .choice input { margin: 0; }
.subscription .components { margin: 0.5rem 0 0 1.5rem; padding: 0; list-style: none; }
.subscription .components ul { margin: 0.25rem 0 0 1.25rem; padding: 0; list-style: none; }
.subscription .group-name { margin-top: 0.75rem; font-weight: 600; color: var(--text-2); }
.subscription input:focus-visible, .subscription button:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.subscription .secondary { margin-top: 1.5rem; padding-top: 1rem; border-top: 1px solid var(--border); }
.subscription button.link-button { border: 0; padding: 0; background: none; color: var(--link); cursor: pointer; font: inherit; text-decoration: underline; }
`.trim();

export const SUBSCRIPTION_STYLESHEET = hashedAsset('subscriptions', 'css', SUBSCRIPTION_CSS);
export const SUBSCRIPTION_ASSETS: readonly HashedAsset[] = [SUBSCRIPTION_STYLESHEET];
