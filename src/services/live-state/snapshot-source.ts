import type { Snapshot } from '../../domain/snapshot.js';

/** Hands the read side an in-memory snapshot of all data. */
export interface SnapshotSource {
  /**
   * A snapshot at least as new as every revision this process has committed or been told
   * of. Resolves at once on the hot path; waits only while a reload is under way.
   */
  fresh(): Promise<Snapshot>;
}
