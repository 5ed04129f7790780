import { defaultPageAmong } from '../../domain/pages/default-page.js';
import type { Page } from '../../domain/pages/page.js';
import type { Snapshot } from '../../domain/snapshot.js';

const defaults = new WeakMap<Snapshot, Page | null>();

/** The page `/` shows (see `defaultPageAmong`), computed once per snapshot. */
export function defaultPageOf(snapshot: Snapshot): Page | undefined {
  let found = defaults.get(snapshot);
  if (found === undefined) {
    found = defaultPageAmong(snapshot.pages.values()) ?? null;
    defaults.set(snapshot, found);
  }
  return found ?? undefined;
}

/** What error pages call the site: the default page's name, or undefined while there is no public page. */
export function siteNameOf(snapshot: Snapshot): string | undefined {
  return defaultPageOf(snapshot)?.name;
}
