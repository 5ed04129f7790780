import { defaultPageAmong } from '../../../domain/pages/default-page.js';
import type { Page } from '../../../domain/pages/page.js';
import type { Snapshot } from '../../../domain/snapshot.js';

// Keyed by the pages map, which a snapshot shares with the copies a sub-page or customer page adds its groups to.
const defaults = new WeakMap<Snapshot['pages'], Page | null>();

/** The page `/` shows (the domain's one rule, `defaultPageAmong`), worked out once per snapshot. */
export function defaultPageOf(snapshot: Snapshot): Page | undefined {
  let found = defaults.get(snapshot.pages);
  if (found === undefined) {
    found = defaultPageAmong(snapshot.pages.values()) ?? null;
    defaults.set(snapshot.pages, found);
  }
  return found ?? undefined;
}
