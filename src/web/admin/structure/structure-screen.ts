import type { Context } from 'hono';
import { sendPrivateHtml } from '../../customer/respond.js';
import { REORDER_SCRIPT } from './structure-assets.js';

type ScreenStatus = 200 | 400 | 404 | 409 | 422;

/**
 * A screen with an ordered list: for staff who may rearrange it, the drag script with this
 * response's nonce, which the policy then allows (HDR-1); for anyone else no script at all.
 */
export function sendReorderScreen(
  c: Context,
  status: ScreenStatus,
  canWrite: boolean,
  render: (script?: { src: string; nonce: string }) => string,
): Response {
  if (!canWrite) return sendPrivateHtml(c, status, render(), null);
  const nonce = c.get('cspNonce');
  return sendPrivateHtml(c, status, render({ src: REORDER_SCRIPT.path, nonce }), nonce);
}

/** Where a moved entry's screen sends the focus back: `?moved=<key>&dir=up|down` after a move. */
export const movedOf = (c: Context): { key: string; direction: string } | undefined => {
  const key = c.req.query('moved');
  const direction = c.req.query('dir') ?? '';
  return key && (direction === 'up' || direction === 'down') ? { key, direction } : undefined;
};

/** The address after a move: the screen, the notice, and the entry whose button keeps the focus. */
export const afterMove = (screen: string, key: string, direction: string): string => {
  const params = new URLSearchParams({ notice: 'moved' });
  if (direction === 'up' || direction === 'down') {
    params.set('moved', key);
    params.set('dir', direction);
  }
  return `${screen}?${params.toString()}`;
};
