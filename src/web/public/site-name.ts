import type { Page } from '../../domain/pages/page.js';
import type { Snapshot } from '../../domain/snapshot.js';

const defaults = new WeakMap<Snapshot, Page | null>();

/**
 * The page `/` shows: the flagged default, else the oldest page, so `/` shows something once any page
 * exists. A customer page set is never it (its pages are served only at their unlisted URLs).
 * Computed once per snapshot.
 */
export function defaultPageOf(snapshot: Snapshot): Page | undefined {
  let found = defaults.get(snapshot);
  if (found === undefined) {
    found = null;
    for (const page of snapshot.pages.values()) {
      if (page.kind === 'customer_set') continue;
      if (!found || (page.isDefault && !found.isDefault) || (page.isDefault === found.isDefault && page.createdAt < found.createdAt))
        found = page;
    }
    defaults.set(snapshot, found);
  }
  return found ?? undefined;
}

/** What error pages call the site: the default page's name, or undefined while there is no page. */
export function siteNameOf(snapshot: Snapshot): string | undefined {
  return defaultPageOf(snapshot)?.name;
}
