import type { PageKindsIndex } from '../../domain/pages/page-kinds-index.js';
import type { Snapshot } from '../../domain/snapshot.js';

/** Hands the read side an in-memory snapshot of all data. */
export interface SnapshotSource {
  /**
   * A snapshot at least as new as every revision this process has committed or been told
   * of. Resolves at once on the hot path; waits only while a reload is under way.
   */
  fresh(): Promise<Snapshot>;
  /**
   * The page-kinds index of `snapshot` (sub-pages, customer pages), built on its first use and kept
   * as long as the snapshot lives: one per snapshot, never one per request.
   *
   * @example const page = resolveCustomerPage(snapshots.pageKinds(snapshot), token, slug)
   */
  pageKinds(snapshot: Snapshot): PageKindsIndex;
}
