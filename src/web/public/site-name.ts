import type { Snapshot } from '../../domain/snapshot.js';
import { defaultPageOf } from '../views/models/default-page-of.js';

/** What error pages call the site: the default page's name, or undefined while there is no public page. */
export function siteNameOf(snapshot: Snapshot): string | undefined {
  return defaultPageOf(snapshot)?.name;
}
