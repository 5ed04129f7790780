import type { Hono } from 'hono';
import { routeHashedAssets } from '../../hashed-assets.js';
import type { AdminKit } from '../admin-kit.js';
import { mountComponentScreens } from './components-routes.js';
import { mountGroupScreens } from './groups-routes.js';
import { mountPageScreens } from './pages-routes.js';
import { REORDER_SCRIPT } from './structure-assets.js';

/**
 * The Components, Groups and Pages screens: everyone signed in reads them;
 * only admins change them (STF-3), each change audited with its actor in its own transaction (STF-7).
 */
export function mountStructureScreens(routes: Hono, kit: AdminKit): void {
  routeHashedAssets(routes, [REORDER_SCRIPT]);
  mountComponentScreens(routes, kit);
  mountGroupScreens(routes, kit);
  mountPageScreens(routes, kit);
}
