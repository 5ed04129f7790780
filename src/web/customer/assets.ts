import { type HashedAsset, hashedAsset } from '../hashed-assets.js';

/*
 * The customer pages' own assets, beside the public stylesheet (which they also load): form
 * styles (no inline styles: `style-src 'self'`) and the one script of the link page.
 */

const CUSTOMER_CSS = `
.auth { max-width: 30rem; margin: 3rem auto 0; padding: 2rem; }
.auth h1 { font-size: 1.5rem; line-height: 1.25; letter-spacing: -0.015em; }
.auth p { margin-top: 0.75rem; color: var(--text-2); }
.auth form { margin-top: 1.25rem; }
.field { display: flex; flex-direction: column; gap: 0.375rem; margin-top: 1rem; }
.field label { font-weight: 600; }
.field input {
  font: inherit; padding: 0.625rem 0.75rem; border: 1px solid var(--border-strong); border-radius: 8px;
  background: var(--surface); color: var(--text);
}
.field input:focus-visible, .auth button:focus-visible, .sign-out button:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.field .hint { color: var(--text-3); font-size: 0.875rem; }
.field-error { color: var(--t-fo); font-weight: 600; }
.field-error[hidden], .field[hidden] { display: none; }
.code-input { letter-spacing: 0.2em; font-variant-numeric: tabular-nums; max-width: 12rem; }
.auth button.button { border: 0; cursor: pointer; font: inherit; font-weight: 600; }
.auth .aside { margin-top: 1.5rem; font-size: 0.875rem; }
.sign-out { display: inline; margin: 0; }
.sign-out button {
  padding: 0.375rem 0.625rem; border: 0; border-radius: 8px; background: none; cursor: pointer;
  color: var(--text-2); font: inherit; font-size: 0.9375rem; font-weight: 500;
}
.sign-out button:hover { background: var(--surface-2); color: var(--text); }
.preview-banner { background: var(--tint-mt); border-bottom: 2px solid var(--t-mt); }
.preview-banner p { padding: 0.625rem 0; color: var(--text); }
.preview-banner a { font-weight: 600; }
.tokens { margin-top: 2rem; padding: 2rem; }
.tokens h2 { margin-top: 1.5rem; font-size: 1.125rem; }
.tokens p { margin-top: 0.75rem; color: var(--text-2); }
.tokens table { width: 100%; margin-top: 0.75rem; border-collapse: collapse; }
.tokens th, .tokens td { padding: 0.5rem; text-align: left; border-bottom: 1px solid var(--border); }
.tokens form { margin-top: 0.75rem; }
.tokens td form { margin: 0; }
.tokens button.button { border: 0; cursor: pointer; font: inherit; font-weight: 600; }
.tokens button:focus-visible, .tokens input:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.tokens pre { margin-top: 0.5rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.token-created { margin-top: 1.25rem; padding: 1rem; border: 2px solid var(--t-op, var(--border-strong)); border-radius: 8px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.viewer-tokens { padding: 0.375rem 0.625rem; color: var(--text-2); font-size: 0.9375rem; }
`.trim();

/**
 * The link page's script (RED-4, RED-6): copies the token from the address's fragment into the
 * form and removes it from the address bar and history. It never submits anything (RED-2): the
 * viewer presses Continue. Plain ES5, shipped as written.
 */
const SIGN_IN_LINK_JS = `(function () {
  'use strict';
  var token = window.location.hash.replace(/^#/, '');
  if (!token) return;
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  var field = document.getElementById('link');
  var wrapper = document.getElementById('link-field');
  if (field) field.value = token;
  if (wrapper) wrapper.hidden = true;
})();
`;

export const CUSTOMER_STYLESHEET = hashedAsset('customer', 'css', CUSTOMER_CSS);
export const SIGN_IN_LINK_SCRIPT = hashedAsset('sign-in-link', 'js', SIGN_IN_LINK_JS);
export const CUSTOMER_ASSETS: readonly HashedAsset[] = [CUSTOMER_STYLESHEET, SIGN_IN_LINK_SCRIPT];
